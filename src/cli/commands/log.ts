export { registerLogCommands } from "../../log/log.cli.ts";
