import { any, arr, bool, int, list, nullable, obj, page, str } from "../domain/json-schema.ts";

const Document = obj({ sha256: str, contentType: str, sizeBytes: int, kind: str }, ["sha256"]);
const Finding = obj({
  findings: str,
  expertOpinion: nullable(str),
  diagnosisProven: bool,
  preExisting: bool,
  falseClaim: bool,
  at: str,
});
/** A reason's code and parameters (src/domain/claim/reasons.ts), null where an old row has none. */
const ReasonCoded = { reasonCode: nullable(str), reasonParams: nullable(obj({})) };
const Transition = obj(
  {
    from: nullable(str),
    to: str,
    action: str,
    actor: str,
    reason: nullable(str),
    ...ReasonCoded,
    note: str,
    ruleVersion: nullable(str),
    on: str,
    at: str,
  },
  ["note"],
);
/** The decision as stored (domain/claim/decision.ts StoredDecision): approved with the benefit, or refused with the reason. */
const Decision = obj(
  {
    approved: bool,
    reason: nullable(str),
    explanation: str,
    ...ReasonCoded,
    benefitFen: nullable(int),
    scheduleFen: nullable(int),
    phaseInBp: nullable(int),
    ruleVersion: nullable(str),
    by: str,
  },
  // only the two are sure: a decision written by hand or imported may hold no more
  ["reason", "reasonCode", "reasonParams", "benefitFen", "scheduleFen", "phaseInBp", "ruleVersion", "by"],
);

/** A claim as its reader may see it (claims/views.ts claimView): free text only for the privy. */
export const ClaimSchema = obj(
  {
    claimId: int,
    planId: str,
    participationId: int,
    memberId: int,
    nameMasked: str,
    idMasked: str,
    ageAtDiagnosis: int,
    sex: str,
    event: str,
    diagnosedOn: str,
    reportedOn: str,
    afterDeath: bool,
    ruleVersion: nullable(str),
    state: str,
    description: str,
    deadlines: obj({
      documentsDueOn: nullable(str),
      reviewDueOn: nullable(str),
      appealDueOn: nullable(str),
      publicityEndsOn: nullable(str),
      payoutDueOn: nullable(str),
    }),
    complexity: nullable(str),
    reviewerId: nullable(int),
    investigatorId: nullable(int),
    decision: nullable(Decision),
    benefitFen: nullable(int),
    payout: obj(
      {
        paidFen: nullable(int),
        cutFen: nullable(int),
        cycleId: nullable(int),
        reason: obj({ cause: str, text: str, reasonCode: str, reasonParams: obj({}) }),
      },
      [],
    ),
    publishedOn: nullable(str),
    appealed: bool,
    explanationRequested: bool,
    caseId: nullable(int),
    deposit: obj({ fen: nullable(int), status: nullable(str) }),
    documents: arr(Document),
    findings: arr(Finding),
    objections: arr(obj({ grounds: str, at: str, objector: any }, ["objector"])),
    explanations: arr(obj({ text: str, at: str })),
    signals: any,
    transitions: arr(Transition),
  },
  [
    "ageAtDiagnosis",
    "sex",
    "description",
    "payout",
    "documents",
    "findings",
    "objections",
    "explanations",
    "signals",
    "transitions",
  ],
);
export const ClaimListSchema = page(ClaimSchema);
export const UploadedDocumentSchema = Document;
export const ObjectionSchema = obj({ claimId: int, state: str, objectedOn: str });

/** A juror's ballot as recorded (a second vote returns the first). */
export const JuryVoteSchema = obj({ claimId: int, inFavour: bool, at: str, alreadyVoted: bool });

/** The masked case file a drawn juror reads (claims/case-file.ts). */
export const JuryCaseSchema = obj({
  claimId: int,
  planId: str,
  applicant: obj({ nameMasked: str, ageBand: str }),
  event: str,
  diagnosedOn: str,
  reportedOn: str,
  ruleVersion: nullable(str),
  decision: nullable(obj({ reason: nullable(str), explanation: str, ...ReasonCoded }, ["reason"])),
  reasons: arr(obj({ action: str, to: str, reason: nullable(str), ...ReasonCoded, on: str })),
  findings: arr(Finding),
  documents: arr(obj({ kind: str, contentType: str, sizeBytes: int })),
  vote: obj({ closesAt: str, path: str }),
});

const Tally = obj({ outcome: str, inFavour: int, against: int });

/** The jury's public record (claims/jury.ts juryRecord). */
export const JuryRecordSchema = obj({
  claimId: int,
  seed: str,
  seedInputs: obj({ claimId: int, logSize: int, logRootHex: str }),
  candidates: obj({ count: int, digest: str }),
  jurySize: int,
  rule: obj({ overturnAboveBp: int, quorum: int }),
  drawnAt: str,
  closesAt: str,
  jurors: arr(str),
  tally: nullable(Tally),
  /** once tallied: each juror's reason with its choice, unattributed (not in voting order) */
  reasons: arr(obj({ inFavour: bool, reason: str })),
});

/** GET /juries: the juries the signed-in member was drawn for, newest first, with their vote and result. */
export const JuryInvitationsSchema = list(
  obj({
    claimId: int,
    planId: str,
    drawnAt: str,
    closesAt: str,
    myVote: nullable(bool),
    tally: nullable(Tally),
  }),
);
