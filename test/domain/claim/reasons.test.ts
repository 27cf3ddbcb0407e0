import { describe, expect, it } from "vitest";
import { civilDate as d } from "../../../src/domain/calendar.ts";
import {
  REASONS,
  type Reason,
  reasonColumns,
  reasonFrom,
  reasonText,
  refusalStep,
  why,
} from "../../../src/domain/claim/reasons.ts";
import { CASES } from "../../support/reason-cases.ts";

describe("the reason codes", () => {
  it("every code has its case here, and none is listed that the registry lacks", () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(REASONS).sort());
  });

  for (const [code, [r, english]] of Object.entries(CASES)) {
    it(`${code}: the English is rendered from the parameters`, () => {
      expect(r.code).toBe(code);
      expect(reasonText(r)).toBe(english);
    });
  }

  it("an unknown code or a wrong parameter does not compile", () => {
    // @ts-expect-error no such code
    why("no_such_code", {});
    // @ts-expect-error a count is a number
    why("late_report", { reportedAfterDays: "31", limitDays: 30 });
    // @ts-expect-error a parameter missing
    why("waiting_period", { diagnosedOn: d("2020-03-01"), waitingDays: 90 });
  });

  it("a decision the jury reopened says the tally first, and stores it in the parameters", () => {
    const approved = CASES.approved[0];
    const reopened: Reason = { ...approved, jury: CASES.jury_overturned[0] };
    expect(reasonText(reopened)).toBe(`${CASES.jury_overturned[1]}; ${CASES.approved[1]}`);
    const stored = reasonColumns(reopened);
    expect(stored).toEqual({
      code: "approved",
      params: {
        ruleVersion: "2020-01-01",
        phaseInBp: 7_500,
        membershipDay: 200,
        jury: { code: "jury_overturned", params: CASES.jury_overturned[0].params },
      },
    });
    // through JSON (the jsonb column, the API) and back: the same sentence
    const back = reasonFrom(stored.code, JSON.parse(JSON.stringify(stored.params)));
    expect(back && reasonText(back)).toBe(reasonText(reopened));
  });

  it("an unknown or missing code reads back as none (the stored English is shown)", () => {
    expect(reasonFrom(null, null)).toBeNull();
    expect(reasonFrom("no_such_code", {})).toBeNull();
    expect(reasonFrom("submitted", null)).toBeNull();
    expect(reasonFrom("submitted", {})).toEqual({ code: "submitted", params: {} });
  });

  it("a refusal's step names the refusal before the sentence, with the same code", () => {
    const step = refusalStep("not_proven", CASES.not_proven[0]);
    expect(step).toEqual({
      why: CASES.not_proven[0],
      text: "not_proven: the documents do not prove the diagnosis (no pathology)",
    });
  });
});
