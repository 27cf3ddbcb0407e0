import { describe, expect, it } from "vitest";
import { civilDate } from "../../../src/domain/calendar.ts";
import { debitKey, parseDebitKey, recoverKey, retryKey } from "../../../src/domain/cycle/debit-key.ts";

describe("cycle debit keys", () => {
  const on = civilDate("2020-01-07");
  it("are read back as they were built", () => {
    expect(debitKey("xianghubao", on, 42)).toBe("cycle:xianghubao:2020-01-07:debit:42");
    expect(parseDebitKey(debitKey("xianghubao", on, 42))).toEqual({
      planId: "xianghubao",
      announcedOn: on,
      memberId: 42,
      attempt: 0,
      recover: false,
    });
    expect(parseDebitKey(retryKey("p", on, 7, 2))).toMatchObject({ memberId: 7, attempt: 2, recover: false });
    expect(parseDebitKey(recoverKey("p", on, 7))).toMatchObject({ memberId: 7, attempt: 0, recover: true });
  });

  it("are not confused with other keys", () => {
    expect(parseDebitKey("topup:1:abc")).toBeNull();
    expect(parseDebitKey(`${debitKey("p", on, 7)}:answer`)).toBeNull();
  });
});
