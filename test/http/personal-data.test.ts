import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GUARDIANSHIP_PDF, latestCode, residentId, staffAccount, staffToken } from "../support/app.ts";
import { useTestApp } from "../support/use-app.ts";

const t = useTestApp({ logLevel: "trace", presets: ["xianghubao"] }); // every request and response is logged

const ID = residentId("1988-08-08", 881);
const CHILD_ID = residentId("2014-04-04", 882);
const NAME = "欧阳明月";
const CHILD_NAME = "欧阳小月";
const MOBILE = "13912345678";
const PARENT_ID = residentId("1958-08-08", 883);
const PARENT_NAME = "欧阳老";
const PARENT_MOBILE = "13987654321";
const CLAIM_TEXT = "右乳浸润性导管癌，已行改良根治术";
const WITHDRAW_TEXT = "家属决定转往外院治疗，撤回申请";
const FINDINGS_TEXT = "病理切片复核：浸润性导管癌 II 期";
const DOCUMENT_TEXT = "PATHOLOGY-REPORT-OUYANG-7F3A";
const PDF = Buffer.from(`%PDF-1.4\n% ${DOCUMENT_TEXT}\n1 0 obj <<>> endobj\n%%EOF\n`);

/** Who an answer went to: the rules of what it may hold depend on it. */
type Audience = "subject" | "entitled_staff" | "other_staff" | "anonymous" | "outbox";
type Seen = { label: string; body: string; to: Audience; signInToken?: string };

/** Every row of every table (listed from pg_catalog, so new tables are covered), as JSON text. */
async function dumpDatabase(): Promise<string[]> {
  const { rows: tables } = await t.db.pool.query<{ schema: string; name: string }>(
    `SELECT n.nspname AS schema, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
       AND n.nspname NOT LIKE 'pg_toast%'`,
  );
  expect(tables.map((x) => x.name)).toEqual(
    expect.arrayContaining(["members", "sessions", "idempotency_keys", "claims", "audit_trail"]),
  );
  const out: string[] = [];
  for (const { schema, name } of tables) {
    const { rows } = await t.db.pool.query<{ j: string }>(
      `SELECT row_to_json(x)::text AS j FROM "${schema}"."${name}" x`,
    );
    for (const r of rows) out.push(`${name}: ${r.j}`);
  }
  return out;
}

/** Every file under the data dir (claim documents, keys…), as bytes in latin1. */
function dumpFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? dumpFiles(p) : [readFileSync(p).toString("latin1")];
  });
}

/** A value and the forms it takes in a dump: as text, and as hex inside a bytea column. */
const forms = (s: string) => [s, Buffer.from(s, "utf8").toString("hex")];

describe("personal data and secrets never appear where the policy does not allow them", () => {
  it("a full walk: the database, the files, the log and every answer", async () => {
    const seen: Seen[] = [];
    const tokens: string[] = [];
    const call = async (
      label: string,
      to: Audience,
      req: { method: "GET" | "POST"; url: string; headers?: Record<string, string>; payload?: unknown },
    ) => {
      const r = await t.app.inject(req as never);
      const entry: Seen = { label, body: r.body, to };
      const token = String(r.headers["content-type"] ?? "").includes("json")
        ? (r.json() as { token?: string }).token
        : undefined;
      if (token) {
        entry.signInToken = token;
        tokens.push(token);
      }
      seen.push(entry);
      return r;
    };
    const codes: string[] = [];
    // a code request's challenge id and the code sent, as the sign-in routes take them
    const newCode = async (mobile: string) => {
      const otp = await call("otp", "anonymous", { method: "POST", url: "/auth/otp", payload: { mobile } });
      codes.push(await latestCode(t));
      return { challengeId: otp.json().challengeId as string, code: codes[codes.length - 1]! };
    };

    // register, then sign in again (a second token), and an anonymous retry of that sign-in by key
    const reg = await call("register", "subject", {
      method: "POST",
      url: "/auth/member/register",
      payload: { name: NAME, mobile: MOBILE, residentId: ID, ...(await newCode(MOBILE)) },
    });
    expect(reg.statusCode).toBe(201);
    const memberId = reg.json().member.memberId as number;
    const loginBody = { mobile: MOBILE, ...(await newCode(MOBILE)) };
    const loginKey = { "idempotency-key": "login-retry-key-of-128-bits-at-least" };
    const login = await call("login", "subject", {
      method: "POST",
      url: "/auth/member/login",
      headers: loginKey,
      payload: loginBody,
    });
    expect(login.statusCode).toBe(200);
    await call("login replayed by another caller", "anonymous", {
      method: "POST",
      url: "/auth/member/login",
      headers: loginKey,
      payload: loginBody,
    });
    const me = { authorization: `Bearer ${login.json().token}` };

    // a dependant, a plan, a top-up retried, a claim with text and a document, retried
    await call("dependant", "subject", {
      method: "POST",
      url: `/members/${memberId}/dependants`,
      headers: me,
      payload: { name: CHILD_NAME, residentId: CHILD_ID, relation: "child", consentVersion: "v1" },
    });
    await call("dependant refused", "subject", {
      method: "POST",
      url: `/members/${memberId}/dependants`,
      headers: me,
      payload: { name: NAME, residentId: ID, relation: "child", consentVersion: "v1" },
    });
    // a parent confirmed by their own code, a child's guardianship document reviewed: the new tables too
    const parent = await call("parent dependant", "subject", {
      method: "POST",
      url: `/members/${memberId}/dependants`,
      headers: me,
      payload: {
        name: PARENT_NAME,
        residentId: PARENT_ID,
        relation: "parent",
        mobile: PARENT_MOBILE,
        consentVersion: "v1",
      },
    });
    codes.push(await latestCode(t));
    const confirmed = await call("parent confirms", "subject", {
      method: "POST",
      url: `/members/${memberId}/dependant-requests/${parent.json().requestId}/confirmation`,
      headers: me,
      payload: { code: codes[codes.length - 1] },
    });
    expect(confirmed.statusCode).toBe(201);
    const child = await t.db.pool.query("SELECT request_id FROM dependant_requests WHERE relation = 'child'");
    await t.app.inject({
      method: "PUT",
      url: `/members/${memberId}/dependant-requests/${child.rows[0].request_id}/document`,
      headers: { ...me, "content-type": "application/pdf" },
      payload: GUARDIANSHIP_PDF,
    });
    const join = await call("join", "subject", {
      method: "POST",
      url: "/participations",
      headers: { ...me, "idempotency-key": "join" },
      payload: {
        memberId,
        planId: "xianghubao",
        answers: { major_illness: false, hospitalised: false },
        answersVersion: "V2",
      },
    });
    expect(join.statusCode).toBe(201);
    const participationId = join.json().participationId as number;
    for (const label of ["top-up", "top-up retried"])
      await call(label, "subject", {
        method: "POST",
        url: `/members/${memberId}/top-ups`,
        headers: { ...me, "idempotency-key": "top-up" },
        payload: { amountFen: 900 },
      });
    await call("top-up key reused", "subject", {
      method: "POST",
      url: `/members/${memberId}/top-ups`,
      headers: { ...me, "idempotency-key": "top-up" },
      payload: { amountFen: 901 },
    });
    const report = { participationId, event: "major", diagnosedOn: "2020-02-20", description: CLAIM_TEXT };
    let claimId = 0;
    for (const label of ["claim", "claim retried"]) {
      const r = await call(label, "subject", {
        method: "POST",
        url: "/claims",
        headers: { ...me, "idempotency-key": "claim" },
        payload: report,
      });
      expect(r.statusCode).toBe(201);
      claimId = r.json().claimId;
    }
    const doc = await call("document", "subject", {
      method: "POST",
      url: `/claims/${claimId}/documents`,
      headers: { ...me, "content-type": "application/pdf", "idempotency-key": "doc" },
      payload: PDF,
    });
    const sha = doc.json().sha256 as string;
    await call("submit", "subject", { method: "POST", url: `/claims/${claimId}/submit`, headers: me });

    // staff: the operator assigns (retried), the reviewer reads; an admin and an auditor read what they may
    const reviewerAccount = await staffAccount(t, ["reviewer"], "walk_reviewer");
    const reviewerId = reviewerAccount.staffId;
    seen.push({
      label: "reviewer login",
      body: reviewerAccount.login.body,
      to: "entitled_staff",
      signInToken: reviewerAccount.login.json().token,
    });
    tokens.push(reviewerAccount.login.json().token);
    const reviewer = reviewerAccount.auth;
    const operator = await staffToken(t, ["operator"]);
    const admin = await staffToken(t, ["admin"]);
    const auditor = await staffToken(t, ["auditor"]);
    for (const label of ["assign", "assign retried"])
      await call(label, "other_staff", {
        method: "POST",
        url: `/claims/${claimId}/assignment`,
        headers: { ...operator, "idempotency-key": "assign" },
        payload: { reviewerId },
      });
    const read = await call("reviewer reads the claim", "entitled_staff", {
      method: "GET",
      url: `/claims/${claimId}`,
      headers: reviewer,
    });
    expect(read.body).toContain(CLAIM_TEXT);
    await call("reviewer reads the document", "entitled_staff", {
      method: "GET",
      url: `/claims/${claimId}/documents/${sha}`,
      headers: reviewer,
    });
    await call("admin reads the claim", "other_staff", {
      method: "GET",
      url: `/claims/${claimId}`,
      headers: admin,
    });
    await call("admin reads the member", "other_staff", {
      method: "GET",
      url: `/members/${memberId}`,
      headers: admin,
    });
    await call("operator lists claims", "other_staff", { method: "GET", url: "/claims", headers: operator });
    await call("outbox", "outbox", { method: "GET", url: "/dev/sms-outbox", headers: operator });
    await call("anonymous outbox", "anonymous", { method: "GET", url: "/dev/sms-outbox" });
    const investigatorAccount = await staffAccount(t, ["investigator"], "walk_investigator");
    const investigatorId = investigatorAccount.staffId;
    seen.push({
      label: "investigator login",
      body: investigatorAccount.login.body,
      to: "entitled_staff",
      signInToken: investigatorAccount.login.json().token,
    });
    tokens.push(investigatorAccount.login.json().token);
    const investigator = investigatorAccount.auth;
    const sent = await call("investigation", "entitled_staff", {
      method: "POST",
      url: `/claims/${claimId}/investigation`,
      headers: { ...reviewer, "idempotency-key": "investigate" },
      payload: { investigatorId, reason: "hospital records needed" },
    });
    expect(sent.statusCode).toBe(200);
    for (const label of ["findings", "findings retried"]) {
      const f = await call(label, "entitled_staff", {
        method: "POST",
        url: `/claims/${claimId}/findings`,
        headers: { ...investigator, "idempotency-key": "findings" },
        payload: { findings: FINDINGS_TEXT, diagnosisProven: true, preExisting: false, falseClaim: false },
      });
      expect(f.statusCode).toBe(200);
    }
    await call("withdraw", "subject", {
      method: "POST",
      url: `/claims/${claimId}/withdraw`,
      headers: { ...me, "idempotency-key": "withdraw" },
      payload: { reason: WITHDRAW_TEXT },
    });
    for (const [label, url] of [
      ["me", "/me"],
      ["my claim", `/claims/${claimId}`],
      ["my dependants", `/members/${memberId}/dependants`],
      ["my participations", "/participations"],
      ["my notifications", "/notifications"],
      ["my document", `/claims/${claimId}/documents/${sha}`],
    ] as const)
      await call(label, "subject", { method: "GET", url, headers: me });
    await call("dependant requests, reviewer", "other_staff", {
      method: "GET",
      url: "/dependant-requests",
      headers: await staffToken(t, ["reviewer"]),
    });
    await call("my dependant requests", "subject", {
      method: "GET",
      url: `/members/${memberId}/dependant-requests`,
      headers: me,
    });
    await call("admin reads the withdrawn claim", "other_staff", {
      method: "GET",
      url: `/claims/${claimId}`,
      headers: admin,
    });
    const trail = await call("audit trail", "other_staff", {
      method: "GET",
      url: "/audit-trail",
      headers: auditor,
    });
    const database = await dumpDatabase();
    const files = dumpFiles(t.deps.dataDir);
    expect(database.length).toBeGreaterThan(50); // the dump really read the tables
    expect(files.length).toBeGreaterThan(0);
    expect(t.logs.length).toBeGreaterThan(50); // and the log was captured
    expect(new Set(tokens).size).toBe(4);
    expect(codes.length).toBe(3);

    const personal = [ID, CHILD_ID, NAME, CHILD_NAME, MOBILE, PARENT_ID, PARENT_NAME, PARENT_MOBILE];
    const claimText = [CLAIM_TEXT, WITHDRAW_TEXT, FINDINGS_TEXT, DOCUMENT_TEXT];
    const nowhere = (where: string, text: string, secrets: string[]) => {
      for (const s of secrets)
        for (const f of forms(s)) expect(text.includes(f), `${s} found in ${where}`).toBe(false);
    };
    // the database: no token, code, identity or claim text (the development outbox table holds the codes)
    nowhere("the database", database.filter((r) => !r.startsWith("sms_outbox:")).join("\n"), [
      ...tokens,
      ...codes,
      ...personal,
      ...claimText,
    ]);
    nowhere("the sms outbox table", database.filter((r) => r.startsWith("sms_outbox:")).join("\n"), [
      ...tokens,
      ...personal,
      ...claimText,
    ]);
    nowhere("the data dir's files", files.join("\n"), [...tokens, ...codes, ...personal, ...claimText]);
    nowhere("the log", t.logs.join("\n"), [...tokens, ...codes, ...personal, ...claimText]);
    for (const s of seen) {
      const where = `the answer to "${s.label}"`;
      nowhere(where, s.body, [...tokens.filter((x) => x !== s.signInToken), ...personal]);
      if (s.to !== "outbox") nowhere(where, s.body, codes);
      if (s.to !== "subject" && s.to !== "entitled_staff") nowhere(where, s.body, claimText);
    }
    // the subject reads their own words back
    const mine = seen.find((x) => x.label === "my claim")!.body;
    for (const text of [CLAIM_TEXT, WITHDRAW_TEXT]) expect(mine).toContain(text);
    // each staff read of personal data is in the audit trail, once: a read its use case records says
    // what was read (a claim's text, a document), and the route adds no second row; the others by route
    const actions = (trail.json().items as Array<{ actor_id: number; action: string }>).map((i) => i.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "read claim_personal_text",
        "read claim_document",
        "GET /members/:memberId",
        "GET /dev/sms-outbox",
      ]),
    );
    expect(actions).not.toContain("GET /claims/:claimId/documents/:sha256");

    // and the masked forms are what people see
    const answers = seen.map((s) => s.body).join("\n");
    expect(answers).toContain("欧阳**");
    expect(answers).toContain("139****5678");
  });
});
