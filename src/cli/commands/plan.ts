export { registerPlanCommands } from "../../plans/plans.cli.ts";
