import { describe, expect, it } from "vitest";
import { limits } from "../../src/limits.ts";
import { lookupHash } from "../../src/secrets.ts";
import { nextAddress, registerMember, residentId } from "../support/app.ts";
import { lastCode, requestCode } from "../support/auth.ts";
import { useTestApp } from "../support/use-app.ts";

const t = useTestApp();

const DAY_MS = 86_400_000;
const post = (url: string, payload: Record<string, unknown>, headers = {}) =>
  t.app.inject({ method: "POST", url, payload, headers, remoteAddress: nextAddress() });
const me = (auth: Record<string, string>) => t.app.inject({ method: "GET", url: "/me", headers: auth });

describe("changed and recycled mobile numbers (二次放号)", () => {
  it("a code alone no longer signs in on a number unused for months: the real-name check is asked", async () => {
    const id = residentId("1970-01-01", 301);
    const m = await registerMember(t, "13300000001", id, "郑一");
    t.clock.advance((limits.mobileDormantDays + 1) * DAY_MS);
    const codeOnly = await post("/auth/member/login", {
      mobile: "13300000001",
      ...(await requestCode(t, "13300000001")),
    });
    expect(codeOnly.statusCode).toBe(403);
    expect(codeOnly.json().code).toBe("real_name_required");
    const wrongName = await post("/auth/member/login", {
      mobile: "13300000001",
      ...(await requestCode(t, "13300000001")),
      name: "郑二",
      residentId: id,
    });
    expect(wrongName.json().code).toBe("real_name_mismatch");
    const ok = await post("/auth/member/login", {
      mobile: "13300000001",
      ...(await requestCode(t, "13300000001")),
      name: "郑一",
      residentId: id,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().memberId).toBe(m.memberId);
    // used again: a code alone signs in again
    const next = await post("/auth/member/login", {
      mobile: "13300000001",
      ...(await requestCode(t, "13300000001")),
    });
    expect(next.statusCode).toBe(200);
  });

  it("whoever is given a recycled number registers with it and never inherits the old account; its owner moves to a new number", async () => {
    const ownerId = residentId("1971-02-02", 302);
    const owner = await registerMember(t, "13300000002", ownerId, "王二");
    t.clock.advance((limits.mobileDormantDays + 1) * DAY_MS);
    // the newcomer's code sign-in reaches no account without the owner's name and resident ID
    const takeover = await post("/auth/member/login", {
      mobile: "13300000002",
      ...(await requestCode(t, "13300000002")),
    });
    expect(takeover.json().code).toBe("real_name_required");
    const newcomer = await registerMember(t, "13300000002", residentId("1995-05-05", 303), "李三");
    expect(newcomer.memberId).not.toBe(owner.memberId);
    expect((await me(newcomer.auth)).json().member.mobile).toBe("133****0002");
    const old = await t.db.pool.query(
      "SELECT mobile_lookup, mobile_masked FROM members WHERE member_id = $1",
      [owner.memberId],
    );
    expect(old.rows[0]).toEqual({ mobile_lookup: null, mobile_masked: null }); // the number left it
    // the owner moves the account to their new number: a code to it, and the real-name check
    const moved = await post("/auth/member/mobile", {
      mobile: "13300000012",
      ...(await requestCode(t, "13300000012")),
      name: "王二",
      residentId: ownerId,
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().memberId).toBe(owner.memberId);
    const view = await me({ authorization: `Bearer ${moved.json().token}` });
    expect(view.json().member).toMatchObject({ memberId: owner.memberId, mobile: "133****0012" });
  });

  it("a member changes number: sessions end, the old number is told, only the new one signs in", async () => {
    const id = residentId("1972-03-03", 304);
    const m = await registerMember(t, "13300000003", id, "孙四");
    const moved = await post("/auth/member/mobile", {
      mobile: "13300000013",
      ...(await requestCode(t, "13300000013")),
      name: "孙四",
      residentId: id,
    });
    expect(moved.statusCode).toBe(200);
    expect((await me(m.auth)).statusCode).toBe(401);
    expect(await lastCode(t, "13300000003").catch(() => "none")).toBe("none"); // a notice, not a code
    const notice = await t.db.pool.query(
      "SELECT body FROM sms_outbox WHERE mobile_lookup = $1 ORDER BY sms_id DESC",
      [lookupHash(t.deps.secrets, "mobile", "13300000003")],
    );
    expect(notice.rows[0].body).toContain("133****0013");
    const oldNumber = await post("/auth/member/login", {
      mobile: "13300000003",
      ...(await requestCode(t, "13300000003")),
    });
    expect(oldNumber.statusCode).toBe(404);
    const newNumber = await post("/auth/member/login", {
      mobile: "13300000013",
      ...(await requestCode(t, "13300000013")),
    });
    expect(newNumber.json().memberId).toBe(m.memberId);
  });

  it("refuses a wrong real name and an unknown resident ID alike, and a number another member uses", async () => {
    const id = residentId("1973-04-04", 305);
    await registerMember(t, "13300000004", id, "周五");
    await registerMember(t, "13300000005", residentId("1974-05-05", 306), "吴六");
    const wrongName = await post("/auth/member/mobile", {
      mobile: "13300000014",
      ...(await requestCode(t, "13300000014")),
      name: "周六",
      residentId: id,
    });
    const unknown = await post("/auth/member/mobile", {
      mobile: "13300000024",
      ...(await requestCode(t, "13300000024")),
      name: "周五",
      residentId: residentId("1999-09-09", 307),
    });
    expect(wrongName.statusCode).toBe(403);
    expect(unknown.json()).toEqual({ ...wrongName.json() });
    const taken = await post("/auth/member/mobile", {
      mobile: "13300000005",
      ...(await requestCode(t, "13300000005")),
      name: "周五",
      residentId: id,
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().field).toBe("mobile");
  });

  it("a proven number's real-name tries are throttled (no resident-ID guessing)", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await post("/auth/member/mobile", {
        mobile: "13300000006",
        ...(await requestCode(t, "13300000006")),
        name: "某人",
        residentId: residentId("1960-01-01", 310 + i),
      });
      statuses.push(r.statusCode);
    }
    expect(statuses).toEqual([403, 403, 403, 429, 429]);
  });

  it("leaves no plaintext number, resident ID, name or token in any column", async () => {
    const id = residentId("1976-06-06", 320);
    await registerMember(t, "13300000031", id, "欧阳秋");
    const proof = await requestCode(t, "13300000032");
    const moved = await post("/auth/member/mobile", {
      mobile: "13300000032",
      ...proof,
      name: "欧阳秋",
      residentId: id,
    });
    expect(moved.statusCode).toBe(200);
    const { rows: columns } = await t.db.pool.query<{
      table_name: string;
      column_name: string;
      data_type: string;
    }>(
      `SELECT table_name, column_name, data_type FROM information_schema.columns
        WHERE table_schema = 'public' AND data_type IN ('text', 'jsonb', 'bytea', 'ARRAY', 'character varying')`,
    );
    const dump: string[] = [];
    for (const c of columns) {
      const { rows } = await t.db.pool.query(
        c.data_type === "bytea"
          ? `SELECT encode("${c.column_name}", 'escape') AS v FROM "${c.table_name}"`
          : `SELECT "${c.column_name}"::text AS v FROM "${c.table_name}"`,
      );
      for (const r of rows) if (r.v !== null) dump.push(String(r.v));
    }
    // (the code's storage is tested in otp-attempts: six digits would also turn up by chance in hex)
    const text = dump.join("\n");
    for (const secret of ["13300000031", "13300000032", id, "欧阳秋", moved.json().token])
      expect(text.includes(secret), secret).toBe(false);
  });
});
