import type { CivilDate } from "../calendar.ts";
import { canonicalJson } from "../canonical-json.ts";
import { loadPlan, type RuleVersion, ruleVersionOn } from "../plan/document.ts";
import { sha256 } from "../sha256.ts";
import type { PublicExport } from "./export.ts";
import { type Fact, str } from "./facts.ts";

/** The digest the log records of a rule document (the same as plans/digest.ts `documentSha256`). */
const digestOf = (rules: unknown): string => sha256(canonicalJson(rules, "finite")).toString("hex");

/** Every (plan, effective) → digests the log records: rule_version entries and the launch's terms. */
function loggedDigests(facts: readonly Fact[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (plan: unknown, effective: unknown, digest: unknown) => {
    const k = `${str(plan)}|${str(effective)}`;
    const set = out.get(k) ?? new Set<string>();
    set.add(String(digest));
    out.set(k, set);
  };
  for (const f of facts) {
    if (f.kind === "rule_version") add(f.e.plan, f.e.effective, f.e.rulesSha256);
    if (f.kind === "plan_status" && Array.isArray(f.e.terms))
      for (const t of f.e.terms as Array<Record<string, unknown>>) add(f.e.plan, t.effective, t.rulesSha256);
  }
  return out;
}

export type LoggedRules = { versionOn(plan: string, on: string): RuleVersion | undefined };

/**
 * The published rule documents that the log vouches for (their digest is logged for that plan and
 * date), validated as the platform validates them.
 */
export function loggedRules(exp: PublicExport, facts: readonly Fact[], problems: string[]): LoggedRules {
  const digests = loggedDigests(facts);
  const byPlan = new Map<string, Array<{ effective: string; rules: unknown }>>();
  for (const d of exp.rules) {
    // a document the log does not vouch for (a draft, a version not yet sequenced) is not used; a cycle
    // that needs it then finds no rules, or an older version's, and says so
    if (!digests.get(`${d.plan}|${d.effective}`)?.has(digestOf(d.rules))) continue;
    byPlan.set(d.plan, [...(byPlan.get(d.plan) ?? []), { effective: d.effective, rules: d.rules }]);
  }
  const plans = new Map<string, ReturnType<typeof loadPlan>>();
  for (const [plan, versions] of byPlan) {
    versions.sort((a, b) => (a.effective < b.effective ? -1 : 1));
    const loaded = loadPlan({ id: plan, name: plan, sources: [], silent: [], assumptions: [], versions });
    if (!loaded.ok)
      problems.push(`the rule documents of plan ${plan} do not validate: ${loaded.error[0]?.message}`);
    plans.set(plan, loaded);
  }
  return {
    versionOn: (plan, on) => {
      const p = plans.get(plan);
      return p?.ok ? ruleVersionOn(p.value, on as CivilDate) : undefined;
    },
  };
}
