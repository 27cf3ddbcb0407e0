export { registerClaimCommands } from "../../claims/claims.cli.ts";
