import type { z } from "zod";
import type { CivilDate } from "../calendar.ts";
import { err, ok, type Problem, type Result } from "../result.ts";
import { PlanDocument, type PlanDocumentInput, Rules, type Source } from "./schema.ts";

/** One rule version with its full rules resolved (patches applied) and validated. */
export type RuleVersion = {
  readonly effective: CivilDate;
  readonly summary: string | undefined;
  readonly sources: readonly Source[];
  readonly rules: Rules;
};

export type Plan = {
  readonly id: string;
  readonly name: string;
  readonly operator: string | undefined;
  readonly currency: "CNY" | "TWD" | "EUR";
  readonly sources: readonly Source[];
  readonly silent: readonly string[];
  readonly assumptions: readonly string[];
  /** Ordered by effective date, strictly increasing. */
  readonly versions: readonly RuleVersion[];
};

/** `versions[0].rules.caps.perCase.amount` from a zod path. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out;
}

export function issuesToProblems(issues: readonly z.core.$ZodIssue[], prefix = ""): Problem[] {
  return issues.map((issue) => {
    const path = formatPath(issue.path);
    const field = prefix && path ? `${prefix}.${path}` : prefix || path || "(document)";
    let message = issue.message;
    if (issue.code === "unrecognized_keys")
      message = `unknown field${issue.keys.length > 1 ? "s" : ""}: ${issue.keys.join(", ")}`;
    return { code: "invalid_plan", message, field };
  });
}

type Json = { [key: string]: unknown };
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** Applies a rules patch: objects merge key by key, everything else (arrays too) replaces; null deletes. */
export function mergeRules(base: unknown, patch: unknown): unknown {
  if (!isObject(base) || !isObject(patch)) return patch;
  const out: Json = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergeRules(base[key], value);
  }
  return out;
}

/** Validates a plan document (already parsed from YAML/JSON) and resolves every rule version. */
export function loadPlan(input: unknown): Result<Plan, Problem[]> {
  const parsed = PlanDocument.safeParse(input);
  if (!parsed.success) return err(issuesToProblems(parsed.error.issues));
  const doc = parsed.data;
  const problems: Problem[] = [];
  const versions: RuleVersion[] = [];
  let previousInput: unknown;
  doc.versions.forEach((v, i) => {
    const at = `versions[${i}]`;
    if (v.rules !== undefined && v.changes !== undefined) {
      problems.push({ code: "invalid_plan", message: "give either rules or changes, not both", field: at });
      return;
    }
    if (i === 0 && v.rules === undefined) {
      problems.push({
        code: "invalid_plan",
        message: "the first version must give the full rules",
        field: `${at}.rules`,
      });
      return;
    }
    if (i > 0 && v.rules === undefined && v.changes === undefined) {
      problems.push({ code: "invalid_plan", message: "a later version gives rules or changes", field: at });
      return;
    }
    const prev = versions[versions.length - 1];
    if (prev && v.effective <= prev.effective) {
      problems.push({
        code: "invalid_plan",
        message: `must be after ${prev.effective}`,
        field: `${at}.effective`,
      });
    }
    // Changes on top of a version that did not validate would only repeat its errors.
    if (v.rules === undefined && previousInput === undefined) return;
    const rulesInput = v.rules !== undefined ? v.rules : mergeRules(previousInput, v.changes);
    const rules = Rules.safeParse(rulesInput);
    if (!rules.success) {
      previousInput = undefined;
      problems.push(
        ...issuesToProblems(rules.error.issues, v.rules !== undefined ? `${at}.rules` : `${at}.changes`),
      );
      return;
    }
    problems.push(...checkRules(rules.data, `${at}.${v.rules !== undefined ? "rules" : "changes"}`));
    previousInput = rulesInput;
    versions.push({ effective: v.effective, summary: v.summary, sources: v.sources, rules: rules.data });
  });
  if (problems.length > 0) return err(problems);
  return ok({
    id: doc.id,
    name: doc.name,
    operator: doc.operator,
    currency: doc.currency,
    sources: doc.sources,
    silent: doc.silent,
    assumptions: doc.assumptions,
    versions,
  });
}

/** Cross-field checks the schema cannot express: references, orderings, bands. */
export function checkRules(rules: Rules, at: string): Problem[] {
  const problems: Problem[] = [];
  const bad = (field: string, message: string) =>
    problems.push({ code: "invalid_plan", message, field: `${at}.${field}` });
  const events = new Set(rules.eventClasses.map((e) => e.id));
  const tiers = new Set(rules.tiers.map((t) => t.id));
  if (events.size !== rules.eventClasses.length) bad("eventClasses", "event class ids must be unique");
  if (tiers.size !== rules.tiers.length) bad("tiers", "tier ids must be unique");
  const age = rules.eligibility.ageAtJoining;
  if (age.minYears !== undefined && age.minYears > age.maxYears)
    bad("eligibility.ageAtJoining", "minYears is above maxYears");
  rules.waiting.forEach((w, i) => {
    for (const e of w.events ?? []) if (!events.has(e)) bad(`waiting[${i}].events`, `no event class "${e}"`);
    if (w.ages?.from !== undefined && w.ages.to !== undefined && w.ages.from > w.ages.to)
      bad(`waiting[${i}].ages`, "from is above to");
  });
  rules.phaseIn.forEach((step, i) => {
    const prev = rules.phaseIn[i - 1];
    if (prev && (step.fromMembershipDay <= prev.fromMembershipDay || step.percent < prev.percent)) {
      bad(`phaseIn[${i}]`, "steps must start later and pay no less than the step before");
    }
  });
  rules.benefits.schedule.forEach((row, i) => {
    if (!events.has(row.event)) bad(`benefits.schedule[${i}].event`, `no event class "${row.event}"`);
    if (row.tier !== undefined && !tiers.has(row.tier))
      bad(`benefits.schedule[${i}].tier`, `no tier "${row.tier}"`);
    if (row.ages?.from !== undefined && row.ages.to !== undefined && row.ages.from > row.ages.to) {
      bad(`benefits.schedule[${i}].ages`, "from is above to");
    }
  });
  rules.fees.forEach((fee, i) => {
    if (fee.kind !== "tieredPerCase") return;
    fee.bands.forEach((band, j) => {
      const prev = fee.bands[j - 1];
      const last = j === fee.bands.length - 1;
      if (band.benefitUpTo === undefined && !last)
        bad(`fees[${i}].bands[${j}]`, "only the last band may be open-ended");
      if (
        prev?.benefitUpTo !== undefined &&
        band.benefitUpTo !== undefined &&
        band.benefitUpTo <= prev.benefitUpTo
      ) {
        bad(`fees[${i}].bands[${j}].benefitUpTo`, "bands must rise");
      }
    });
  });
  const cal = rules.apportionment.calendar;
  if (cal.kind === "semiMonthly") {
    const [a1, a2] = cal.announceDays;
    const [c1, c2] = cal.collectDays;
    if (!(a1 < a2 && c1 < c2 && a1 <= c1 && a2 <= c2)) {
      bad("apportionment.calendar", "announce days must come in order, each on or before its collect day");
    }
  }
  const f = rules.failurePolicy;
  if (
    f.suspendAfterFailures !== undefined &&
    f.exitAfterFailures !== undefined &&
    f.exitAfterFailures < f.suspendAfterFailures
  ) {
    bad("failurePolicy.exitAfterFailures", "cannot be fewer than suspendAfterFailures");
  }
  return problems;
}

/** The rule version in force on a date: the latest whose effective date is on or before it. */
export function ruleVersionOn(plan: Plan, on: CivilDate): RuleVersion | undefined {
  let found: RuleVersion | undefined;
  for (const v of plan.versions) {
    if (v.effective <= on) found = v;
    else break;
  }
  return found;
}

/**
 * What the plan calls an event class (`major` → 重大疾病 …): its name in the version in force on a
 * day, else in the first of the other versions that has it (a class dropped since), else the code.
 * The plan documents name events in Chinese only, so that name stands in every language.
 */
export function eventClassName(plan: Plan, on: CivilDate, event: string): string {
  const inForce = ruleVersionOn(plan, on);
  const versions = inForce ? [inForce, ...plan.versions] : plan.versions;
  for (const v of versions) {
    const found = v.rules.eventClasses.find((e) => e.id === event);
    if (found) return found.name;
  }
  return event;
}

export type { PlanDocumentInput };
