export { registerDemoCommands } from "../../sim/scenario/demo.cli.ts";
