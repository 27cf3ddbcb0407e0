export { confirmDependant } from "../dependants/confirm.ts";
export { attachGuardianshipDocument, readGuardianshipDocument } from "../dependants/guardianship.ts";
export { type DependantInput, listRequests, requestDependant, requestView } from "../dependants/request.ts";
export { decideRequest, reviewQueue } from "../dependants/review.ts";
