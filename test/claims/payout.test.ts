import { describe, expect, it } from "vitest";
import { loadClaim } from "../../src/claims/access.ts";
import { payoutOf } from "../../src/claims/payout.ts";
import { applicant, claimId, get, reviewer, t, useClaimsStory } from "../support/claims.ts";

useClaimsStory("pay");

describe("a paid claim shows what the ledger paid and why it differs from the benefit", () => {
  it("the applicant and the reviewer see paidFen and the capped reason", async () => {
    const mine = (await get(`/claims/${claimId}`, applicant.auth)).json();
    const staff = (await get(`/claims/${claimId}`, reviewer)).json();
    // 7 members share (the applicant's participation ended when the case entered): 7 × 10 fen (the
    // per-case cap) = 70 collected of 30,000,000 + 8% = 32,400,000 due; the benefit's part
    // ⌊70 × 30,000,000 ÷ 32,400,000⌋ = 64 fen, the fees 6; cut 30,000,000 − 64 = 29,999,936
    expect(mine.state).toBe("paid");
    expect(mine.benefitFen).toBe(30_000_000);
    expect(mine.payout).toMatchObject({ paidFen: 64, cutFen: 29_999_936, reason: { cause: "capped" } });
    expect(mine.payout.reason.text).toContain("perCase ≤ 10 fen");
    expect(staff.payout).toEqual(mine.payout);
    // the ledger's payout out of the pool is the same 64 fen
    const l = await t.db.pool.query(
      `SELECT p.amount_fen::int AS fen FROM ledger_transactions x JOIN ledger_postings p USING (txn_id)
       WHERE x.kind = 'payout' AND p.account_id = 'world:paid_out'`,
    );
    expect(l.rows.map((r) => -r.fen)).toEqual([64]);
    // the use case reads the same from the ledger and the cycle
    expect(await payoutOf(t.db.pool, await loadClaim(t.db.pool, claimId))).toEqual(mine.payout);
  });
});
