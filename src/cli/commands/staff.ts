export { registerStaffCommands } from "../../auth/staff.cli.ts";
