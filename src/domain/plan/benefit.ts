import { type Fen, fen, floorToFen, minFen } from "../money.ts";
import { err, ok, problem, type Result } from "../result.ts";
import type { BenefitFormula, Rules } from "./schema.ts";
import { phaseInBp } from "./waiting.ts";

export type BenefitQuery = {
  readonly event: string;
  readonly tier: string;
  readonly ageAtJoining: number;
  readonly ageAtDiagnosis: number;
  /** Day of membership at diagnosis (joining day = 1). */
  readonly membershipDay: number;
  /** What the member has contributed to the plan so far (shares paid), for the formula kinds. */
  readonly ownContributionsFen: Fen;
  /** The plan's effective members when the benefit is fixed, for "k × effective members". */
  readonly effectiveMembers: number;
};

export type Benefit = {
  /** The schedule's amount before phase-in. */
  readonly scheduleFen: Fen;
  readonly phaseInBp: number;
  /** What is payable: the schedule amount × the phase-in fraction, rounded down to the fen. */
  readonly benefitFen: Fen;
  readonly formula: BenefitFormula["kind"];
};

/** The benefit for a diagnosis by the schedule: the first row matching event, tier and age band. */
export function benefitFor(rules: Rules, q: BenefitQuery): Result<Benefit> {
  if (!rules.eventClasses.some((e) => e.id === q.event)) {
    return err(problem("not_covered", `the plan does not cover the event class "${q.event}"`, "event"));
  }
  const age = rules.benefits.ageBasis === "joining" ? q.ageAtJoining : q.ageAtDiagnosis;
  const row = rules.benefits.schedule.find(
    (r) =>
      r.event === q.event &&
      (r.tier === undefined || r.tier === q.tier) &&
      (r.ages?.from === undefined || age >= r.ages.from) &&
      (r.ages?.to === undefined || age <= r.ages.to),
  );
  if (!row) {
    return err(
      problem(
        "age_limit",
        `no benefit for "${q.event}" at age ${age} (${rules.benefits.ageBasis}) in tier "${q.tier}"`,
        "event",
      ),
    );
  }
  const f = row.benefit;
  if (f.kind === "refundBeforeObservation" && q.membershipDay <= f.observationDays) {
    // 安家30: inside the observation period the member's own contributions come back, in full.
    return ok({
      scheduleFen: q.ownContributionsFen,
      phaseInBp: 10_000,
      benefitFen: q.ownContributionsFen,
      formula: f.kind,
    });
  }
  const scheduleFen = scheduleAmount(f, q);
  const bp = phaseInBp(rules, q.membershipDay);
  return ok({
    scheduleFen,
    phaseInBp: bp,
    benefitFen: floorToFen(scheduleFen, BigInt(bp), 10_000n),
    formula: f.kind,
  });
}

function scheduleAmount(f: BenefitFormula, q: BenefitQuery): Fen {
  switch (f.kind) {
    case "fixed":
      return f.amount;
    case "perEffectiveMember":
      return minFen(fen(f.perMember * q.effectiveMembers), f.max);
    case "basePlusContributions": {
      const amount = fen(f.base + f.multiplier * q.ownContributionsFen);
      return f.max === undefined ? amount : minFen(amount, f.max);
    }
    case "refundBeforeObservation":
      return f.amount;
  }
}
