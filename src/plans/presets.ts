export { installPlan, installPresets } from "../services/plans.service.ts";
