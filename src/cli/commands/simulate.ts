export { registerSimulateCommands } from "../../sim/actuarial/simulate.cli.ts";
