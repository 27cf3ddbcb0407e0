export { type AdvanceReport, advanceClaims } from "../services/claims.service.ts";
