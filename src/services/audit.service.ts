export { auditStaffRead } from "../audit/audit.ts";
