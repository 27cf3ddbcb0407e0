import { beforeAll, describe, expect, it } from "vitest";
import { sequenceLog } from "../../src/log/sequencer.ts";
import { verifyJuryDraw } from "../../src/verify/jury.ts";
import {
  applicant,
  at,
  child,
  claimId,
  get,
  guardian,
  jurors,
  type M,
  operator,
  PDF,
  post,
  reasonOf,
  replayStory,
  reviewer,
  reviewerId,
  setNow,
  t,
  useClaimsStory,
} from "../support/claims.ts";
import { runCli } from "../support/cli.ts";

useClaimsStory("refuse");

describe("jury appeal", () => {
  it("draws the jurors verifiably from every adult member but the applicant", async () => {
    await sequenceLog(t.db.pool, t.deps.logKeys, t.clock);
    const a = await post(`/claims/${claimId}/appeal`, applicant.auth);
    expect(a.statusCode).toBe(200);
    expect(a.json().state).toBe("appeal");
    const jury = (await get(`/claims/${claimId}/jury`)).json();
    // the six other adults (the waiting-period member left the plan; the child is a minor) are all
    // drawn: the jury size is 100,000
    const pseudonyms = await t.db.pool.query("SELECT member_id, pseudonym FROM members");
    const byId = new Map(pseudonyms.rows.map((r) => [r.member_id, r.pseudonym]));
    expect(new Set(jury.jurors)).toEqual(new Set([...jurors, guardian].map((j) => byId.get(j.memberId))));
    expect(jury.jurors).not.toContain(byId.get(applicant.memberId));
    const inject = async (path: string) => {
      const r = await get(path);
      if (r.statusCode !== 200) throw new Error(`${path}: ${r.statusCode}`);
      return String(r.headers["content-type"]).includes("json") ? r.json() : r.body;
    };
    const checks = await verifyJuryDraw(inject, claimId);
    expect(checks.every((c) => c.ok)).toBe(true);
    // with a jury of 3 from the same inputs the draw is a different, checkable selection
    const three = await verifyJuryDraw(inject, claimId, { jurySize: 3 });
    expect(three.at(-1)!.ok).toBe(false);
  });

  it("`huzhu jury verify` reproduces the draw against the running server, and fails when jurors are swapped", async () => {
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    const addr = t.app.server.address() as { port: number };
    const server = `http://127.0.0.1:${addr.port}`;
    const ok = await runCli(["jury", "verify", "--claim", String(claimId), "--server", server]);
    expect(ok.stdout).toContain("the jury draw is reproduced");
    expect(ok.code).toBe(0);
    await t.db.pool.query(
      `UPDATE jurors SET draw_order = CASE draw_order WHEN 0 THEN -1 WHEN 1 THEN 0 END WHERE claim_id = $1 AND draw_order IN (0, 1)`,
      [claimId],
    );
    await t.db.pool.query("UPDATE jurors SET draw_order = 1 WHERE claim_id = $1 AND draw_order = -1", [
      claimId,
    ]);
    const bad = await runCli(["jury", "verify", "--claim", String(claimId), "--server", server]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain("does NOT reproduce");
    await t.db.pool.query(
      `UPDATE jurors SET draw_order = CASE draw_order WHEN 0 THEN -1 WHEN 1 THEN 0 END WHERE claim_id = $1 AND draw_order IN (0, 1)`,
      [claimId],
    );
    await t.db.pool.query("UPDATE jurors SET draw_order = 1 WHERE claim_id = $1 AND draw_order = -1", [
      claimId,
    ]);
    const bad2 = await runCli(["jury", "verify", "--claim", "x1", "--server", server]);
    expect(bad2.code).toBe(2);
  });

  it("one vote per juror in the window; a second vote changes nothing; after the window it is refused", async () => {
    const v = (m: M, inFavour: boolean, reason = reasonOf(inFavour)) =>
      post(`/claims/${claimId}/jury/votes`, m.auth, { inFavour, reason });
    // every vote carries a reason: none, blank or longer than 1,000 characters is a 400 naming it
    for (const body of [
      { inFavour: true },
      { inFavour: true, reason: " \n " },
      { inFavour: false, reason: "理".repeat(1_001) },
    ]) {
      const bad = await post(`/claims/${claimId}/jury/votes`, jurors[0]!.auth, body);
      expect(bad.statusCode).toBe(400);
      expect(bad.json().field).toBe("reason");
    }
    const notJuror = await v(applicant, true);
    expect(notJuror.statusCode).toBe(403);
    expect(notJuror.json().code).toBe("not_a_juror");
    expect((await v(jurors[0]!, true)).json()).toMatchObject({ inFavour: true, alreadyVoted: false });
    expect((await v(jurors[0]!, false)).json()).toMatchObject({ inFavour: true, alreadyVoted: true });
    await v(jurors[1]!, true, "诊断可由复查证实，联系 13910000009");
    await v(jurors[2]!, true, "理".repeat(1_000)); // the longest reason taken
    await v(jurors[3]!, false);
    // no reason is public while the jury votes
    expect((await get(`/claims/${claimId}/jury`)).json().reasons).toEqual([]);
    await setNow(at("2020-07-02", 11)); // 25 hours after the draw: the 24-hour window has closed
    const late = await v(jurors[4]!, true);
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe("jury_closed");
    const votes = await t.db.pool.query("SELECT count(*)::int AS n FROM jury_votes WHERE claim_id = $1", [
      claimId,
    ]);
    expect(votes.rows[0].n).toBe(4);
    // every ballot is in the transparency log: 3 in favour, 1 against, recountable by anyone
    await sequenceLog(t.db.pool, t.deps.logKeys, t.clock);
    const ballots = (await t.db.pool.query("SELECT canonical FROM log_entries WHERE kind = 'ballot'")).rows
      .map((r) => JSON.parse(r.canonical))
      .filter((b) => b.claim === claimId);
    const inFavour = ballots.filter((b) => b.inFavour === true).length;
    expect([inFavour, ballots.length - inFavour]).toEqual([3, 1]);
    // the reasons' free text stays out of the immutable public log; the database holds it sealed
    expect(JSON.stringify(ballots)).not.toContain("病理报告");
    const sealed = await t.db.pool.query("SELECT reason_cipher FROM jury_votes WHERE claim_id = $1", [
      claimId,
    ]);
    for (const r of sealed.rows) expect(r.reason_cipher.toString("latin1")).not.toContain("13910000009");
  });

  it("3 of 4 in favour (75% > 50%) overturns: the claim is decided by the rules and published", async () => {
    const r = await post("/admin/claims/advance", operator);
    expect(r.json()).toMatchObject({ juriesClosed: 1 });
    const jury = (await get(`/claims/${claimId}/jury`)).json();
    expect(jury.tally).toEqual({ outcome: "overturned", inFavour: 3, against: 1 });
    // once tallied, the four reasons are public, unattributed, those to overturn first, masked as the
    // case file is (the mobile number)
    expect(jury.reasons.map((r: { inFavour: boolean }) => r.inFavour)).toEqual([true, true, true, false]);
    expect(jury.reasons.map((r: { reason: string }) => r.reason).sort()).toEqual(
      [reasonOf(true), "诊断可由复查证实，联系 139****0009", "理".repeat(1_000), reasonOf(false)].sort(),
    );
    const c = (await get(`/claims/${claimId}`, applicant.auth)).json();
    // born 1990-05-01, joined 2020-03-01 aged 29, standard tier, 重大疾病: 300,000 yuan = 30,000,000 fen
    expect(c).toMatchObject({
      state: "announcement",
      benefitFen: 30_000_000,
      publishedOn: "2020-07-02",
      decision: { approved: true, by: "jury" },
      // published 07-02 for 15 days: objections until 07-16, sharing from 07-17
      deadlines: { publicityEndsOn: "2020-07-17" },
    });
    expect(c.decision.explanation).toContain("3 of 4 votes (75.0%)");
  });
});

describe("the jury excludes the applicant's family", () => {
  // the applicant's claim is shared and paid first: the applicant has left the plan when the child appeals
  beforeAll(async () => {
    await replayStory("overturn", "pay");
  });

  it("a child's appeal is judged without the guardian", async () => {
    await setNow(at("2020-08-01"));
    const r = await post("/claims", guardian.auth, {
      participationId: child.participationId,
      event: "major",
      diagnosedOn: "2020-07-20",
    });
    expect(r.statusCode).toBe(201);
    const id = r.json().claimId;
    await post(`/claims/${id}/documents`, { ...guardian.auth, "content-type": "application/pdf" }, PDF);
    await post(`/claims/${id}/submit`, guardian.auth);
    await post(`/claims/${id}/assignment`, operator, { reviewerId });
    const d = await post(`/claims/${id}/decision`, reviewer, {
      diagnosisProven: false,
      note: "no pathology",
    });
    expect(d.json()).toMatchObject({ state: "rejected", decision: { reason: "not_proven" } });
    await sequenceLog(t.db.pool, t.deps.logKeys, t.clock);
    const a = await post(`/claims/${id}/appeal`, guardian.auth);
    expect(a.json().state).toBe("appeal");
    const jury = (await get(`/claims/${id}/jury`)).json();
    const pseudonyms = await t.db.pool.query("SELECT member_id, pseudonym FROM members");
    const byId = new Map(pseudonyms.rows.map((x) => [x.member_id, x.pseudonym]));
    // the five unrelated members still in the plan; neither the guardian nor the child
    expect(new Set(jury.jurors)).toEqual(new Set(jurors.map((j) => byId.get(j.memberId))));
    expect(jury.jurors).not.toContain(byId.get(guardian.memberId));
    expect(jury.jurors).not.toContain(byId.get(child.memberId));
  });
});
