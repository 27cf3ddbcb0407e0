export { todayOf } from "../deps.ts";
export { applyBalanceRules, applyBalanceRulesIn } from "../enrolment/balance-rules.ts";
export { endParticipation } from "../enrolment/end-participation.ts";
export { exit } from "../enrolment/exit.ts";
export { type JoinInput, join } from "../enrolment/join.ts";
export { setShareMode } from "../enrolment/share-mode.ts";
export { transferDueParticipations } from "../enrolment/transfers.ts";
export {
  getParticipation,
  listParticipations,
  type ParticipationView,
  participationFor,
} from "../enrolment/views.ts";
