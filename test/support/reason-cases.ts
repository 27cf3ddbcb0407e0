import { civilDate as d } from "../../src/domain/calendar.ts";
import { type Reason, type ReasonCode, why } from "../../src/domain/claim/reasons.ts";

/** One reason per code with the English it must render, written out by hand. */
export const CASES: { [C in ReasonCode]: [Reason, string] } = {
  reported: [
    why("reported", { reportedOn: d("2020-07-02"), diagnosedOn: d("2020-07-01"), dueOn: d("2020-07-31") }),
    "reported on 2020-07-02, diagnosed on 2020-07-01 (deadline 2020-07-31)",
  ],
  reported_after_death: [
    why("reported_after_death", {
      reportedOn: d("2020-08-01"),
      diagnosedOn: d("2020-07-01"),
      dueOn: d("2020-09-29"),
    }),
    "reported after a death on 2020-08-01, diagnosed on 2020-07-01 (deadline 2020-09-29)",
  ],
  document_uploaded: [
    why("document_uploaded", { kind: "diagnosis", sha: "ab12cd34ef56" }),
    "document diagnosis ab12cd34ef56",
  ],
  submitted: [why("submitted", {}), "documents submitted"],
  assigned_reviewer: [why("assigned_reviewer", { reviewerId: 7 }), "reviewer 7"],
  assigned_complexity: [why("assigned_complexity", { complexity: "complex" }), "complexity complex"],
  assigned_reviewer_complexity: [
    why("assigned_reviewer_complexity", { reviewerId: 7, complexity: "veryComplex" }),
    "reviewer 7, complexity veryComplex",
  ],
  assignment_unchanged: [why("assignment_unchanged", {}), "assignment unchanged"],
  investigation_started: [
    why("investigation_started", { text: "hospital records needed" }),
    "hospital records needed",
  ],
  findings_recorded: [why("findings_recorded", {}), "findings recorded"],
  appealed: [why("appealed", { refusal: "not_proven", jurors: 5 }), 'appeal of "not_proven"; 5 jurors drawn'],
  objected: [why("objected", {}), "objection during publicity; the applicant is asked to explain"],
  explained: [why("explained", {}), "the applicant explained"],
  withdrawn: [why("withdrawn", {}), "withdrawn by the applicant"],
  lapsed: [why("lapsed", { dueOn: d("2020-07-09") }), "no documents submitted by 2020-07-09"],
  shared: [
    why("shared", { publicityEndsOn: d("2020-07-16"), caseId: 3 }),
    "publicity ended on 2020-07-16 without objection; case 3 enters the next cycle",
  ],
  paid_by_cycle: [
    why("paid_by_cycle", { cycleId: 4, collectOn: d("2020-07-28") }),
    "paid in one sum by cycle 4 after collection on 2020-07-28",
  ],
  paid: [why("paid", {}), "paid"],
  // 7,500 bp = 75%
  approved: [
    why("approved", { ruleVersion: d("2020-01-01"), phaseInBp: 7_500, membershipDay: 200 }),
    "approved under the rules of 2020-01-01: 75% of the scheduled amount on membership day 200",
  ],
  no_rules_in_force: [
    why("no_rules_in_force", { diagnosedOn: d("2019-01-01") }),
    "the plan had no rules in force on 2019-01-01",
  ],
  not_a_member: [
    why("not_a_member", { diagnosedOn: d("2020-07-01") }),
    "not a member of the plan on the diagnosis date 2020-07-01",
  ],
  suspended: [why("suspended", {}), "protection was suspended on the diagnosis date"],
  late_report: [
    why("late_report", { reportedAfterDays: 31, limitDays: 30 }),
    "reported 31 days after the diagnosis; the limit is 30 days",
  ],
  not_covered: [why("not_covered", { event: "stroke" }), 'the plan does not cover "stroke"'],
  pre_existing: [
    why("pre_existing", {}),
    "the condition existed before joining, against the health declaration",
  ],
  waiting_period: [
    why("waiting_period", { diagnosedOn: d("2020-03-01"), waitingDays: 90, coveredFrom: d("2020-03-31") }),
    "diagnosed on 2020-03-01, inside the 90-day waiting period (cover from 2020-03-31); the participation ends",
  ],
  age_limit: [
    why("age_limit", { event: "cancer", age: 61, ageBasis: "joining", tier: "standard" }),
    'no benefit for "cancer" at age 61 (joining) in tier "standard"',
  ],
  nothing_paid_in: [
    why("nothing_paid_in", { membershipDay: 12 }),
    "membership day 12 is inside the observation period, where the benefit is the contributions paid; none were paid yet",
  ],
  phase_in: [why("phase_in", { membershipDay: 20 }), "membership day 20 is before the first phase-in step"],
  phase_in_below_fen: [
    why("phase_in_below_fen", { membershipDay: 181 }),
    "on membership day 181 the phase-in leaves less than a fen of the scheduled amount",
  ],
  not_proven: [
    why("not_proven", { note: "no pathology" }),
    "the documents do not prove the diagnosis (no pathology)",
  ],
  false_claim: [why("false_claim", { note: "" }), "the claim was found false; the deposit is forfeited"],
  jury_no_quorum: [
    why("jury_no_quorum", { cast: 2, quorum: 3 }),
    "2 votes cast, below the quorum of 3: the decision stands",
  ],
  // 3 of 4 = 75.0%; 5,000 bp = 50%
  jury_overturned: [
    why("jury_overturned", { inFavour: 3, cast: 4, percent: "75.0", thresholdBp: 5_000 }),
    "3 of 4 votes (75.0%) in favour of the claimant; more than 50% overturns: the decision is overturned",
  ],
  jury_upheld: [
    why("jury_upheld", { inFavour: 2, cast: 4, percent: "50.0", thresholdBp: 5_000 }),
    "2 of 4 votes (50.0%) in favour of the claimant; more than 50% overturns: the decision stands",
  ],
  payout_waiting: [
    why("payout_waiting", {}),
    "approved; waiting for the next cycle with sharing members to be apportioned",
  ],
  payout_announced: [
    why("payout_announced", { cycleId: 4, sharingMembers: 9, collectOn: d("2020-07-28") }),
    "apportioned in cycle 4 among 9 sharing members; paid after the collection on 2020-07-28",
  ],
  payout_paid_in_full: [
    why("payout_paid_in_full", { cycleId: 4, collectOn: d("2020-07-28") }),
    "paid in full by cycle 4 after collection on 2020-07-28",
  ],
  // 相互宝: 7 members × 10 fen = 70 fen for a 300,000-yuan benefit; 64 fen paid, 29,999,936 fen cut
  payout_capped: [
    why("payout_capped", {
      caps: [
        { kind: "perCase", amountFen: 10 },
        { kind: "perYear", amountFen: 18_800 },
      ],
      cycleId: 4,
      sharingMembers: 7,
      cutFen: 29_999_936,
    }),
    "the plan's caps on each member's share (perCase ≤ 10 fen, perYear ≤ 18800 fen) limited what cycle 4's 7 sharing members paid; the rules take the excess from the benefit: 29999936 fen less than approved",
  ],
  payout_shortfall: [
    why("payout_shortfall", { cycleId: 4, sharingMembers: 9, cutFen: 97_778 }),
    "cycle 4's 9 sharing members did not cover the benefit and the rules take the shortfall from it: 97778 fen less than approved",
  ],
  payout_from_pool: [
    why("payout_from_pool", {
      paidOn: d("2020-07-05"),
      fromPoolFen: 500_000,
      groupNo: 2,
      fromInsurerFen: 100_000,
    }),
    "paid in full on 2020-07-05: 500000 from group 2's pool, 100000 by the insurer",
  ],
};
