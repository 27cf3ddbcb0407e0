import { addDays, type CivilDate, daysBetween, fromEpochDay, toEpochDay } from "../calendar.ts";
import type { Rules } from "../plan/schema.ts";
import { err, ok, problem, type Result } from "../result.ts";

/**
 * The claim lifecycle of domain.md §4 as a pure state machine. A claim moves
 * reported → documents → review ⇄ investigation → (decision) → announcement → sharing → paid,
 * a refusal rests in `rejected` (appealable: → appeal → announcement | rejected), an objection during
 * the announcement sends the case back to review, and withdrawn / lapsed end it early.
 */
export const CLAIM_STATES = [
  "reported",
  "documents",
  "review",
  "investigation",
  "appeal",
  "announcement",
  "sharing",
  "paid",
  "rejected",
  "withdrawn",
  "lapsed",
] as const;
export type ClaimState = (typeof CLAIM_STATES)[number];

export const CLAIM_ACTIONS = [
  "upload",
  "submit",
  "assign",
  "investigate",
  "record_findings",
  "approve",
  "reject",
  "appeal",
  "overturn",
  "uphold",
  "object",
  "explain",
  "share",
  "pay",
  "withdraw",
  "lapse",
] as const;
export type ClaimAction = (typeof CLAIM_ACTIONS)[number];

/** Every allowed move: from a state, an action leads to exactly one state. */
const MOVES: Readonly<Record<ClaimState, Partial<Record<ClaimAction, ClaimState>>>> = {
  reported: { upload: "documents", withdraw: "withdrawn", lapse: "lapsed" },
  documents: { upload: "documents", submit: "review", withdraw: "withdrawn", lapse: "lapsed" },
  review: {
    upload: "review",
    assign: "review",
    investigate: "investigation",
    explain: "review",
    approve: "announcement",
    reject: "rejected",
    withdraw: "withdrawn",
  },
  investigation: {
    upload: "investigation",
    assign: "investigation",
    record_findings: "investigation",
    approve: "announcement",
    reject: "rejected",
    withdraw: "withdrawn",
  },
  rejected: { appeal: "appeal" },
  appeal: { overturn: "announcement", uphold: "rejected" },
  announcement: { object: "review", share: "sharing", withdraw: "withdrawn" },
  sharing: { pay: "paid" },
  paid: {},
  withdrawn: {},
  lapsed: {},
};

/** The state an action leads to, or a `wrong_state` refusal naming what is allowed. */
export function nextState(from: ClaimState, action: ClaimAction): Result<ClaimState> {
  const to = MOVES[from][action];
  if (to) return ok(to);
  const allowed = Object.keys(MOVES[from]);
  return err(
    problem(
      "claim_wrong_state",
      `a claim in state "${from}" cannot ${action.replaceAll("_", " ")}` +
        (allowed.length ? ` (allowed: ${allowed.join(", ")})` : " (the claim is closed)"),
    ),
  );
}

export const isClosed = (s: ClaimState): boolean => Object.keys(MOVES[s]).length === 0;

/** Review time limits by complexity (domain.md §4: 30 / 60 / 90 working days). */
export const COMPLEXITIES = ["clear", "complex", "veryComplex"] as const;
export type Complexity = (typeof COMPLEXITIES)[number];

/** Reasons a reviewer refuses beyond the rules themselves (findings), each appealable to a jury. */
export const FINDING_REASONS = ["not_proven", "false_claim", "pre_existing"] as const;
export type FindingReason = (typeof FINDING_REASONS)[number];

export const isAppealable = (reason: string): reason is FindingReason =>
  (FINDING_REASONS as readonly string[]).includes(reason);

/**
 * The report deadline: within `reportWithinDays` of the diagnosis, or `reportAfterDeathWithinDays`
 * when an heir reports after the member's death. Day 30 is in time, day 31 is not.
 */
export function checkReportDeadline(
  rules: Rules,
  r: { diagnosedOn: CivilDate; reportedOn: CivilDate; afterDeath: boolean },
): Result<{ deadline: CivilDate }> {
  if (r.diagnosedOn > r.reportedOn)
    return err(problem("validation", "the diagnosis date is in the future", "diagnosedOn"));
  const limitDays = r.afterDeath ? rules.claims.reportAfterDeathWithinDays : rules.claims.reportWithinDays;
  const deadline = addDays(r.diagnosedOn, limitDays);
  const afterDays = daysBetween(r.diagnosedOn, r.reportedOn);
  if (afterDays > limitDays) {
    return err(
      problem(
        "claim_deadline_passed",
        `reported ${afterDays} days after the diagnosis on ${r.diagnosedOn}; the plan allows ${limitDays} days` +
          `${r.afterDeath ? " after a death" : ""} (last day ${deadline})`,
        "diagnosedOn",
      ),
    );
  }
  return ok({ deadline });
}

/** Documents are due this many days after the report; a claim without them by then lapses. */
export const documentsDueOn = (rules: Rules, reportedOn: CivilDate): CivilDate =>
  addDays(reportedOn, rules.claims.documentsWithinDays);

/** An appeal is possible until this day (inclusive). */
export const appealDueOn = (rules: Rules, decidedOn: CivilDate): CivilDate =>
  addDays(decidedOn, rules.claims.appealWithinDays);

/**
 * The publicity period: published on day 0, open to objections for `publicityDays` days; the case
 * enters sharing on the first day after (published 03-01 with 15 days → objections until 03-15,
 * sharing from 03-16).
 */
export const publicityEndsOn = (rules: Rules, publishedOn: CivilDate): CivilDate =>
  addDays(publishedOn, rules.claims.publicityDays);

/** Monday–Friday are working days (public holidays are not modelled; the seeds give none). */
export function isWorkingDay(date: CivilDate): boolean {
  // 1970-01-01 was a Thursday: epoch day 0 → weekday 4 (0 = Sunday)
  const weekday = (((toEpochDay(date) + 4) % 7) + 7) % 7;
  return weekday !== 0 && weekday !== 6;
}

export function addWorkingDays(date: CivilDate, days: number): CivilDate {
  let d = toEpochDay(date);
  let left = days;
  while (left > 0) {
    d += 1;
    if (isWorkingDay(fromEpochDay(d))) left -= 1;
  }
  return fromEpochDay(d);
}

/** The review must end by this day: the plan's working days for the claim's complexity. */
export const reviewDueOn = (rules: Rules, startedOn: CivilDate, complexity: Complexity): CivilDate =>
  addWorkingDays(startedOn, rules.claims.reviewWorkingDays[complexity]);

/** Objections are accepted while the case is published, until the last day of the period. */
export function checkObjectionWindow(
  publishedOn: CivilDate,
  endsOn: CivilDate,
  today: CivilDate,
): Result<true> {
  if (today < publishedOn || today >= endsOn) {
    return err(
      problem(
        "claim_deadline_passed",
        `objections were open from ${publishedOn} until ${addDays(endsOn, -1)}; today is ${today}`,
      ),
    );
  }
  return ok(true);
}

export function checkAppealWindow(dueOn: CivilDate, today: CivilDate): Result<true> {
  if (today > dueOn)
    return err(problem("claim_deadline_passed", `the appeal was possible until ${dueOn}; today is ${today}`));
  return ok(true);
}
