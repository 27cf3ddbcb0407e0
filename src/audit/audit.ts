export { auditStaffRead } from "../services/audit.service.ts";
