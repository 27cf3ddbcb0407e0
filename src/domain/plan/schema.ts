import { z } from "zod";
import { civilDateSchema } from "../civil-date-schema.ts";
import { parseNonNegativeYuan } from "../money.ts";

/*
 * The plan rule document: everything domain.md §3 and §8 say a plan can state, as validated data.
 * Amounts are yuan with at most two decimals (parsed exactly into fen); percentages have at most two
 * decimals (parsed into basis points); dates are civil dates. Unknown fields are errors.
 */

const yuan = z
  .union([z.string(), z.number()])
  .transform((v, ctx) => {
    const r = parseNonNegativeYuan(v);
    if (!r.ok) {
      ctx.addIssue({ code: "custom", message: r.error.message });
      return z.NEVER;
    }
    return r.value;
  })
  .describe('yuan, at most two decimals, as a string ("0.10") or a number');

const percent = z
  .union([z.string(), z.number()])
  .transform((v, ctx) => {
    const text = String(v).trim();
    const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(text);
    const bp = m ? Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0")) : Number.NaN;
    if (!m || bp > 10_000) {
      ctx.addIssue({
        code: "custom",
        message: `"${text}" is not a percentage from 0 to 100 with at most two decimals`,
      });
      return z.NEVER;
    }
    return bp;
  })
  .describe("percent, 0–100 with at most two decimals; stored as basis points");

const date = civilDateSchema;

/** A weight as a decimal string with up to 4 decimals ("0.5"), stored in units of 1/10,000. */
export const WEIGHT_SCALE = 10_000;
const weight = z
  .union([z.string(), z.number()])
  .transform((v, ctx) => {
    const m = /^(\d{1,3})(?:\.(\d{1,4}))?$/.exec(String(v).trim());
    const units = m ? Number(m[1]) * WEIGHT_SCALE + Number((m[2] ?? "").padEnd(4, "0")) : 0;
    if (!m || units <= 0) {
      ctx.addIssue({
        code: "custom",
        message: `"${String(v)}" is not a positive weight with at most 4 decimals`,
      });
      return z.NEVER;
    }
    return units;
  })
  .describe("weight in the apportionment, a positive decimal with at most 4 decimals");

const id = z.string().regex(/^[a-z][a-z0-9_-]*$/, "an id is lower-case letters, digits, - and _");
const years = z.number().int().min(0).max(130);
const days = z.number().int().min(0).max(36_600);

/** Where a value comes from: a seed file and a section or quoted phrase that finds it. */
export const Source = z.strictObject({
  seed: z.string().min(1),
  section: z.string().min(1),
  note: z.string().optional(),
});

/** An inclusive band of ages in completed years (周岁). Omitted bounds are open. */
const AgeBand = z.strictObject({ from: years.optional(), to: years.optional() });

export const Eligibility = z.strictObject({
  /** Age at joining, inclusive: minDays for infants ("30 days"), otherwise whole years. */
  ageAtJoining: z.strictObject({
    minDays: days.optional(),
    minYears: years.optional(),
    maxYears: years,
  }),
  sexes: z.array(z.enum(["male", "female"])).optional(),
  /** Health declaration 健康告知: every question must be answered "no" to join. */
  healthDeclaration: z
    .strictObject({
      version: z.string().min(1),
      questions: z.array(z.strictObject({ id, text: z.string().min(1) })).min(1),
    })
    .optional(),
  excludedOccupations: z.array(z.string().min(1)).optional(),
  invitationRequired: z.boolean().default(false),
  realNameRequired: z.boolean().default(true),
  /** Requirements the system records but does not check itself (e.g. a credit score at a third party). */
  otherRequirements: z.array(z.string().min(1)).optional(),
});

export const WaitingRule = z.strictObject({
  days,
  /** Event classes this rule applies to; omitted = all. */
  events: z.array(id).optional(),
  /** Age band at joining this rule applies to; omitted = all ages. */
  ages: AgeBand.optional(),
});

export const PhaseInStep = z.strictObject({
  /** From this day of membership (the joining day is day 1) … */
  fromMembershipDay: z.number().int().min(1),
  /** … this fraction of the benefit is payable. */
  percent,
});

const FixedBenefit = z.strictObject({ kind: z.literal("fixed"), amount: yuan });
/** e互助 children: k × the plan's effective members, capped (seed 000). */
const PerEffectiveMember = z.strictObject({
  kind: z.literal("perEffectiveMember"),
  perMember: yuan,
  max: yuan,
});
/** 水滴 61–65: 30,000 + 5 × own contributions; 抗癌公社 60–85: 50,000 + own historical contribution. */
const BasePlusContributions = z.strictObject({
  kind: z.literal("basePlusContributions"),
  base: yuan,
  multiplier: z.number().int().min(1).max(100),
  max: yuan.optional(),
});
/** 安家30: before the observation period ends the contributions paid are refunded; after, the amount. */
const RefundBeforeObservation = z.strictObject({
  kind: z.literal("refundBeforeObservation"),
  observationDays: days,
  amount: yuan,
});
export const BenefitFormula = z.discriminatedUnion("kind", [
  FixedBenefit,
  PerEffectiveMember,
  BasePlusContributions,
  RefundBeforeObservation,
]);

export const BenefitRow = z.strictObject({
  event: id,
  /** Age band (at joining or at diagnosis, per `benefits.ageBasis`); omitted = all ages. */
  ages: AgeBand.optional(),
  /** Tier id; omitted = every tier. */
  tier: id.optional(),
  benefit: BenefitFormula,
  source: Source.optional(),
});

export const FeeRule = z.discriminatedUnion("kind", [
  /** A percentage of each approved benefit (6%, 8%, 10%). */
  z.strictObject({ kind: z.literal("percentOfBenefit"), percent }),
  /** A fixed amount per case by benefit band, bands by upper bound inclusive (抗癌公社). */
  z.strictObject({
    kind: z.literal("tieredPerCase"),
    bands: z.array(z.strictObject({ benefitUpTo: yuan.optional(), fee: yuan })).min(1),
  }),
  /** A percentage added on top of what a cycle collects for benefits and case fees (抗癌公社 1%). */
  z.strictObject({ kind: z.literal("percentOfCollection"), percent }),
  /** A fixed amount per sharing member per calendar month (e互助 1 yuan; 夸克 1 / 2.5). */
  z.strictObject({ kind: z.literal("perMemberMonthly"), amount: yuan }),
  /** A fixed amount per member per day (众托帮 0.01), accrued between cycles. */
  z.strictObject({ kind: z.literal("perMemberDaily"), amount: yuan }),
  /** A percentage of every deposit and top-up (轻松 2016: 2%). */
  z.strictObject({ kind: z.literal("percentOfDeposits"), percent }),
]);

export const CycleCalendar = z.discriminatedUnion("kind", [
  /** 相互宝: announce on the 7th and 21st, collect on the 14th and 28th. */
  z.strictObject({
    kind: z.literal("semiMonthly"),
    announceDays: z.tuple([z.number().int().min(1).max(28), z.number().int().min(1).max(28)]),
    collectDays: z.tuple([z.number().int().min(1).max(28), z.number().int().min(1).max(28)]),
  }),
  /** Monthly: announce on one day, collect some days later (抗癌公社). */
  z.strictObject({
    kind: z.literal("monthly"),
    announceDay: z.number().int().min(1).max(31),
    collectAfterDays: days.default(0),
  }),
  /** Per event: each day with newly decided cases is an announcement; collection follows. */
  z.strictObject({ kind: z.literal("perEvent"), collectAfterDays: days.default(0) }),
  /** Yearly (Friendsurance-style pools). */
  z.strictObject({
    kind: z.literal("yearly"),
    announceMonth: z.number().int().min(1).max(12),
    announceDay: z.number().int().min(1).max(28),
    collectAfterDays: days.default(0),
  }),
]);

const Bearer = z.enum(["sponsor", "benefit"]);
const Cap = z.strictObject({ amount: yuan, excessBorneBy: Bearer, source: Source.optional() });

export const Apportionment = z.strictObject({
  calendar: CycleCalendar,
  /**
   * The divisor. sharingMembers: the members who owe a share at the announcement (weighted).
   * previousMonthEnd: members at the end of the previous month × factor, charged on the actual
   * members (抗癌公社: × 0.8).
   */
  denominator: z
    .discriminatedUnion("kind", [
      z.strictObject({ kind: z.literal("sharingMembers") }),
      z.strictObject({ kind: z.literal("previousMonthEnd"), factorPercent: percent }),
    ])
    .default({ kind: "sharingMembers" }),
  /** Weights by age at the announcement (minors 0.5, or risk coefficients); unlisted ages weigh 1. */
  weights: z.array(z.strictObject({ ages: AgeBand, weight })).default([]),
  caps: z
    .strictObject({
      /** Per member per case (0.1, 1, 3, 10 yuan). */
      perCase: Cap.optional(),
      /** Per member per cycle (抗癌公社 3 per month). */
      perCycle: Cap.optional(),
      /** Per member per calendar year (188, 72). */
      perYear: Cap.optional(),
    })
    .default({}),
  /** Who bears a shortfall that no cap explains (e.g. the membership fell below the divisor). */
  shortfallBorneBy: Bearer.default("benefit"),
  /** Members still in their waiting period share the cost (they do on the seeds' platforms). */
  waitingMembersShare: z.boolean().default(true),
});

export const Funding = z.discriminatedUnion("mode", [
  /** 后分摊/零预存: nothing collected before the event; a deduction each cycle. */
  z.strictObject({ mode: z.literal("postPaid") }),
  /** 预存: a deposit held by a custodian; shares are taken from the balance. */
  z.strictObject({
    mode: z.literal("prepaid"),
    initialDeposit: yuan,
    /** A balance strictly under the floor suspends protection. */
    floor: yuan,
    /** Days after suspension to top up before the participation ends. */
    graceDays: days,
    exitOnLapse: z.boolean().default(true),
    custodian: z.string().optional(),
  }),
  /** A premium split between an insurer and a group pool (Friendsurance). */
  z.strictObject({
    mode: z.literal("premiumPool"),
    /** The yearly premium per member, paid from the member's balance at joining (issue 17). */
    premium: yuan,
    poolPercent: percent,
    groupSizeMax: z.number().int().min(2),
    unusedPoolReturnedAtYearEnd: z.boolean(),
  }),
]);

export const FailurePolicy = z.strictObject({
  /** The operator advances a failed share (垫付), recorded as a receivable. */
  operatorAdvances: z.boolean().default(true),
  retryEveryDays: days.default(1),
  retryAttempts: z.number().int().min(0).max(30).default(0),
  /** Failures (after retries) that suspend protection, and that end the participation. */
  suspendAfterFailures: z.number().int().min(1).optional(),
  exitAfterFailures: z.number().int().min(1).optional(),
  /** What happens to an advance: recovered from the member's next payment, or written off after days. */
  advanceRecovery: z
    .strictObject({ recoverFromNextPayment: z.boolean().default(true), writeOffAfterDays: days.optional() })
    .default({ recoverFromNextPayment: true }),
  /** A share a member who chose confirmation did not confirm: treated as a failure, or advanced. */
  unconfirmedShare: z.enum(["failure", "advance"]).default("failure"),
});

export const Claims = z.strictObject({
  reportWithinDays: days.default(30),
  reportAfterDeathWithinDays: days.default(90),
  documentsWithinDays: days.default(7),
  reviewWorkingDays: z
    .strictObject({ clear: days, complex: days, veryComplex: days })
    .default({ clear: 30, complex: 60, veryComplex: 90 }),
  reviewDeposit: yuan.optional(),
  publicityDays: days.default(15),
  /** A refused claimant may appeal to the jury within this many days of the decision. */
  appealWithinDays: days.default(15),
  jury: z
    .strictObject({
      /** Strictly more than this share in favour overturns (50 → "more than 50%"). */
      overturnAbovePercent: percent,
      quorum: z.number().int().min(1).default(1),
      windowHours: z
        .number()
        .int()
        .min(1)
        .max(24 * 30)
        .default(24),
      jurors: z.number().int().min(1).default(100),
    })
    .optional(),
  payoutWithinWorkingDays: days.default(10),
  /** A paid benefit ends the participation in this plan. */
  paymentEndsParticipation: z.boolean().default(true),
});

export const Closure = z.strictObject({
  minimumMembers: z.number().int().min(1).optional(),
  /** Warn when members fall within this percentage above the minimum. */
  warnAbovePercent: percent.optional(),
  noticeDays: days.default(15),
  /** The sponsor pays members' shares for this many final cycles (相互宝 paid the last two). */
  sponsorPaysFinalCycles: z.number().int().min(0).default(0),
  /** Guarantee fund covering shortfalls when membership is small (水滴 10 million). */
  guaranteeFund: yuan.optional(),
});

export const Rules = z.strictObject({
  eventClasses: z
    .array(z.strictObject({ id, name: z.string().min(1), accident: z.boolean().default(false) }))
    .min(1),
  tiers: z
    .array(z.strictObject({ id, name: z.string().min(1) }))
    .default([{ id: "standard", name: "标准版" }]),
  eligibility: Eligibility,
  /** First matching rule wins; no match means no waiting period. */
  waiting: z.array(WaitingRule).default([]),
  /** Steps of the payable fraction by membership day; empty = 100% once covered. */
  phaseIn: z.array(PhaseInStep).default([]),
  benefits: z.strictObject({
    ageBasis: z.enum(["joining", "diagnosis"]),
    /** First matching row wins. */
    schedule: z.array(BenefitRow).min(1),
  }),
  fees: z.array(FeeRule).default([]),
  apportionment: Apportionment,
  funding: Funding,
  failurePolicy: FailurePolicy.prefault({}),
  claims: Claims.prefault({}),
  closure: Closure.prefault({}),
  /** Members move to another plan at an age (抗癌公社: into the parents' plan at 65). */
  transferAtAge: z.strictObject({ age: years, toPlan: id }).optional(),
  sponsor: z.strictObject({ name: z.string().min(1), source: Source.optional() }).optional(),
});

/** Deep partial rules, merged onto the previous version (objects merge, arrays replace). */
const RulesPatch = z.record(z.string(), z.unknown());

export const RuleVersion = z.strictObject({
  /** The version is in force from this date (inclusive) until the next version's date. */
  effective: date,
  summary: z.string().optional(),
  /** The full rules (first version), or … */
  rules: z.unknown().optional(),
  /** … changes to the previous version's rules. */
  changes: RulesPatch.optional(),
  sources: z.array(Source).default([]),
});

export const PlanDocument = z.strictObject({
  id,
  name: z.string().min(1),
  operator: z.string().optional(),
  /** Minor currency units are 1/100 of this currency (fen for CNY). */
  currency: z.enum(["CNY", "TWD", "EUR"]).default("CNY"),
  description: z.string().optional(),
  sources: z.array(Source).default([]),
  /** What the seeds do not state, said instead of invented. */
  silent: z.array(z.string()).default([]),
  /** Values the document had to assume to run, each explained. */
  assumptions: z.array(z.string()).default([]),
  versions: z.array(RuleVersion).min(1),
});

export type RulesInput = z.input<typeof Rules>;
export type Rules = z.output<typeof Rules>;
export type PlanDocumentInput = z.input<typeof PlanDocument>;
export type BenefitFormula = z.output<typeof BenefitFormula>;
export type FeeRule = z.output<typeof FeeRule>;
export type CycleCalendar = z.output<typeof CycleCalendar>;
export type Funding = z.output<typeof Funding>;
export type Cap = z.output<typeof Cap>;
export type Source = z.output<typeof Source>;
