import { describe, expect, it } from "vitest";
import { decide } from "../../src/claims/decide.ts";
import type { Principal } from "../../src/domain/access.ts";
import { ProblemError } from "../../src/errors.ts";
import { claimId, reviewerId, t, useClaimsStory } from "../support/claims.ts";

// the applicant's claim is in review, assigned to the reviewer (complexity complex), on 2020-07-01
useClaimsStory("assign");

const staff = (id: number): Principal => ({ kind: "staff", id, roles: ["reviewer"] });
const codeOf = (e: unknown) => (e instanceof ProblemError ? e.problem.code : e);

describe("decide, called as a use case", () => {
  it("refuses a reviewer who is not the one assigned, and changes nothing", async () => {
    const other = reviewerId + 1;
    await expect(decide(t.deps, staff(other), claimId, { note: "" }).catch(codeOf)).resolves.toBe(
      "not_assigned",
    );
    const c = await t.db.pool.query("SELECT state, decision FROM claims WHERE claim_id = $1", [claimId]);
    expect(c.rows[0]).toEqual({ state: "review", decision: null });
  });

  it("an unproven diagnosis: the refusal, its appeal deadline and its log entry, in one transaction", async () => {
    const v = await decide(t.deps, staff(reviewerId), claimId, {
      diagnosisProven: false,
      note: "no pathology",
    });
    // decided 2020-07-01, appeal within 15 days
    expect(v).toMatchObject({
      state: "rejected",
      decision: {
        approved: false,
        reason: "not_proven",
        explanation: "the documents do not prove the diagnosis (no pathology)",
        by: "reviewer",
      },
      deadlines: { appealDueOn: "2020-07-16" },
    });
    const logged = await t.db.pool.query(
      "SELECT entry FROM log_outbox WHERE kind = 'claim_decision' AND (entry->>'claim')::bigint = $1",
      [claimId],
    );
    expect(logged.rows.map((r) => r.entry)).toMatchObject([
      { stage: "decision", decision: "rejected", reason: "not_proven", benefitFen: 0, on: "2020-07-01" },
    ]);
  });
});
