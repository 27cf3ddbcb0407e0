import { mergeRules } from "../plan/document.ts";
import type { ChangeClass } from "./charter.ts";

/** One readable line of a rules change. */
export type RuleChange = {
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Every leaf that differs between two rule documents, by path (arrays by index). */
export function diffRules(before: unknown, after: unknown, path = ""): RuleChange[] {
  if (Array.isArray(before) && Array.isArray(after)) {
    const out: RuleChange[] = [];
    for (let i = 0; i < Math.max(before.length, after.length); i++)
      out.push(...diffRules(before[i], after[i], `${path}[${i}]`));
    return out;
  }
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => diffRules(before[k], after[k], path ? `${path}.${k}` : k));
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ path, before, after }];
}

const show = (v: unknown) => (v === undefined ? "(none)" : JSON.stringify(v));

/** The diff as lines a member can read: `waiting[0].days: 90 → 180`. */
export const formatDiff = (changes: readonly RuleChange[]): string[] =>
  changes.map((c) => `${c.path}: ${show(c.before)} → ${show(c.after)}`);

const num = (v: unknown): number | undefined => {
  if (typeof v === "number") return v;
  if (typeof v === "string" && /^\d+(\.\d+)?$/.test(v)) return Number(v);
  return undefined;
};

/**
 * The class of a change, the most severe found: a benefit reduction (an event class or schedule row
 * removed, an amount lowered, a waiting period or phase-in lengthened, an age limit narrowed), a fee
 * increase (a fee added or raised), else ordinary. Dissolution is a proposal's kind, not a diff.
 */
export function classifyChange(changes: readonly RuleChange[]): {
  changeClass: ChangeClass;
  reasons: string[];
} {
  const reduction: string[] = [];
  const fee: string[] = [];
  for (const c of changes) {
    const b = num(c.before);
    const a = num(c.after);
    const lower = b !== undefined && a !== undefined && a < b;
    const higher = b !== undefined && a !== undefined && a > b;
    if (c.path.startsWith("eventClasses") && c.before !== undefined && c.after === undefined)
      reduction.push(`${c.path} removed: an illness is no longer covered`);
    else if (c.path.startsWith("eventClasses[") && c.path.endsWith(".id") && c.before !== c.after)
      reduction.push(`${c.path}: ${show(c.before)} replaced by ${show(c.after)}`);
    else if (c.path.startsWith("benefits.schedule") && c.before !== undefined && c.after === undefined)
      reduction.push(`${c.path} removed`);
    else if (c.path.startsWith("benefits.schedule") && lower) reduction.push(`${c.path} lowered`);
    else if (c.path.startsWith("waiting") && (higher || (c.before === undefined && c.after !== undefined)))
      reduction.push(`${c.path}: a longer or new waiting period`);
    else if (c.path.startsWith("phaseIn") && (lower || (c.before === undefined && c.after !== undefined)))
      reduction.push(`${c.path}: less is payable early`);
    else if (/^eligibility\.ageAtJoining\.(maxYears)$/.test(c.path) && lower)
      reduction.push(`${c.path} narrowed`);
    else if (c.path.startsWith("fees") && (higher || (c.before === undefined && c.after !== undefined)))
      fee.push(`${c.path} raised or added`);
  }
  if (reduction.length) return { changeClass: "benefitReduction", reasons: reduction };
  if (fee.length) return { changeClass: "feeIncrease", reasons: fee };
  return { changeClass: "ordinary", reasons: [] };
}

/** A patch assessed against the rules it would apply to: the rules after, the readable diff, the class. */
export type Assessment = {
  readonly after: unknown;
  readonly diff: string[];
  readonly changeClass: ChangeClass;
  readonly reasons: string[];
};

/** What a patch does to these rules (it is recomputed whenever the rules in force change under it). */
export function assessPatch(before: unknown, patch: Record<string, unknown>): Assessment {
  const after = mergeRules(before, patch);
  const changes = diffRules(before, after);
  const c = classifyChange(changes);
  return { after, diff: formatDiff(changes), changeClass: c.changeClass, reasons: c.reasons };
}

/**
 * The rules a patch touches, as paths: objects are merged key by key, anything else (arrays too) is
 * replaced whole, so the paths end there (`benefits.schedule`, `waiting`, `fees`).
 */
export function patchPaths(patch: unknown, path = ""): string[] {
  if (!isObject(patch) || Object.keys(patch).length === 0) return [path];
  return Object.entries(patch).flatMap(([k, v]) => patchPaths(v, path ? `${path}.${k}` : k));
}

const within = (a: string, b: string) => a === b || a.startsWith(`${b}.`);

/** The paths two patches both touch (one path equal to or inside the other), the shorter of each pair. */
export function overlappingPaths(a: readonly string[], b: readonly string[]): string[] {
  const out = new Set<string>();
  for (const x of a)
    for (const y of b) if (within(x, y) || within(y, x)) out.add(x.length <= y.length ? x : y);
  return [...out].sort();
}
