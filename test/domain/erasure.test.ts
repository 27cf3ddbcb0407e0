import { describe, expect, it } from "vitest";
import { civilDate } from "../../src/domain/calendar.ts";
import { erasureBlockers, evidenceKeptUntil } from "../../src/domain/erasure.ts";

const clear = {
  openParticipations: 0,
  openClaims: 0,
  pendingPayments: 0,
  unsettledAccounts: 0,
  openDisputes: 0,
  liveDependants: 0,
  pendingDependantRequests: 0,
};

describe("erasure rules", () => {
  it("blocks on anything open, naming each; nothing open blocks nothing", () => {
    expect(erasureBlockers(clear)).toEqual([]);
    expect(erasureBlockers({ ...clear, openClaims: 1, unsettledAccounts: 2 })).toEqual([
      "1 claim(s) not yet closed",
      "2 account(s) with a balance: withdraw or settle first",
    ]);
    expect(erasureBlockers({ ...clear, pendingDependantRequests: 1 })).toHaveLength(1);
  });

  it("keeps the evidence to the same day five years on; a 29 February erasure to the 28th", () => {
    expect(evidenceKeptUntil(civilDate("2020-01-14"), 5)).toBe("2025-01-14");
    expect(evidenceKeptUntil(civilDate("2024-02-29"), 5)).toBe("2029-02-28");
    expect(evidenceKeptUntil(civilDate("2024-12-31"), 0)).toBe("2024-12-31");
  });
});
