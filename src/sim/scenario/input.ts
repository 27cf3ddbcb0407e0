import { z } from "zod";
import { civilDateSchema } from "../../domain/civil-date-schema.ts";
import { parseNonNegativeYuan } from "../../domain/money.ts";
import { issuesToProblems } from "../../domain/plan/document.ts";
import { err, ok, type Problem, type Result } from "../../domain/result.ts";

/** The scenario file of shared/docs/scenarios.md: cohorts of identical members and claims. */

const dateLike = z
  .union([z.string(), z.date()])
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v))
  .pipe(civilDateSchema);
const yuan = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const r = parseNonNegativeYuan(v);
  if (!r.ok) {
    ctx.addIssue({ code: "custom", message: r.error.message });
    return z.NEVER;
  }
  return r.value;
});
const count = z.number().int().min(0).max(2_000_000_000);

export const Cohort = z.strictObject({
  name: z.string().min(1),
  count,
  born: dateLike,
  joined: dateLike,
  sex: z.enum(["male", "female"]).default("male"),
  tier: z.string().optional(),
  /** Prepaid plans: the balance at joining; default the plan's initial deposit. */
  deposit: yuan.optional(),
  topUps: z.array(z.strictObject({ on: dateLike, amount: yuan })).default([]),
  /** Prepaid plans: money taken back from the balance (refused, as live, beyond what is held). */
  withdrawals: z.array(z.strictObject({ on: dateLike, amount: yuan })).default([]),
  /** Dates on which this cohort's deductions fail (insufficient funds). */
  failures: z.array(dateLike).default([]),
  /** Members who chose to confirm each cycle and did not: their shares count as unconfirmed. */
  unconfirmed: z.array(dateLike).default([]),
});

export const Claim = z.strictObject({
  cohort: z.string().min(1),
  count: count.min(1),
  event: z.string().min(1),
  diagnosed: dateLike,
  reported: dateLike.optional(),
  decided: dateLike.optional(),
  preExisting: z.boolean().default(false),
  afterDeath: z.boolean().default(false),
  appeal: z.strictObject({ for: count, against: count }).optional(),
});

export const Scenario = z.strictObject({
  plan: z.union([z.string().min(1), z.record(z.string(), z.unknown())]),
  from: dateLike,
  to: dateLike,
  /** Surplus carried into the first cycle, yuan. */
  surplusIn: yuan.prefault(0),
  cohorts: z.array(Cohort).min(1),
  claims: z.array(Claim).default([]),
});

export type Scenario = z.output<typeof Scenario>;
export type ScenarioCohort = z.output<typeof Cohort>;
export type ScenarioClaim = z.output<typeof Claim>;

/** Validates a parsed scenario file, with cross-field checks that name the field at fault. */
export function parseScenario(input: unknown): Result<Scenario, Problem[]> {
  const parsed = Scenario.safeParse(input);
  if (!parsed.success) return err(issuesToProblems(parsed.error.issues));
  const s = parsed.data;
  const problems: Problem[] = [];
  const bad = (field: string, message: string) => problems.push({ code: "invalid_scenario", message, field });
  if (s.to < s.from) bad("to", `must not be before from (${s.from})`);
  const byName = new Map<string, { count: number; claimed: number }>();
  s.cohorts.forEach((c, i) => {
    if (byName.has(c.name)) bad(`cohorts[${i}].name`, `a second cohort named "${c.name}"`);
    byName.set(c.name, { count: c.count, claimed: 0 });
    if (c.joined < c.born) bad(`cohorts[${i}].joined`, "joined before being born");
  });
  s.claims.forEach((c, i) => {
    const cohort = byName.get(c.cohort);
    if (!cohort) {
      bad(`claims[${i}].cohort`, `no cohort named "${c.cohort}"`);
      return;
    }
    cohort.claimed += c.count;
    if (cohort.claimed > cohort.count)
      bad(`claims[${i}].count`, `cohort "${c.cohort}" has ${cohort.count} members; claims exceed it`);
    const reported = c.reported ?? c.diagnosed;
    if (reported < c.diagnosed) bad(`claims[${i}].reported`, "reported before diagnosed");
    if ((c.decided ?? reported) < reported) bad(`claims[${i}].decided`, "decided before reported");
  });
  return problems.length > 0 ? err(problems) : ok(s);
}
