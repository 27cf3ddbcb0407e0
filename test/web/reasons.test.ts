import { readFileSync } from "node:fs";
import fc from "fast-check";
import i18next, { type TFunction } from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type ParamKind,
  REASONS,
  type Reason,
  type ReasonCode,
  reasonColumns,
  reasonFrom,
  reasonText,
} from "../../src/domain/claim/reasons.ts";
import { reasonShown, reasonWords } from "../../web/src/reasons.ts";

/*
 * Every reason code renders in both catalogues from any valid parameters: the app's own renderer
 * (web/src/reasons.ts) over the real zh-CN and en catalogues, nothing left as a placeholder.
 */
const catalogue = (lng: string) => JSON.parse(readFileSync(`web/src/i18n/${lng}.json`, "utf8"));
const LANGUAGES = ["zh-CN", "en"] as const;
const CODES = Object.keys(REASONS) as ReasonCode[];

const date = fc
  .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true })
  .map((t) => t.toISOString().slice(0, 10));
/**
 * A free-text parameter, without "{{" or "}}": a text that holds them is shown as written, and would
 * read as a placeholder left to the check below (fast-check found "{{ " as a tier name, unseeded).
 */
const freeText = fc
  .string({ minLength: 1, maxLength: 40 })
  .filter((s) => !s.includes("{{") && !s.includes("}}"));

const ARB: Record<ParamKind, fc.Arbitrary<unknown>> = {
  date,
  count: fc.nat({ max: 10_000_000 }),
  id: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  fen: fc.nat({ max: 2 ** 40 }),
  bp: fc.integer({ min: 0, max: 10_000 }),
  percent: fc.integer({ min: 0, max: 1_000 }).map((n) => (n / 10).toFixed(1)),
  text: freeText,
  note: fc.oneof(fc.constant(""), freeText),
  documentKind: fc.constantFrom("diagnosis", "medical_record", "invoice", "identity", "other"),
  complexity: fc.constantFrom("clear", "complex", "veryComplex"),
  event: fc.constantFrom("cancer", "stroke", "death"),
  refusal: fc.constantFrom("not_proven", "false_claim", "pre_existing"),
  ageBasis: fc.constantFrom("joining", "diagnosis"),
  caps: fc.array(
    fc.record({
      kind: fc.constantFrom("perCase", "perCycle", "perYear"),
      amountFen: fc.nat({ max: 100_000 }),
    }),
    { minLength: 1, maxLength: 3 },
  ),
};

const paramsOf = (code: ReasonCode) =>
  fc.record(
    Object.fromEntries(
      Object.entries(REASONS[code].params as Record<string, ParamKind>).map(([k, kind]) => [k, ARB[kind]]),
    ),
  );
const simple: fc.Arbitrary<Reason> = fc
  .constantFrom(...CODES)
  .chain((code) => paramsOf(code).map((params) => ({ code, params }) as Reason));
const tally = fc
  .constantFrom<ReasonCode>("jury_overturned", "jury_upheld", "jury_no_quorum")
  .chain((code) => paramsOf(code).map((params) => ({ code, params }) as Reason));
/** A reason, sometimes one the jury reopened (its tally said first). */
const anyReason = fc.oneof(
  simple,
  fc.tuple(simple, tally).map(([r, jury]) => ({ ...r, jury }) as Reason),
);

const ts: Record<string, TFunction> = {};
beforeAll(async () => {
  await i18next.init({
    resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: catalogue(l) }])),
    lng: "zh-CN",
    fallbackLng: false,
    interpolation: { escapeValue: false },
  });
  for (const l of LANGUAGES) ts[l] = i18next.getFixedT(l);
});

/** Renders in a language with the formatters (money, dates) in that language too. */
async function words(lng: (typeof LANGUAGES)[number], r: Reason) {
  await i18next.changeLanguage(lng);
  return reasonWords(ts[lng]!, r);
}

describe("reason sentences in the catalogues", () => {
  it("every code has a sentence in both, naming exactly the code's parameters", () => {
    for (const l of LANGUAGES) {
      const why = catalogue(l).claims.why as Record<string, string>;
      expect(Object.keys(why).sort()).toEqual([...CODES].sort());
      for (const code of CODES) {
        const used = [...why[code]!.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
        expect([l, code, used]).toEqual([l, code, Object.keys(REASONS[code].params).sort()]);
      }
    }
  });

  it("any code with any valid parameters renders in both languages with no placeholder left", async () => {
    await fc.assert(
      fc.asyncProperty(anyReason, async (r) => {
        // as the app receives it: stored as columns, through JSON, read back
        const { code, params } = reasonColumns(r);
        const back = reasonFrom(code, JSON.parse(JSON.stringify(params)));
        expect(back).not.toBeNull();
        for (const l of LANGUAGES) {
          const s = await words(l, back!);
          expect(s).toBeTypeOf("string");
          expect(s!.length).toBeGreaterThan(0);
          expect(s).not.toContain("{{");
          expect(s).not.toMatch(/undefined|NaN|\[object Object\]/);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("a zh-CN sentence is Chinese, with amounts in yuan and dates as the app writes them", async () => {
    // 97,778 fen = ¥977.78; 2020-07-28 is 2020年7月28日
    const r: Reason = { code: "payout_shortfall", params: { cycleId: 4, sharingMembers: 9, cutFen: 97_778 } };
    expect(await words("zh-CN", r)).toBe(
      "第 4 期 9 名会员的分摊不足以支付互助金，按规则差额由互助金承担：比核定金额少 ¥977.78",
    );
    const lapsed = { code: "lapsed", params: { dueOn: "2020-07-28" } } as Reason;
    expect(await words("zh-CN", lapsed)).toBe("未在2020年7月28日前提交材料，申请失效");
    expect(await words("en", lapsed)).toBe("No documents submitted by Jul 28, 2020; the claim lapsed");
  });

  it("without a code, or with a code the catalogue lacks, the server's English is shown", async () => {
    await i18next.changeLanguage("zh-CN");
    const t = ts["zh-CN"]!;
    expect(reasonShown(t, { reasonCode: null, reasonParams: null }, "findings recorded")).toBe(
      "findings recorded",
    );
    expect(reasonShown(t, { reasonCode: "newer_code", reasonParams: {} }, "something new")).toBe(
      "something new",
    );
    // a parameter missing from an old row: the English, never a half-filled sentence
    expect(reasonShown(t, { reasonCode: "lapsed", reasonParams: {} }, "no documents submitted by x")).toBe(
      "no documents submitted by x",
    );
    const ok = { code: "submitted", params: {} } as Reason;
    expect(reasonShown(t, reasonColumnsOf(ok), reasonText(ok))).toBe("材料已提交，进入审核");
  });
});

const reasonColumnsOf = (r: Reason) => {
  const { code, params } = reasonColumns(r);
  return { reasonCode: code, reasonParams: params };
};
