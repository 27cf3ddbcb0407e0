export { applyBalanceRulesIn } from "../services/enrolment.service.ts";
