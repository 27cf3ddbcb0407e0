// issue 16: the seam; the code moves here from services/cycles.service.ts in step 2.
export { applyDebitAnswer } from "../services/cycles.service.ts";
