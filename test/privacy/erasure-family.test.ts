import { describe, expect, it } from "vitest";
import { enrolChild, registerMember, residentId, staffToken } from "../support/app.ts";
import { postTo } from "../support/inject.ts";
import { useTestApp } from "../support/use-app.ts";

const t = useTestApp();

describe("erasure in a family, and a refusal", () => {
  it("a guardian is erased last: the dependant's erasure first, asked by the guardian", async () => {
    const g = await registerMember(t, "13200000001", residentId("1980-01-01", 11), "周父");
    const child = await enrolChild(t, g, { name: "周小", residentId: residentId("2015-06-01", 12) });
    const d = child.memberId!;
    const blocked = await postTo(t, `/members/${g.memberId}/erasure`, g.auth);
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().detail).toContain("1 dependant(s) whose data is not erased");
    const asked = await postTo(t, `/members/${d}/erasure`, g.auth);
    expect(asked.statusCode).toBe(202);
    const admin = await staffToken(t, ["admin"]);
    const done = await postTo(t, `/operations/erasure-requests/${asked.json().requestId}/decision`, admin, {
      erase: true,
    });
    expect(done.json().status).toBe("erased");
    // the dependant's record, as the guardian's export shows it, holds no identity any more
    const e = (await t.app.inject({ method: "GET", url: `/members/${d}/export`, headers: g.auth })).json();
    expect(e.member.identity).toEqual({ residentId: null, name: null, mobile: null });
    expect(e.member.erasedAt).not.toBeNull();
    // asking again for an erased member: already erased
    const twice = await postTo(t, `/members/${d}/erasure`, g.auth);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe("already_erased");
    // the guardian may ask now: nothing of theirs is open any more
    expect((await postTo(t, `/members/${g.memberId}/erasure`, g.auth)).statusCode).toBe(202);
  });

  it("a refusal keeps its reason; the member may ask again after it", async () => {
    const m = await registerMember(t, "13200000002", residentId("1980-01-01", 13), "吴某");
    const first = (await postTo(t, `/members/${m.memberId}/erasure`, m.auth)).json();
    const admin = await staffToken(t, ["admin"]);
    const url = `/operations/erasure-requests/${first.requestId}/decision`;
    const long = await postTo(t, url, admin, { erase: false, reason: "x".repeat(201) });
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain("reason");
    const refused = await postTo(t, url, admin, { erase: false, reason: "legal hold: a court order" });
    expect(refused.json()).toMatchObject({ status: "refused", reason: "legal hold: a court order" });
    const list = await t.app.inject({
      method: "GET",
      url: "/operations/erasure-requests?status=refused",
      headers: admin,
    });
    expect(list.json().items.map((r: { requestId: number }) => r.requestId)).toContain(first.requestId);
    // the member is not erased and may sign in and ask again
    expect((await t.app.inject({ method: "GET", url: "/me", headers: m.auth })).statusCode).toBe(200);
    expect((await postTo(t, `/members/${m.memberId}/erasure`, m.auth)).statusCode).toBe(202);
  });
});
