import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publicAudit } from "../../src/domain/public-audit/audit.ts";
import { buildTamperState, exportOf, privateAudit, type TamperState } from "./state.ts";

let s: TamperState;
beforeAll(async () => {
  s = await buildTamperState();
}, 120_000);
afterAll(() => s?.t.close());

describe("the honest state", () => {
  it("passes every check", async () => {
    expect(await privateAudit(s.t)).toEqual([]);
    const r = publicAudit(await exportOf(s.t));
    expect(r.problems).toEqual([]);
    expect(r.cycles).toBe(2);
    expect(r.payouts).toBe(2);
  });
});
