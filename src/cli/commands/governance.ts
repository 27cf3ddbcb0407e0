export { registerGovernanceCommands } from "../../governance/governance.cli.ts";
