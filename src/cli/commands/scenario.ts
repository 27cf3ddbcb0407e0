export { registerScenarioCommands } from "../../sim/scenario/scenario.cli.ts";
