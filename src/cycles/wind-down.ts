// issue 16: the seam; the code moves here from services/cycles.service.ts in step 2.
export { finishWindDown, startWindDown, startWindDownIn } from "../services/cycles.service.ts";
