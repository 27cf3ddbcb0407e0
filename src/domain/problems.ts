/**
 * The one error registry: stable problem types (RFC 9457) with their HTTP status and title. A code not
 * listed here does not compile (`ProblemCode`), so every refusal has its status and title.
 */
export const PROBLEMS = {
  validation: { status: 400, title: "The request is not valid" },
  unauthenticated: { status: 401, title: "Sign in first" },
  forbidden: { status: 403, title: "Your role may not do this" },
  not_found: { status: 404, title: "Not found" },
  conflict: { status: 409, title: "Conflicts with the current state" },
  proof_pending: { status: 409, title: "The cycle's proofs are being built" },
  duplicate_person: { status: 409, title: "This person already has an account" },
  idempotency_key_reused: { status: 422, title: "The idempotency key was used for a different request" },
  rate_limited: { status: 429, title: "Too many attempts; try again after Retry-After seconds" },
  invalid_resident_id: { status: 400, title: "The resident ID is not valid" },
  invalid_mobile: { status: 400, title: "The mobile number is not valid" },
  invalid_code: { status: 400, title: "The one-time code is wrong or expired" },
  invalid_credentials: { status: 401, title: "Wrong username, password or second-factor code" },
  account_disabled: { status: 403, title: "This staff account is disabled" },
  real_name_required: { status: 403, title: "Confirm your name and resident ID to sign in on this number" },
  real_name_mismatch: { status: 403, title: "The name and resident ID do not match the account" },
  not_a_minor: { status: 400, title: "A child dependant must be under 18" },
  implausible_relation: { status: 422, title: "The relation does not fit the birth dates" },
  request_wrong_state: { status: 409, title: "The dependant request is not in a state that allows this" },
  age_limit: { status: 422, title: "Outside the plan's age limits" },
  health_declaration: { status: 422, title: "Does not meet the plan's health requirements" },
  declaration_incomplete: { status: 400, title: "The health declaration is incomplete" },
  declaration_outdated: { status: 409, title: "The health declaration questions have changed" },
  occupation_excluded: { status: 422, title: "The occupation cannot join this plan" },
  invitation_required: { status: 422, title: "This plan needs a valid invitation code" },
  unknown_tier: { status: 400, title: "No such tier" },
  not_eligible: { status: 422, title: "Not eligible for this plan" },
  already_joined: { status: 409, title: "Already a participant of this plan" },
  plan_not_open: { status: 409, title: "The plan does not accept members" },
  insufficient_balance: { status: 409, title: "The balance is below what this needs" },
  participation_ended: { status: 409, title: "The participation has ended" },
  payment_failed: { status: 402, title: "The payment provider refused the payment" },
  payment_pending: { status: 202, title: "The payment is still being processed" },
  invalid_signature: { status: 401, title: "The webhook signature does not verify" },
  document_active_content: { status: 415, title: "The document carries HTML, script or actions" },
  separation_of_duties: { status: 403, title: "One person may not hold both duties on this claim" },
  not_deceased: { status: 422, title: "The member is not recorded as deceased" },
  invalid_date: { status: 400, title: "The date is not valid" },
  invalid_amount: { status: 400, title: "The amount is not valid" },
  negative_amount: { status: 400, title: "The amount must not be negative" },
  not_covered: { status: 422, title: "The plan does not cover this" },
  payload_too_large: { status: 413, title: "The body is too large" },
  unsupported_media_type: { status: 415, title: "This content type is not accepted here" },
  method_not_allowed: { status: 405, title: "This method is not allowed here" },
  uri_too_long: { status: 414, title: "A part of the address is too long" },
  // Codes of the plan files, scenarios and imports: the CLI shows them; HTTP wraps them in "validation".
  invalid_plan: { status: 400, title: "The plan document is not valid" },
  invalid_yaml: { status: 400, title: "The file is not valid YAML" },
  unknown_plan: { status: 404, title: "No such plan" },
  invalid_scenario: { status: 400, title: "The scenario is not valid" },
  file_not_found: { status: 400, title: "The file cannot be read" },
  // A ledger transaction that does not balance is a bug in our code, never the caller's.
  unbalanced: { status: 500, title: "A ledger transaction does not balance" },
  internal: { status: 500, title: "Something went wrong on our side" },
  // Claims (once registered by claims.routes.ts).
  claim_wrong_state: { status: 409, title: "The claim is not in a state that allows this" },
  claim_deadline_passed: { status: 422, title: "The deadline for this has passed" },
  claim_duplicate: { status: 409, title: "This illness already has an open claim" },
  documents_missing: { status: 409, title: "Upload the documents first" },
  document_type: { status: 415, title: "This kind of document is not accepted" },
  document_too_large: { status: 413, title: "The document is too large" },
  not_assigned: { status: 403, title: "You are not assigned to this claim" },
  not_appealable: { status: 409, title: "This decision cannot be appealed" },
  no_jury: { status: 409, title: "The plan has no jury" },
  not_a_juror: { status: 403, title: "You were not drawn for this jury" },
  jury_closed: { status: 409, title: "The jury's vote has closed" },
  // Claims, issue 17.
  not_sharing_member: { status: 403, title: "Only members sharing in this plan may object" },
  already_objected: { status: 409, title: "You have already objected to this claim" },
  invitation_limit: { status: 409, title: "No more invitation codes may be issued" },
  // Governance (once registered by governance.routes.ts).
  proposal_wrong_state: { status: 409, title: "The proposal is not in a state that allows this" },
  notice_too_short: { status: 422, title: "The notice is shorter than the charter asks" },
  vote_required: { status: 409, title: "This change needs the members' vote" },
  voting_closed: { status: 409, title: "The vote has closed" },
  voting_open: { status: 409, title: "The vote is still open" },
  // Members' money (issue 17: debit authorisation, disputes).
  authorisation_not_signed: { status: 409, title: "No debit authorisation is signed" },
  already_disputed: { status: 409, title: "This deduction is already disputed" },
  dispute_decided: { status: 409, title: "This dispute has been decided" },
  no_prepaid_participation: {
    status: 409,
    title: "A top-up funds a prepaid participation, and there is none",
  },
  // Issue 17: a plan's terms change only by its own process.
  terms_locked: { status: 409, title: "A launched plan's terms change only by an adopted proposal" },
  consultation_required: { status: 409, title: "The charter asks for consultation before launch" },
  // Cycles' calendar: no step before its date, no answer after the collection.
  step_not_due: { status: 409, title: "This cycle step is not due yet by the application's clock" },
  confirmation_closed: { status: 409, title: "The collection of this cycle has run: the share is settled" },
  // Operations (issue 20).
  not_ready: { status: 503, title: "Not ready to serve" },
  job_not_failed: { status: 409, title: "Only a failed job can be retried" },
  // Faults (issue 20): a server-side fault, said plainly; try again once it is fixed.
  payment_provider_unavailable: {
    status: 503,
    title: "The payment provider cannot be reached or did not answer in time; try again later",
  },
  disk_full: { status: 503, title: "The database's disk is full; nothing was written" },
  database_unavailable: { status: 503, title: "The database cannot be reached; try again later" },
  // Personal data (issue 20).
  erasure_blocked: { status: 409, title: "What is still open must be settled before an erasure" },
  already_erased: { status: 409, title: "This member's personal data is already erased" },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemCode = keyof typeof PROBLEMS;

export function isProblemCode(code: string): code is ProblemCode {
  return Object.hasOwn(PROBLEMS, code);
}
