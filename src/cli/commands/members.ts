export { registerMemberCommands } from "../../import/import.cli.ts";
