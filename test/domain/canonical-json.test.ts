import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { canonicalJson } from "../../src/domain/canonical-json.ts";
import { Charter, defaultCharter } from "../../src/domain/governance/charter.ts";
import { loadPlan, mergeRules } from "../../src/domain/plan/document.ts";
import { PRESETS_DIR, presetIds } from "../../src/plans/registry.ts";

/**
 * The printer the rule and charter digests (`rulesSha256`, `charterSha256`) were logged with before issue
 * 16, kept as the reference: canonical JSON with fractions must print the same bytes, or the logged
 * digests stop verifying.
 */
function oldStableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(oldStableJson).join(",")}]`;
  if (v !== null && typeof v === "object") {
    const keys = Object.keys(v as object).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${oldStableJson((v as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(v);
}

type RawDoc = { versions: Array<{ rules?: unknown; changes?: unknown }> };

/** Every rule version of every preset, as installPlan digests it (patches resolved) and as it is parsed. */
function presetRules(): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  for (const id of presetIds()) {
    const raw = parseYaml(readFileSync(join(PRESETS_DIR, `${id}.yaml`), "utf8")) as RawDoc;
    let previous: unknown;
    raw.versions.forEach((v, i) => {
      const rules = v.rules !== undefined ? v.rules : mergeRules(previous, v.changes);
      previous = rules;
      out.push([`${id} v${i} (document)`, rules]);
      out.push([`${id} v${i} (stored)`, JSON.parse(JSON.stringify(rules))]);
    });
    const plan = loadPlan(raw);
    if (plan.ok)
      plan.value.versions.forEach((v, i) => {
        out.push([`${id} v${i} (parsed)`, v.rules]);
      });
  }
  return out;
}

const charters: Array<[string, unknown]> = [
  ["default charter", defaultCharter("2020-01-01")],
  [
    "a charter with fractions",
    Charter.parse({
      effective: "2021-06-01",
      quorumPercent: 2.5,
      votes: {
        ordinary: { vote: true, thresholdPercent: 50.5, comparison: "moreThan" },
        benefitReduction: { vote: true, thresholdPercent: 66.67, comparison: "atLeast" },
        feeIncrease: { vote: true, thresholdPercent: 75, comparison: "atLeast" },
        dissolution: { vote: true, thresholdPercent: 90, comparison: "atLeast" },
      },
    }),
  ],
];

const changes: Array<[string, unknown]> = [
  ["no changes", null],
  ["a longer waiting period", { waiting: [{ days: 180 }] }],
  ["a lower benefit", { benefits: { schedule: [{ benefit: { amount: 200000 } }] } }],
  ["fractions and text", { fees: { managementPercent: 7.5 }, name: '互助 "计划" \u2028' }],
];

describe("canonical JSON with fractions, against the old stableJson", () => {
  const cases = [...presetRules(), ...charters, ...changes];

  it("covers every preset", () => {
    expect(cases.length).toBeGreaterThan(presetIds().length * 3);
  });

  it.each(cases)("prints %s byte for byte as before", (_name, value) => {
    expect(canonicalJson(value, "finite")).toBe(oldStableJson(value));
  });

  it("still refuses a fraction by default, and a non-finite number always", () => {
    expect(() => canonicalJson({ a: 0.5 })).toThrow(/safe integers/);
    expect(() => canonicalJson({ a: Number.NaN }, "finite")).toThrow(/finite/);
  });
});
