export { registerServerCommands } from "../server.cli.ts";
