import { describe, expect, it } from "vitest";
import type { Role } from "../../src/domain/access.ts";
import { enrolMembers, staffAccount } from "../support/app.ts";
import { postTo } from "../support/inject.ts";
import { useTestApp } from "../support/use-app.ts";

const t = useTestApp({ presets: ["xianghubao"] });

const PDF = Buffer.from("%PDF-1.4\n% 诊断证明\n1 0 obj <<>> endobj\n%%EOF\n");
const post = (url: string, headers: Record<string, string>, payload?: unknown) =>
  postTo(t, url, headers, payload);

async function staff(roles: Role[]) {
  const s = await staffAccount(t, roles);
  return { id: s.staffId, auth: s.auth };
}
let memberSeq = 0;
async function member() {
  memberSeq++;
  const e = await enrolMembers(
    t,
    1,
    "xianghubao",
    `131000000${memberSeq}`,
    "1980-01-01",
    900 + 2 * memberSeq,
  );
  return { ...e.registered[0]!, participationId: e.parts[0]! };
}
/** A member's claim, documents handed in: waiting for its reviewer. */
async function submittedClaim() {
  const m = await member();
  const r = await post("/claims", m.auth, {
    participationId: m.participationId,
    event: "major",
    diagnosedOn: "2020-02-20",
  });
  expect(r.statusCode).toBe(201);
  const id = r.json().claimId as number;
  expect(
    (await post(`/claims/${id}/documents`, { ...m.auth, "content-type": "application/pdf" }, PDF)).statusCode,
  ).toBe(201);
  expect((await post(`/claims/${id}/submit`, m.auth)).statusCode).toBe(200);
  return { m, id };
}
const findings = {
  findings: "hospital records checked",
  diagnosisProven: true,
  preExisting: false,
  falseClaim: false,
};

describe("separation of duties on a claim", () => {
  it("a reviewer who is also an investigator cannot send the claim to themself", async () => {
    const operator = await staff(["operator"]);
    const both = await staff(["reviewer", "investigator"]);
    const other = await staff(["investigator"]);
    const { id } = await submittedClaim();
    expect((await post(`/claims/${id}/assignment`, operator.auth, { reviewerId: both.id })).statusCode).toBe(
      200,
    );
    const self = await post(`/claims/${id}/investigation`, both.auth, {
      investigatorId: both.id,
      reason: "check",
    });
    expect(self.statusCode).toBe(403);
    expect(self.json().code).toBe("separation_of_duties");
    const ok = await post(`/claims/${id}/investigation`, both.auth, {
      investigatorId: other.id,
      reason: "check",
    });
    expect(ok.statusCode).toBe(200);
    expect((await post(`/claims/${id}/findings`, other.auth, findings)).statusCode).toBe(200);
    expect((await post(`/claims/${id}/decision`, both.auth, { note: "" })).statusCode).toBe(200);
  });

  it("whoever investigated a claim is never made its reviewer, and so never decides it", async () => {
    const operator = await staff(["operator"]);
    const reviewer = await staff(["reviewer"]);
    const both = await staff(["reviewer", "investigator"]);
    const { id } = await submittedClaim();
    await post(`/claims/${id}/assignment`, operator.auth, { reviewerId: reviewer.id });
    await post(`/claims/${id}/investigation`, reviewer.auth, { investigatorId: both.id, reason: "check" });
    expect((await post(`/claims/${id}/findings`, both.auth, findings)).statusCode).toBe(200);
    const swap = await post(`/claims/${id}/assignment`, operator.auth, { reviewerId: both.id });
    expect(swap.statusCode).toBe(403);
    expect(swap.json().code).toBe("separation_of_duties");
    const decide = await post(`/claims/${id}/decision`, both.auth, { note: "" });
    expect(decide.statusCode).toBe(403);
    const state = await t.db.pool.query(
      "SELECT reviewer_id::int AS r, decision FROM claims WHERE claim_id = $1",
      [id],
    );
    expect(state.rows[0]).toEqual({ r: reviewer.id, decision: null });
  });

  it("staff are never the applicant of a living member's claim", async () => {
    const operator = await staff(["operator"]);
    const m = await member();
    const ordinary = await post("/claims", operator.auth, {
      participationId: m.participationId,
      event: "major",
      diagnosedOn: "2020-02-20",
    });
    expect(ordinary.statusCode).toBe(403);
    expect(ordinary.json().code).toBe("separation_of_duties");
    const living = await post("/claims", operator.auth, {
      participationId: m.participationId,
      event: "major",
      diagnosedOn: "2020-02-20",
      afterDeath: true,
    });
    expect(living.statusCode).toBe(422);
    expect(living.json().code).toBe("not_deceased");
    // nor on the member's own claim: no documents, no submission, no withdrawal in their name
    const { id } = await (async () => {
      const r = await post("/claims", m.auth, {
        participationId: m.participationId,
        event: "major",
        diagnosedOn: "2020-02-20",
      });
      return { id: r.json().claimId as number };
    })();
    for (const [path, body] of [["submit"], ["withdraw", { reason: "" }]] as const) {
      const r = await post(`/claims/${id}/${path}`, operator.auth, body);
      expect(r.statusCode, path).toBe(403);
    }
    const doc = await post(
      `/claims/${id}/documents`,
      { ...operator.auth, "content-type": "application/pdf" },
      PDF,
    );
    expect(doc.statusCode).toBe(403);
    // and a member cannot claim "after a death" for someone alive either
    const self = await post("/claims", m.auth, {
      participationId: m.participationId,
      event: "major",
      diagnosedOn: "2020-02-21",
      afterDeath: true,
    });
    expect(self.json().code).toBe("not_deceased");
    expect((await t.db.pool.query("SELECT count(*)::int AS n FROM claims WHERE after_death")).rows[0].n).toBe(
      0,
    );
  });

  it("after a recorded death, another operator acts for the heir, and then never reviews the claim", async () => {
    const recorder = await staff(["operator"]);
    const agent = await staff(["operator", "reviewer"]);
    const m = await member();
    const report = {
      participationId: m.participationId,
      event: "major",
      diagnosedOn: "2020-02-20",
      afterDeath: true,
    };
    expect((await post(`/members/${m.memberId}/death`, m.auth, { diedOn: "2020-02-25" })).statusCode).toBe(
      403,
    );
    expect(
      (await post(`/members/${m.memberId}/death`, recorder.auth, { diedOn: "2099-01-01" })).statusCode,
    ).toBe(400);
    expect(
      (await post(`/members/${m.memberId}/death`, recorder.auth, { diedOn: "2020-02-25" })).statusCode,
    ).toBe(200);
    const own = await post("/claims", recorder.auth, report);
    expect(own.statusCode).toBe(403); // who recorded the death does not also act for the heir
    expect(own.json().code).toBe("separation_of_duties");
    const r = await post("/claims", agent.auth, report);
    expect(r.statusCode).toBe(201);
    const id = r.json().claimId as number;
    expect(
      (await post(`/claims/${id}/documents`, { ...agent.auth, "content-type": "application/pdf" }, PDF))
        .statusCode,
    ).toBe(201);
    expect((await post(`/claims/${id}/submit`, agent.auth)).statusCode).toBe(200);
    const assign = await post(`/claims/${id}/assignment`, recorder.auth, { reviewerId: agent.id });
    expect(assign.statusCode).toBe(403);
    expect(assign.json().code).toBe("separation_of_duties");
  });

  it("a reviewer or investigator of a claim cannot act for the heir on it", async () => {
    const recorder = await staff(["operator"]);
    const agent = await staff(["operator"]);
    const dual = await staff(["operator", "reviewer"]);
    const m = await member();
    await post(`/members/${m.memberId}/death`, recorder.auth, { diedOn: "2020-02-25" });
    const r = await post("/claims", agent.auth, {
      participationId: m.participationId,
      event: "major",
      diagnosedOn: "2020-02-20",
      afterDeath: true,
    });
    const id = r.json().claimId as number;
    await post(`/claims/${id}/documents`, { ...agent.auth, "content-type": "application/pdf" }, PDF);
    await post(`/claims/${id}/submit`, agent.auth);
    expect((await post(`/claims/${id}/assignment`, recorder.auth, { reviewerId: dual.id })).statusCode).toBe(
      200,
    );
    const w = await post(`/claims/${id}/withdraw`, dual.auth, { reason: "" });
    expect(w.statusCode).toBe(403);
    expect(w.json().code).toBe("separation_of_duties");
  });
});
