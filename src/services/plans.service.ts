// issue 16: plans moved to src/plans/; these re-exports keep the other packages' imports until the lead repoints them
export { installPlan } from "../plans/install.ts";
export { installPresets } from "../plans/presets.ts";
export { listPlans, loadStoredPlan } from "../plans/stored-plan.ts";
