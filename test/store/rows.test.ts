import { describe, expect, it } from "vitest";
import { accounts } from "../../src/domain/ledger.ts";
import { memberAccountSql } from "../../src/store/ledger-sql.ts";
import { oneRow } from "../../src/store/rows.ts";

describe("oneRow", () => {
  it("returns the first row, and throws (a bug, a 500) when there is none", () => {
    expect(oneRow({ rows: [{ a: 1 }] }, "x")).toEqual({ a: 1 });
    expect(() => oneRow({ rows: [] }, "member 7")).toThrow(/invariant violated: member 7/);
  });
});

describe("memberAccountSql", () => {
  it("builds the ids that accounts.member* build, in SQL", () => {
    // The SQL concatenation with a literal id, evaluated the way PostgreSQL's || would.
    const evaluate = (sql: string) => sql.replace(/'([^']*)' \|\| 7 \|\| '([^']*)'/, "$17$2");
    expect(evaluate(memberAccountSql("7", "balance"))).toBe(accounts.memberBalance(7));
    expect(evaluate(memberAccountSql("7", "advance"))).toBe(accounts.memberAdvance(7));
    expect(evaluate(memberAccountSql("7", "review_deposit"))).toBe(accounts.memberDeposit(7));
  });
});
