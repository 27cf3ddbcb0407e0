import { loadPlan, type Plan } from "../domain/plan/document.ts";
import { describeTermsChange, resolveVersions, type Terms, termsChanges } from "../domain/plan/terms.ts";
import { fail, ProblemError } from "../errors.ts";
import { appendLogEntry } from "../log/append.ts";
import type { Queryable } from "../store/db.ts";
import { documentSha256 } from "./digest.ts";
import { plansRepository, type RuleVersionRow } from "./plans.repository.ts";

type RawDoc = {
  id: string;
  name: string;
  versions: Array<{ effective: string; rules?: unknown; changes?: unknown; summary?: string }>;
} & Record<string, unknown>;

export type Installed = { plan: Plan; outcome: "created" | "edited" | "unchanged"; changes: string[] };

function validated(raw: unknown): Plan {
  const plan = loadPlan(raw);
  if (plan.ok) return plan.value;
  throw new ProblemError({
    code: "validation",
    message: plan.error[0]!.message,
    field: plan.error[0]!.field ?? "plan",
    errors: plan.error.map((p) => ({ field: p.field ?? "plan", message: p.message })),
  });
}

/** The launch's entry: the plan is active with these versions as its initial terms (their digests). */
export async function logLaunch(
  q: Queryable,
  planId: string,
  versions: readonly RuleVersionRow[],
  more: Record<string, unknown> = {},
): Promise<void> {
  await appendLogEntry(q, "plan_status", {
    plan: planId,
    status: "active",
    terms: versions.map((v) => ({ effective: v.effective, rulesSha256: documentSha256(v.rules) })),
    ...more,
  });
}

/** The log records a digest of the exact rules of every version stored, so none can change unseen. */
const logVersion = (q: Queryable, planId: string, effective: string, rules: unknown) =>
  appendLogEntry(q, "rule_version", { plan: planId, effective, rulesSha256: documentSha256(rules) });

async function create(q: Queryable, id: string, doc: Terms, status: string): Promise<void> {
  // inserted as a draft: only a draft takes versions without a proposal (migration 120's trigger)
  await plansRepository.upsertPlan(q, {
    planId: id,
    name: doc.name,
    status: "draft",
    document: doc.document,
  });
  for (const v of doc.versions) {
    await plansRepository.insertRuleVersion(q, { planId: id, ...v, proposalId: null });
    await logVersion(q, id, v.effective, v.rules);
  }
  if (status === "draft") return;
  await plansRepository.setStatus(q, id, status);
  if (status === "active") await logLaunch(q, id, await plansRepository.ruleVersions(q, id));
}

/** A draft takes the document as it is now: versions added, changed and left out. */
async function editDraft(q: Queryable, id: string, doc: Terms, stored: readonly RuleVersionRow[]) {
  const before = new Map(stored.map((v) => [v.effective, v]));
  const inDoc = new Set(doc.versions.map((v) => v.effective));
  for (const s of stored)
    if (!inDoc.has(s.effective)) await plansRepository.deleteDraftVersion(q, id, s.effective);
  for (const v of doc.versions) {
    const s = before.get(v.effective);
    if (!s) await plansRepository.insertRuleVersion(q, { planId: id, ...v, proposalId: null });
    else if (documentSha256(s.rules) !== documentSha256(v.rules) || s.summary !== v.summary)
      await plansRepository.updateDraftVersion(q, { planId: id, ...v });
    else continue;
    await logVersion(q, id, v.effective, v.rules);
  }
  await plansRepository.upsertPlan(q, {
    planId: id,
    name: doc.name,
    status: "draft",
    document: doc.document,
  });
}

/**
 * Stores a plan document. A new plan is stored with every version (its initial terms, the presets'
 * historical versions included); a draft is edited to the document; a plan past its draft takes no
 * change at all — after launch a version comes only from an adopted proposal — and the refusal names
 * the first version the document would add, change or remove. The same document again changes nothing.
 */
export async function storePlanDocument(
  q: Queryable,
  raw: unknown,
  status: "draft" | "consultation" | "active" = "active",
): Promise<Installed> {
  const plan = validated(raw);
  const { versions, id, name, ...meta } = raw as RawDoc;
  const doc: Terms = { name, document: meta, versions: resolveVersions(versions) };
  const row = await plansRepository.planRow(q, id);
  if (!row) {
    await create(q, id, doc, status);
    return { plan, outcome: "created", changes: [] };
  }
  const stored = await plansRepository.ruleVersions(q, id);
  const adopted = new Set(stored.filter((v) => v.proposalId !== null).map((v) => v.effective));
  const changes = termsChanges({ name: row.name, document: row.document, versions: stored }, doc).filter(
    // a version the members adopted is not in the operator's document, and is no change of it
    (c) => !(c.change === "removed" && c.effective !== null && adopted.has(c.effective)),
  );
  const words = changes.map(describeTermsChange);
  if (changes.length === 0) return { plan, outcome: "unchanged", changes: [] };
  if (row.status !== "draft")
    fail(
      "terms_locked",
      `plan ${id} is ${row.status}: ${words[0]}; after launch a rule version comes only from an adopted proposal (POST /proposals), with the charter's notice and vote`,
      changes[0]!.field,
    );
  await editDraft(q, id, doc, stored);
  return { plan, outcome: "edited", changes: words };
}

/** Stores a plan document (see `storePlanDocument`) and returns the plan. */
export async function installPlan(
  q: Queryable,
  raw: unknown,
  status: "draft" | "consultation" | "active" = "active",
): Promise<Plan> {
  return (await storePlanDocument(q, raw, status)).plan;
}
