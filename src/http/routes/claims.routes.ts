export { claimRoutes } from "../../claims/claims.routes.ts";
