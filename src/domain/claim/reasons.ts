import type { CivilDate } from "../calendar.ts";
import type { ClaimReason } from "../plan/decision.ts";

/*
 * Why a claim moved, was decided or was paid as it was: a stable code with typed parameters, from
 * which the English sentence is rendered (here, once) and each language's sentence in the app
 * (`claims.why.<code>` in web/src/i18n). The server keeps the English beside the code for other
 * clients; the two come from the same code and parameters, so they cannot say different things.
 */

/** What each kind of parameter holds, so the app knows how to show it (an amount as yuan, a date…). */
type Kinds = {
  /** a civil date, YYYY-MM-DD */
  date: CivilDate;
  /** a whole number: votes, members, days, membership days */
  count: number;
  /** an id of a cycle, a case, a staff member */
  id: number;
  /** an amount in fen */
  fen: number;
  /** basis points (5000 = 50%) */
  bp: number;
  /** a percentage already rounded, as text ("69.4") */
  percent: string;
  /** words as someone wrote them (a reviewer's reason to investigate), shown as written */
  text: string;
  /** the reviewer's note on a refusal, possibly empty; shown in brackets when present */
  note: string;
  documentKind: string;
  complexity: "clear" | "complex" | "veryComplex";
  /** an event class id of the plan's rules */
  event: string;
  refusal: ClaimReason;
  ageBasis: "joining" | "diagnosis";
  caps: ReadonlyArray<{ readonly kind: "perCase" | "perCycle" | "perYear"; readonly amountFen: number }>;
};
export type ParamKind = keyof Kinds;
type Spec = Readonly<Record<string, ParamKind>>;
type ParamsOf<S extends Spec> = { readonly [K in keyof S]: Kinds[S[K]] };

const def = <const S extends Spec>(params: S, en: (p: ParamsOf<S>) => string) => ({ params, en });
const noted = (note: string) => (note ? ` (${note})` : "");
const capsText = (caps: Kinds["caps"]) => caps.map((c) => `${c.kind} ≤ ${c.amountFen} fen`).join(", ");
const tally = { inFavour: "count", cast: "count", percent: "percent", thresholdBp: "bp" } as const;
const tallyText = (p: ParamsOf<typeof tally>, outcome: string) =>
  `${p.inFavour} of ${p.cast} votes (${p.percent}%) in favour of the claimant; more than ${p.thresholdBp / 100}% overturns: ${outcome}`;

/** Every reason code with its parameters and its English sentence. */
export const REASONS = {
  // the claim's steps (claim_transitions)
  reported: def(
    { reportedOn: "date", diagnosedOn: "date", dueOn: "date" },
    (p) => `reported on ${p.reportedOn}, diagnosed on ${p.diagnosedOn} (deadline ${p.dueOn})`,
  ),
  reported_after_death: def(
    { reportedOn: "date", diagnosedOn: "date", dueOn: "date" },
    (p) => `reported after a death on ${p.reportedOn}, diagnosed on ${p.diagnosedOn} (deadline ${p.dueOn})`,
  ),
  document_uploaded: def({ kind: "documentKind", sha: "text" }, (p) => `document ${p.kind} ${p.sha}`),
  submitted: def({}, () => "documents submitted"),
  assigned_reviewer: def({ reviewerId: "id" }, (p) => `reviewer ${p.reviewerId}`),
  assigned_complexity: def({ complexity: "complexity" }, (p) => `complexity ${p.complexity}`),
  assigned_reviewer_complexity: def(
    { reviewerId: "id", complexity: "complexity" },
    (p) => `reviewer ${p.reviewerId}, complexity ${p.complexity}`,
  ),
  assignment_unchanged: def({}, () => "assignment unchanged"),
  investigation_started: def({ text: "text" }, (p) => p.text),
  findings_recorded: def({}, () => "findings recorded"),
  appealed: def(
    { refusal: "refusal", jurors: "count" },
    (p) => `appeal of "${p.refusal}"; ${p.jurors} jurors drawn`,
  ),
  objected: def({}, () => "objection during publicity; the applicant is asked to explain"),
  explained: def({}, () => "the applicant explained"),
  withdrawn: def({}, () => "withdrawn by the applicant"),
  lapsed: def({ dueOn: "date" }, (p) => `no documents submitted by ${p.dueOn}`),
  shared: def(
    { publicityEndsOn: "date", caseId: "id" },
    (p) =>
      `publicity ended on ${p.publicityEndsOn} without objection; case ${p.caseId} enters the next cycle`,
  ),
  paid_by_cycle: def(
    { cycleId: "id", collectOn: "date" },
    (p) => `paid in one sum by cycle ${p.cycleId} after collection on ${p.collectOn}`,
  ),
  paid: def({}, () => "paid"),
  // decisions (decideClaim, judge)
  approved: def(
    { ruleVersion: "date", phaseInBp: "bp", membershipDay: "count" },
    (p) =>
      `approved under the rules of ${p.ruleVersion}: ${p.phaseInBp / 100}% of the scheduled amount on membership day ${p.membershipDay}`,
  ),
  no_rules_in_force: def(
    { diagnosedOn: "date" },
    (p) => `the plan had no rules in force on ${p.diagnosedOn}`,
  ),
  not_a_member: def(
    { diagnosedOn: "date" },
    (p) => `not a member of the plan on the diagnosis date ${p.diagnosedOn}`,
  ),
  suspended: def({}, () => "protection was suspended on the diagnosis date"),
  late_report: def(
    { reportedAfterDays: "count", limitDays: "count" },
    (p) => `reported ${p.reportedAfterDays} days after the diagnosis; the limit is ${p.limitDays} days`,
  ),
  not_covered: def({ event: "event" }, (p) => `the plan does not cover "${p.event}"`),
  pre_existing: def({}, () => "the condition existed before joining, against the health declaration"),
  waiting_period: def(
    { diagnosedOn: "date", waitingDays: "count", coveredFrom: "date" },
    (p) =>
      `diagnosed on ${p.diagnosedOn}, inside the ${p.waitingDays}-day waiting period (cover from ${p.coveredFrom}); the participation ends`,
  ),
  age_limit: def(
    { event: "event", age: "count", ageBasis: "ageBasis", tier: "text" },
    (p) => `no benefit for "${p.event}" at age ${p.age} (${p.ageBasis}) in tier "${p.tier}"`,
  ),
  nothing_paid_in: def(
    { membershipDay: "count" },
    (p) =>
      `membership day ${p.membershipDay} is inside the observation period, where the benefit is the contributions paid; none were paid yet`,
  ),
  phase_in: def(
    { membershipDay: "count" },
    (p) => `membership day ${p.membershipDay} is before the first phase-in step`,
  ),
  phase_in_below_fen: def(
    { membershipDay: "count" },
    (p) => `on membership day ${p.membershipDay} the phase-in leaves less than a fen of the scheduled amount`,
  ),
  not_proven: def({ note: "note" }, (p) => `the documents do not prove the diagnosis${noted(p.note)}`),
  false_claim: def(
    { note: "note" },
    (p) => `the claim was found false; the deposit is forfeited${noted(p.note)}`,
  ),
  // the jury's tally (tallyJury)
  jury_no_quorum: def(
    { cast: "count", quorum: "count" },
    (p) => `${p.cast} votes cast, below the quorum of ${p.quorum}: the decision stands`,
  ),
  jury_overturned: def(tally, (p) => tallyText(p, "the decision is overturned")),
  jury_upheld: def(tally, (p) => tallyText(p, "the decision stands")),
  // what was paid, and why (payoutReason)
  payout_waiting: def(
    {},
    () => "approved; waiting for the next cycle with sharing members to be apportioned",
  ),
  payout_announced: def(
    { cycleId: "id", sharingMembers: "count", collectOn: "date" },
    (p) =>
      `apportioned in cycle ${p.cycleId} among ${p.sharingMembers} sharing members; paid after the collection on ${p.collectOn}`,
  ),
  payout_paid_in_full: def(
    { cycleId: "id", collectOn: "date" },
    (p) => `paid in full by cycle ${p.cycleId} after collection on ${p.collectOn}`,
  ),
  payout_capped: def(
    { caps: "caps", cycleId: "id", sharingMembers: "count", cutFen: "fen" },
    (p) =>
      `the plan's caps on each member's share (${capsText(p.caps)}) limited what cycle ${p.cycleId}'s ${p.sharingMembers} sharing members paid; the rules take the excess from the benefit: ${p.cutFen} fen less than approved`,
  ),
  payout_shortfall: def(
    { cycleId: "id", sharingMembers: "count", cutFen: "fen" },
    (p) =>
      `cycle ${p.cycleId}'s ${p.sharingMembers} sharing members did not cover the benefit and the rules take the shortfall from it: ${p.cutFen} fen less than approved`,
  ),
  payout_from_pool: def(
    { paidOn: "date", fromPoolFen: "fen", groupNo: "id", fromInsurerFen: "fen" },
    (p) =>
      `paid in full on ${p.paidOn}: ${p.fromPoolFen} from group ${p.groupNo}'s pool, ${p.fromInsurerFen} by the insurer`,
  ),
} as const;

export type ReasonCode = keyof typeof REASONS;
export type ReasonParams<C extends ReasonCode> = ParamsOf<(typeof REASONS)[C]["params"]>;

/**
 * A reason: its code and parameters. A decision the jury reopened carries the jury's tally before it
 * (`jury`), said first: "3 of 4 votes…; approved under the rules of…".
 */
export type Reason = {
  [C in ReasonCode]: { readonly code: C; readonly params: ReasonParams<C>; readonly jury?: Reason };
}[ReasonCode];

export const why = <C extends ReasonCode>(code: C, params: ReasonParams<C>): Reason =>
  ({ code, params }) as Reason;

export const isReasonCode = (code: unknown): code is ReasonCode =>
  typeof code === "string" && Object.hasOwn(REASONS, code);

/** The English sentence of a reason (the one the server stores and other clients read). */
export function reasonText(r: Reason): string {
  const en = REASONS[r.code].en as (p: Reason["params"]) => string;
  return r.jury ? `${reasonText(r.jury)}; ${en(r.params)}` : en(r.params);
}

/**
 * The reason as stored and sent (`reason_code`, `reason_params`): the jury's tally, when there is one,
 * rides in the parameters as `jury: {code, params}`.
 */
export function reasonColumns(r: Reason): { code: ReasonCode; params: Record<string, unknown> } {
  const params: Record<string, unknown> = { ...r.params };
  if (r.jury) params.jury = { code: r.jury.code, params: r.jury.params };
  return { code: r.code, params };
}

/**
 * A stored or received code and parameters back as a reason, or null when the code is unknown (an old
 * row left without one, a newer server): the reader then shows the stored English.
 */
export function reasonFrom(code: unknown, params: unknown): Reason | null {
  if (!isReasonCode(code) || typeof params !== "object" || params === null) return null;
  const { jury, ...own } = params as Record<string, unknown>;
  const j = typeof jury === "object" && jury !== null ? (jury as Record<string, unknown>) : null;
  const before = j ? reasonFrom(j.code, j.params) : null;
  return { code, params: own, ...(before ? { jury: before } : {}) } as Reason;
}

/** A reason with the English a step stores for it. */
export type Said = { readonly why: Reason; readonly text: string };

/** A refused decision's step names the refusal first, as the step's reason always has. */
export const refusalStep = (refusal: ClaimReason, r: Reason): Said => ({
  why: r,
  text: `${refusal}: ${reasonText(r)}`,
});
