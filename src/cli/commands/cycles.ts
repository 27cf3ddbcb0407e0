export { registerCycleCommands } from "../../cycles/cycles.cli.ts";
