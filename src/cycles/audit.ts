// issue 16: the seam; the code moves here from services/cycles.service.ts in step 2.
export { auditCycles } from "../services/cycles.service.ts";
