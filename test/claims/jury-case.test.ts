import { describe, expect, it } from "vitest";
import { juryCaseFile } from "../../src/claims/case-file.ts";
import {
  applicant,
  claimId,
  early,
  get,
  guardian,
  jurors,
  post,
  reviewer,
  t,
  useClaimsStory,
} from "../support/claims.ts";

// the applicant's refusal (pathology report missing) has been appealed: the jurors are drawn
useClaimsStory("appeal");

describe("drawn jurors are told and read the masked case file", () => {
  it("puts a notice in every drawn juror's inbox, and in nobody else's", async () => {
    const drawn = await t.db.pool.query(
      "SELECT member_id FROM jurors WHERE claim_id = $1 ORDER BY member_id",
      [claimId],
    );
    // the jurors are the plan's 6 adult members who are not the applicant's household (5 jurors + guardian)
    expect(drawn.rows.map((r) => r.member_id)).toEqual(
      [...jurors, guardian].map((j) => j.memberId).sort((a, b) => a - b),
    );
    const inbox = (await get("/notifications", jurors[0]!.auth)).json();
    const notice = inbox.items.find((n: { title: string }) => n.title.includes(`#${claimId}`));
    expect(notice).toMatchObject({ kind: "claim" });
    expect(notice.body).toContain(`/claims/${claimId}/jury/case`);
    const mine = (await get("/notifications", applicant.auth)).json();
    expect(mine.items.some((n: { title: string }) => n.title.includes("评审员"))).toBe(false);
  });

  it("a juror reads the reasons, the masked findings and the document list before voting", async () => {
    const r = await get(`/claims/${claimId}/jury/case`, jurors[2]!.auth);
    expect(r.statusCode).toBe(200);
    const f = r.json();
    expect(f).toMatchObject({
      claimId,
      applicant: { nameMasked: "李*", ageBand: "30–39" },
      event: "major",
      decision: { reason: "not_proven" },
      documents: [{ kind: "diagnosis", contentType: "application/pdf", sizeBytes: expect.any(Number) }],
      findings: [{ findings: "病理报告缺失", expertOpinion: "无法确认诊断", diagnosisProven: false }],
    });
    expect(f.reasons.map((x: { action: string }) => x.action)).toEqual([
      "report",
      "upload",
      "submit",
      "assign",
      "investigate",
      "record_findings",
      "reject",
      "appeal",
    ]);
    // nothing that names the person: no full name, no ID, no description, no document address
    const text = JSON.stringify(f);
    expect(text).not.toContain("李四");
    expect(text).not.toContain("确诊恶性肿瘤");
    expect(text).not.toContain("sha256");
    expect(f.documents[0].sizeBytes).toBeGreaterThan(0);
    // the use case gives the same file
    const direct = await juryCaseFile(
      t.deps,
      { kind: "member", id: jurors[2]!.memberId, roles: ["member"] },
      claimId,
    );
    expect(JSON.parse(JSON.stringify(direct))).toEqual(f);
  });

  it("anyone not drawn is refused: a member, the applicant, staff", async () => {
    for (const who of [early.auth, applicant.auth]) {
      const r = await get(`/claims/${claimId}/jury/case`, who);
      expect(r.statusCode).toBe(403);
      expect(r.json().code).toBe("not_a_juror");
    }
    expect((await get(`/claims/${claimId}/jury/case`, reviewer)).statusCode).toBe(403);
    expect((await get(`/claims/${claimId}/jury/case`)).statusCode).toBe(401);
  });
});

describe("GET /juries: a member's jury invitations, with their own vote and the result", () => {
  it("lists the jury to each drawn juror (open, not voted), to nobody else; a vote shows at once", async () => {
    const mine = (await get("/juries", jurors[0]!.auth)).json();
    expect(mine.items).toEqual([
      {
        claimId,
        planId: "xianghubao",
        drawnAt: expect.any(String),
        closesAt: expect.any(String),
        myVote: null,
        tally: null,
      },
    ]);
    // the plan's window is 24 hours from the draw
    expect(Date.parse(mine.items[0].closesAt) - Date.parse(mine.items[0].drawnAt)).toBe(24 * 3_600_000);
    expect((await get("/juries", applicant.auth)).json().items).toEqual([]);
    expect((await get("/juries", early.auth)).json().items).toEqual([]);
    await post(`/claims/${claimId}/jury/votes`, jurors[0]!.auth, { inFavour: false, reason: "既往症成立" });
    expect((await get("/juries", jurors[0]!.auth)).json().items[0].myVote).toBe(false);
    expect((await get("/juries", jurors[1]!.auth)).json().items[0].myVote).toBe(null);
  });

  it("needs a member's sign-in: none is 401, staff are refused", async () => {
    expect((await get("/juries")).statusCode).toBe(401);
    const staff = await get("/juries", reviewer);
    expect(staff.statusCode).toBe(403);
  });
});
