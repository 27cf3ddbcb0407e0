import { arr, int, nullable, obj, page, str, strEnum } from "../domain/json-schema.ts";

const SumRoot = obj({ hash: str, count: int, sumFen: int });
const SumStep = obj({ side: strEnum("left", "right"), hash: str, count: int, sumFen: int });

/** GET /cycles: a cycle's disclosure (domain/cycle/disclosure.ts), public and kept forever. */
export const CycleDisclosureSchema = obj(
  {
    cycleId: int,
    status: str,
    planId: str,
    announcedOn: str,
    collectOn: str,
    ruleVersion: str,
    cases: int,
    benefitsFen: int,
    approvedBenefitsFen: int,
    feesFen: int,
    surplusInFen: int,
    surplusOutFen: int,
    sponsorFen: int,
    benefitCutFen: int,
    sharingMembers: int,
    sharingWeight: str,
    shares: arr(obj({ weight: str, members: int, shareFen: int })),
    collectedFen: nullable(int),
    failedFen: nullable(int),
    advancedFen: nullable(int),
    pendingFen: int,
    retriesDone: int,
    writtenOffFen: int,
    recoveredLaterFen: int,
    shareRoot: nullable(SumRoot),
  },
  ["pendingFen", "retriesDone", "writtenOffFen", "recoveredLaterFen"],
);
export const CycleListSchema = page(CycleDisclosureSchema);

/** A member's proof that their share is in one cycle's total. */
export const ShareProofSchema = obj({
  member: str,
  shareFen: int,
  // format 2 leaves (issue 19) commit to these too; null in a format 1 leaf (cycles before migration 165)
  participation: nullable(int),
  weightUnits: nullable(int),
  proof: arr(SumStep),
});

/** GET /cycles/members/{pseudonym}/shares: each cycle's share, its proof, and the log entry of its root. */
export const MemberSharesSchema = obj(
  {
    items: arr(
      obj({
        cycleId: int,
        plan: str,
        announcedOn: str,
        root: nullable(SumRoot),
        logIndex: nullable(int),
        shareFen: int,
        participation: nullable(int),
        weightUnits: nullable(int),
        proof: arr(SumStep),
      }),
    ),
    nextCursor: nullable(str),
    /** Cycles of this page whose proofs were being built: asked again shortly, they are listed. */
    proofsPending: arr(int),
  },
  ["nextCursor"],
);

/** POST /cycles/{cycleId}/confirm: the share's state after the confirmation (confirmed, or as it was). */
export const ConfirmedShareSchema = obj({ status: str, shareFen: int });
