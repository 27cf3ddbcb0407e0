import { describe, expect, it } from "vitest";
import {
  enrolChild,
  GUARDIANSHIP_PDF,
  registerMember,
  residentId,
  staffAccount,
  staffToken,
} from "../support/app.ts";
import { runCli } from "../support/cli.ts";
import { postTo } from "../support/inject.ts";
import { claimWithDocument } from "../support/privacy.ts";
import { useTestApp } from "../support/use-app.ts";

const t = useTestApp();

type Row = { actor_kind: string; actor_id: number; subject_id: number; data: string; purpose: string };
const trail = async (): Promise<Row[]> =>
  (
    await t.db.pool.query<Row>(
      "SELECT actor_kind, actor_id::int, subject_id::int, data, purpose FROM personal_data_reads ORDER BY read_id",
    )
  ).rows;

describe("every staff read of personal data is in the read trail", () => {
  it("a member's record read by staff, by route; the member's own reads and refused reads are not", async () => {
    const m = await registerMember(t, "13100000901", residentId("1990-01-01", 901), "卫一");
    const operator = await staffAccount(t, ["operator"]);
    await t.app.inject({ method: "GET", url: `/members/${m.memberId}`, headers: m.auth });
    await t.app.inject({ method: "GET", url: "/me", headers: m.auth });
    // an unknown member (404) and a malformed id (400) read nothing
    await t.app.inject({ method: "GET", url: "/members/999999", headers: operator.auth });
    await t.app.inject({ method: "GET", url: "/members/abc", headers: operator.auth });
    expect(await trail()).toEqual([]);
    expect(
      (await t.app.inject({ method: "GET", url: `/members/${m.memberId}`, headers: operator.auth }))
        .statusCode,
    ).toBe(200);
    await t.app.inject({ method: "GET", url: `/members/${m.memberId}/dependants`, headers: operator.auth });
    expect(await trail()).toEqual([
      {
        actor_kind: "staff",
        actor_id: operator.staffId,
        subject_id: m.memberId,
        data: "member_record",
        purpose: "GET /members/:memberId",
      },
      {
        actor_kind: "staff",
        actor_id: operator.staffId,
        subject_id: m.memberId,
        data: "member_record",
        purpose: "GET /members/:memberId/dependants",
      },
    ]);
  });

  it("a claim's text and document read by its reviewer, and a guardianship document, name the member", async () => {
    const before = (await trail()).length;
    const m = await registerMember(t, "13100000902", residentId("1990-01-01", 902), "卫二");
    const reviewer = await staffAccount(t, ["reviewer"]);
    const { claimId, sha } = await claimWithDocument(t, m, {
      description: "病情描述",
      reviewerId: reviewer.staffId,
    });
    await t.app.inject({ method: "GET", url: `/claims/${claimId}`, headers: m.auth });
    expect((await trail()).length).toBe(before);
    const view = await t.app.inject({ method: "GET", url: `/claims/${claimId}`, headers: reviewer.auth });
    expect(view.json().description).toBe("病情描述");
    await t.app.inject({ method: "GET", url: `/claims/${claimId}/documents/${sha}`, headers: reviewer.auth });
    const rows = (await trail()).slice(before);
    expect(rows).toEqual([
      {
        actor_kind: "staff",
        actor_id: reviewer.staffId,
        subject_id: m.memberId,
        data: "claim_personal_text",
        purpose: "claim view",
      },
      {
        actor_kind: "staff",
        actor_id: reviewer.staffId,
        subject_id: m.memberId,
        data: "claim_document",
        purpose: "claim document",
      },
    ]);
    // a guardianship document under review
    const request = await t.app.inject({
      method: "POST",
      url: `/members/${m.memberId}/dependants`,
      headers: m.auth,
      payload: {
        name: "卫小",
        residentId: residentId("2015-05-05", 904),
        relation: "child",
        consentVersion: "v1",
      },
    });
    const requestId = request.json().requestId as number;
    await t.app.inject({
      method: "PUT",
      url: `/members/${m.memberId}/dependant-requests/${requestId}/document`,
      headers: { ...m.auth, "content-type": "application/pdf" },
      payload: GUARDIANSHIP_PDF,
    });
    const doc = await t.app.inject({
      method: "GET",
      url: `/dependant-requests/${requestId}/document`,
      headers: reviewer.auth,
    });
    expect(doc.statusCode).toBe(200);
    expect((await trail()).at(-1)).toEqual({
      actor_kind: "staff",
      actor_id: reviewer.staffId,
      subject_id: m.memberId,
      data: "guardianship_document",
      purpose: "guardianship review",
    });
  });

  it("a staff search of a person reads the person and their dependants; a search that finds nobody reads nothing", async () => {
    const g = await registerMember(t, "13100000907", residentId("1980-01-01", 907), "卫七");
    const child = await enrolChild(t, g, { name: "卫小七", residentId: residentId("2016-01-01", 908) });
    const operator = await staffAccount(t, ["operator"]);
    const n = (await trail()).length;
    const none = await postTo(t, "/operations/search", operator.auth, { mobile: "13100009999" });
    expect(none.json().members).toEqual([]);
    expect((await trail()).length).toBe(n);
    const found = await postTo(t, "/operations/search", operator.auth, { mobile: "13100000907" });
    expect(found.statusCode).toBe(200);
    const search = {
      actor_kind: "staff",
      actor_id: operator.staffId,
      data: "member_record",
      purpose: "POST /operations/search",
    };
    expect((await trail()).slice(n)).toEqual([
      { ...search, subject_id: g.memberId },
      { ...search, subject_id: child.memberId },
    ]);
  });

  it("lists for auditors only, by member, with no personal data; malformed queries are 400 naming the field", async () => {
    const m = await registerMember(t, "13100000903", residentId("1990-01-01", 903), "卫三");
    const operator = await staffToken(t, ["operator"]);
    await t.app.inject({ method: "GET", url: `/members/${m.memberId}`, headers: operator });
    const auditor = await staffToken(t, ["auditor"]);
    const list = await t.app.inject({
      method: "GET",
      url: `/operations/personal-data-reads?member=${m.memberId}`,
      headers: auditor,
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(1);
    expect(list.json().items[0]).toMatchObject({
      subjectId: m.memberId,
      data: "member_record",
      actorKind: "staff",
    });
    expect(list.body).not.toContain("卫三");
    expect(list.body).not.toContain(residentId("1990-01-01", 903));
    expect(list.body).not.toContain("13100000903");
    // a page of one, then the next page by cursor
    const all = await t.app.inject({
      method: "GET",
      url: "/operations/personal-data-reads?limit=1",
      headers: auditor,
    });
    expect(all.json().items).toHaveLength(1);
    expect(all.json().nextCursor).toBe(String(all.json().items[0].readId));
    expect(
      (await t.app.inject({ method: "GET", url: "/operations/personal-data-reads", headers: operator }))
        .statusCode,
    ).toBe(403);
    expect(
      (await t.app.inject({ method: "GET", url: "/operations/personal-data-reads", headers: m.auth }))
        .statusCode,
    ).toBe(403);
    const bad = await t.app.inject({
      method: "GET",
      url: "/operations/personal-data-reads?member=0",
      headers: auditor,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("member");
    const unknown = await t.app.inject({
      method: "GET",
      url: "/operations/personal-data-reads?who=1",
      headers: auditor,
    });
    expect(unknown.statusCode).toBe(400);
  });

  it("cannot be changed: UPDATE, DELETE and TRUNCATE are refused", async () => {
    const m = await registerMember(t, "13100000905", residentId("1990-01-01", 905), "卫五");
    await t.app.inject({
      method: "GET",
      url: `/members/${m.memberId}`,
      headers: await staffToken(t, ["admin"]),
    });
    const n = (await trail()).length;
    expect(n).toBeGreaterThan(0);
    await expect(t.db.pool.query("UPDATE personal_data_reads SET actor_id = 1")).rejects.toThrow(
      /append-only: UPDATE refused/,
    );
    await expect(t.db.pool.query("DELETE FROM personal_data_reads")).rejects.toThrow(
      /append-only: DELETE refused/,
    );
    await expect(t.db.pool.query("TRUNCATE personal_data_reads")).rejects.toThrow(
      /append-only: TRUNCATE refused/,
    );
    expect((await trail()).length).toBe(n);
  });
});

describe("huzhu privacy", () => {
  it("lists the read trail and the erasure requests; bad options exit 2 with one line", async () => {
    process.env.DATABASE_URL = t.db.url;
    process.env.HUZHU_DATA_DIR = t.deps.dataDir;
    const m = await registerMember(t, "13100000906", residentId("1990-01-01", 906), "卫六");
    const admin = await staffAccount(t, ["admin"]);
    await t.app.inject({ method: "GET", url: `/members/${m.memberId}`, headers: admin.auth });
    const reads = await runCli(["privacy", "reads", "--member", String(m.memberId)]);
    expect(reads.code).toBe(0);
    expect(reads.stdout).toMatch(
      new RegExp(
        `^\\S+  staff ${admin.staffId}  member ${m.memberId}  member_record  GET /members/:memberId\\n$`,
      ),
    );
    expect(reads.stdout).not.toContain("卫六");
    const bad = await runCli(["privacy", "reads", "--member", "x"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
    expect(bad.stderr).toContain("--member");
    expect((await runCli(["privacy", "erasures"])).stdout).toBe("none\n");
    const status = await runCli(["privacy", "erasures", "--status", "maybe"]);
    expect(status.code).toBe(2);
    expect(status.stderr).toContain("--status");
    expect((await runCli(["privacy", "purge-evidence"])).stdout).toBe(
      "deleted the identity evidence of 0 erased member(s)\n",
    );
  });
});
