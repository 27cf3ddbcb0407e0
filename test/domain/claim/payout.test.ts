import { describe, expect, it } from "vitest";
import { paidPerCase, payoutReason } from "../../../src/domain/claim/payout.ts";
import { fen } from "../../../src/domain/money.ts";

describe("paidPerCase", () => {
  it("splits a cycle's payout in proportion to the benefits, the remainder to the first cases", () => {
    // 100 paid over 30,000 + 10,000 + 20,000: exact parts 50, 16.67, 33.33 → floors 50, 16, 33 = 99;
    // the one fen left goes to the first case
    const m = paidPerCase(
      [
        { caseId: 1, benefitFen: 30_000 },
        { caseId: 2, benefitFen: 10_000 },
        { caseId: 3, benefitFen: 20_000 },
      ],
      100,
    );
    expect([...m.entries()]).toEqual([
      [1, 51],
      [2, 16],
      [3, 33],
    ]);
  });
  it("pays each case its benefit when nothing was cut, and nothing from no cases", () => {
    expect([...paidPerCase([{ caseId: 7, benefitFen: 2_222 }], 2_222).values()]).toEqual([2_222]);
    expect(paidPerCase([], 0).size).toBe(0);
  });
});

describe("payoutReason", () => {
  const cycle = { cycleId: 3, sharingMembers: 9, collectOn: "2020-07-28", paid: true };
  it("names each cause", () => {
    const base = { benefitFen: 100_000, capsBorneByBenefit: [] };
    expect(payoutReason({ ...base, paidFen: null, cycle: null }).cause).toBe("waiting");
    expect(payoutReason({ ...base, paidFen: null, cycle: { ...cycle, paid: false } }).cause).toBe(
      "announced",
    );
    expect(payoutReason({ ...base, paidFen: fen(100_000), cycle }).cause).toBe("paid_in_full");
    expect(payoutReason({ ...base, paidFen: fen(2_222), cycle }).cause).toBe("shortfall");
    const capped = payoutReason({
      ...base,
      paidFen: fen(2_222),
      cycle,
      capsBorneByBenefit: [{ kind: "perCycle", amountFen: 300 }] as const,
    });
    // 100,000 − 2,222 = 97,778 fen cut
    expect(capped).toMatchObject({ cause: "capped" });
    expect(capped.text).toContain("97778 fen less than approved");
    expect(capped.text).toContain("perCycle ≤ 300 fen");
  });
});
