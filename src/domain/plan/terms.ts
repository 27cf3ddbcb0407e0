import { canonicalJson } from "../canonical-json.ts";
import { mergeRules } from "./document.ts";

/** A rule version as a plan document gives it, its patch resolved (as `rule_versions` stores it). */
export type TermsVersion = {
  readonly effective: string;
  readonly rules: unknown;
  readonly summary: string | null;
};

/** A plan's terms: its name, the document's other fields, and its rule versions. */
export type Terms = {
  readonly name: string;
  readonly document: Record<string, unknown>;
  readonly versions: readonly TermsVersion[];
};

/** One difference between stored terms and a document: where it is and what it would do. */
export type TermsChange = {
  readonly field: string;
  readonly effective: string | null;
  readonly change: "added" | "changed" | "removed" | "document";
};

type RawVersion = { effective: unknown; rules?: unknown; changes?: unknown; summary?: unknown };

/** A document's versions with every patch resolved onto the previous version's rules, in order. */
export function resolveVersions(versions: readonly RawVersion[]): TermsVersion[] {
  let previous: unknown;
  return versions.map((v) => {
    const rules = v.rules !== undefined ? v.rules : mergeRules(previous, v.changes);
    previous = rules;
    return {
      effective: String(v.effective),
      rules,
      summary: typeof v.summary === "string" ? v.summary : null,
    };
  });
}

const same = (a: unknown, b: unknown) =>
  canonicalJson(a ?? null, "finite") === canonicalJson(b ?? null, "finite");

/**
 * What a document would change in stored terms: each version it adds, changes (rules or summary) or
 * leaves out, by its index in the document, and a changed name or document field. An empty list means
 * the document is the terms as stored.
 */
export function termsChanges(stored: Terms, doc: Terms): TermsChange[] {
  const out: TermsChange[] = [];
  const byDate = new Map(stored.versions.map((v) => [v.effective, v]));
  doc.versions.forEach((v, i) => {
    const s = byDate.get(v.effective);
    const field = `versions[${i}]`;
    if (!s) out.push({ field, effective: v.effective, change: "added" });
    else if (!same(s.rules, v.rules) || (s.summary ?? null) !== v.summary)
      out.push({ field, effective: v.effective, change: "changed" });
  });
  const inDoc = new Set(doc.versions.map((v) => v.effective));
  for (const s of stored.versions)
    if (!inDoc.has(s.effective)) out.push({ field: "versions", effective: s.effective, change: "removed" });
  if (stored.name !== doc.name) out.push({ field: "name", effective: null, change: "document" });
  else if (!same(stored.document, doc.document))
    out.push({ field: "plan", effective: null, change: "document" });
  return out;
}

/** A change in words, naming the version: "version 2026-12-04 would be added". */
export const describeTermsChange = (c: TermsChange): string =>
  c.effective === null
    ? `the plan document's ${c.field === "name" ? "name" : "fields"} would change`
    : `version ${c.effective} would be ${c.change}`;
