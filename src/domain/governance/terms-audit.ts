/** A launched plan as stored: each version with the digest of its rules and the proposal it names. */
export type StoredTerms = {
  readonly planId: string;
  readonly versions: ReadonlyArray<{ effective: string; rulesSha256: string; proposalId: number | null }>;
};

/** A log entry of the terms: `plan_status`, `rule_version` or `proposal`, as logged. */
export type TermsEntry = { readonly kind: string; readonly entry: Record<string, unknown> };

type Adoption = { plan: string; adoptedOn: string; noticeEndsOn: string | null };

const str = (v: unknown): string | null => (typeof v === "string" ? v : null);

/** The log read once: launches (first per plan), versions by plan and day, publications and adoptions. */
function indexLog(entries: readonly TermsEntry[]) {
  const launches = new Map<string, Array<{ effective: string; rulesSha256: string | null }>>();
  const versions = new Map<string, Array<{ rulesSha256: string; proposal: number | null }>>();
  const published = new Set<number>();
  const adopted = new Map<number, Adoption>();
  for (const { kind, entry: e } of entries) {
    const plan = str(e.plan);
    if (plan === null) continue;
    if (kind === "plan_status" && e.status === "active" && Array.isArray(e.terms) && !launches.has(plan))
      launches.set(
        plan,
        (e.terms as Array<Record<string, unknown>>).map((t) => ({
          effective: String(t.effective),
          rulesSha256: str(t.rulesSha256),
        })),
      );
    else if (kind === "rule_version") {
      const key = `${plan} ${String(e.effective)}`;
      const list = versions.get(key) ?? [];
      list.push({
        rulesSha256: String(e.rulesSha256),
        proposal: typeof e.proposal === "number" ? e.proposal : null,
      });
      versions.set(key, list);
    } else if (kind === "proposal" && typeof e.proposal === "number") {
      if (e.stage === "published") published.add(e.proposal);
      if (e.stage === "adopted")
        adopted.set(e.proposal, { plan, adoptedOn: String(e.adoptedOn), noticeEndsOn: str(e.noticeEndsOn) });
    }
  }
  return { launches, versions, published, adopted };
}

type Index = ReturnType<typeof indexLog>;

/** A version after launch: tied in the log to a proposal published with notice and adopted before it took effect. */
function checkLater(log: Index, planId: string, v: StoredTerms["versions"][number]): string | undefined {
  const where = `plan ${planId} version ${v.effective}`;
  const logged = (log.versions.get(`${planId} ${v.effective}`) ?? []).find(
    (x) => x.rulesSha256 === v.rulesSha256 && x.proposal !== null,
  );
  if (!logged) return `${where} is not in the launched terms and the log ties it to no adopted proposal`;
  const p = logged.proposal!;
  const a = log.adopted.get(p);
  if (!a || a.plan !== planId) return `${where} names proposal ${p}, whose adoption is not in the log`;
  if (!log.published.has(p)) return `${where}: proposal ${p} was never published with notice in the log`;
  if (v.proposalId !== p) return `${where} names proposal ${v.proposalId} in the records, ${p} in the log`;
  if (v.effective < a.adoptedOn) return `${where} takes effect before its adoption on ${a.adoptedOn}`;
  if (a.noticeEndsOn !== null && v.effective < a.noticeEndsOn)
    return `${where} takes effect before the notice ended on ${a.noticeEndsOn}`;
  return undefined;
}

/**
 * Every launched plan's versions against the log: those at launch are its initial terms (the launch
 * entry lists them, with their digests); every later one must be logged with the proposal that adopted
 * it, a proposal the log shows published with notice and adopted on or before the version's date.
 */
export function auditTerms(plans: readonly StoredTerms[], entries: readonly TermsEntry[]): string[] {
  const log = indexLog(entries);
  const problems: string[] = [];
  for (const plan of plans) {
    const terms = log.launches.get(plan.planId);
    if (!terms) {
      problems.push(`plan ${plan.planId} is launched but the log has no launch entry with its terms`);
      continue;
    }
    const initial = new Map(terms.map((t) => [t.effective, t.rulesSha256]));
    for (const v of plan.versions) {
      if (!initial.has(v.effective)) {
        const problem = checkLater(log, plan.planId, v);
        if (problem) problems.push(problem);
        continue;
      }
      const digest = initial.get(v.effective);
      const logged = (log.versions.get(`${plan.planId} ${v.effective}`) ?? []).some(
        (x) => x.rulesSha256 === v.rulesSha256,
      );
      if (digest ? digest !== v.rulesSha256 : !logged)
        problems.push(
          `plan ${plan.planId} version ${v.effective} differs from the terms it was launched with`,
        );
    }
  }
  return problems;
}
