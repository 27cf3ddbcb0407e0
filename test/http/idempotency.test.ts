import { createHash, createHmac, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createStaff } from "../../src/auth/staff.ts";
import { purgeIdempotencyKeys } from "../../src/http/idempotency.ts";
import { enrolMembers, latestCode, registerMember, residentId, totpCode } from "../support/app.ts";
import { queuesDrained, testWorker } from "../support/jobs.ts";
import { useTestApp } from "../support/use-app.ts";

const t = useTestApp({ presets: ["xianghubao", "shuidi"] });

const rowsText = async () =>
  (await t.db.pool.query<{ j: string }>("SELECT row_to_json(k)::text AS j FROM idempotency_keys k")).rows
    .map((r) => r.j)
    .join("\n");
const longKey = () => randomBytes(16).toString("base64url"); // 22 characters, 128 bits

async function signIn(mobile: string) {
  const otp = await t.app.inject({ method: "POST", url: "/auth/otp", payload: { mobile } });
  const r = await t.app.inject({
    method: "POST",
    url: "/auth/member/login",
    payload: { mobile, challengeId: otp.json().challengeId, code: await latestCode(t) },
  });
  expect(r.statusCode).toBe(200);
  return { authorization: `Bearer ${r.json().token}` };
}

describe("idempotency keeps no secrets", () => {
  it("a sign-in is never replayed: another caller with the same key and body gets no one's token", async () => {
    const { totpUri } = await createStaff(t.deps, "idem_staff", "correct horse battery staple", ["operator"]);
    const body = {
      username: "idem_staff",
      password: "correct horse battery staple",
      totp: totpCode(t, totpUri),
    };
    const login = () =>
      t.app.inject({
        method: "POST",
        url: "/auth/staff/login",
        headers: { "idempotency-key": "shared-key-of-twenty-two-chars" },
        payload: body,
      });
    const first = await login();
    const second = await login();
    expect(first.statusCode).toBe(200);
    // the same request again is run again, not replayed: the TOTP code was used once, so it is refused
    expect(second.headers["idempotent-replayed"]).toBeUndefined();
    expect(second.statusCode).toBe(401);
    expect(second.body).not.toContain(first.json().token);
    const stored = await rowsText();
    expect(stored).not.toContain(first.json().token);
    expect(stored).not.toContain("/auth/");
  });

  it("a stored answer holds no decrypted claim text, and the body digest is keyed (not a bare SHA-256)", async () => {
    const { registered, parts } = await enrolMembers(t, 1, "xianghubao", "1360000010", "1990-01-01", 611);
    const m = registered[0]!;
    const description = "右肺腺癌，住院化疗三个疗程";
    const body = { participationId: parts[0], event: "major", diagnosedOn: "2020-02-20", description };
    const send = () =>
      t.app.inject({
        method: "POST",
        url: "/claims",
        headers: { ...m.auth, "idempotency-key": "claim-1" },
        payload: body,
      });
    const r = await send();
    expect(r.statusCode).toBe(201);
    expect(r.body).toContain(description); // the applicant reads their own text
    const replay = await send();
    expect(replay.headers["idempotent-replayed"]).toBe("true");
    expect(replay.body).toBe(r.body);
    expect(await rowsText()).not.toContain(description);
    const stored = await t.db.pool.query<{ body_hash: Buffer; response_cipher: Buffer; principal: string }>(
      "SELECT body_hash, response_cipher, principal FROM idempotency_keys WHERE key = 'claim-1'",
    );
    const row = stored.rows[0]!;
    expect(row.principal).toBe(`member:${m.memberId}`);
    expect(row.response_cipher.toString("utf8")).not.toContain(description);
    const unsalted = createHash("sha256").update(JSON.stringify(body)).update("/claims").digest();
    expect(row.body_hash.equals(unsalted)).toBe(false);
    const keyed = createHmac("sha256", t.deps.secrets.idempotencyKey)
      .update("POST /claims\n")
      .update(JSON.stringify({ ...body, afterDeath: false })) // the schema's default is filled in
      .digest();
    expect(row.body_hash.equals(keyed)).toBe(true);
  });

  it("is scoped to the principal, not the token: a retry after signing in again is recognised", async () => {
    const m = await registerMember(t, "13600000002", residentId("1990-01-01", 603));
    const again = await signIn("13600000002");
    expect(again.authorization).not.toBe(m.auth.authorization);
    const send = (auth: Record<string, string>) =>
      t.app.inject({
        method: "POST",
        url: `/members/${m.memberId}/top-ups`,
        headers: { ...auth, "idempotency-key": "top-up-1" },
        payload: { amountFen: 300, planId: "shuidi" },
      });
    const first = await send(m.auth);
    const retry = await send(again);
    expect(retry.headers["idempotent-replayed"]).toBe("true");
    expect(retry.body).toBe(first.body);
    // another member with the same key is another scope: not replayed
    const other = await registerMember(t, "13600000003", residentId("1990-01-01", 605));
    const theirs = await t.app.inject({
      method: "POST",
      url: `/members/${other.memberId}/top-ups`,
      headers: { ...other.auth, "idempotency-key": "top-up-1" },
      payload: { amountFen: 300, planId: "shuidi" },
    });
    expect(theirs.headers["idempotent-replayed"]).toBeUndefined();
  });

  it("an anonymous caller needs a key of at least 128 bits (400 naming the header)", async () => {
    for (const key of ["k", "a".repeat(21), `${"a".repeat(21)}!`]) {
      const r = await t.app.inject({
        method: "POST",
        url: "/payments/webhook",
        headers: { "idempotency-key": key, "content-type": "application/json" },
        payload: "{}",
      });
      expect(r.statusCode, key).toBe(400);
      expect(r.json()).toMatchObject({ code: "validation", field: "Idempotency-Key" });
    }
    const ok = await t.app.inject({
      method: "POST",
      url: "/payments/webhook",
      headers: { "idempotency-key": longKey(), "content-type": "application/json" },
      payload: "{}",
    });
    expect(ok.statusCode).toBe(401); // past the key check, refused by the signature
  });

  it("rows expire after 24 hours: purged, and the key then runs afresh", async () => {
    const m = await registerMember(t, "13600000004", residentId("1990-01-01", 607));
    const send = () =>
      t.app.inject({
        method: "POST",
        url: `/members/${m.memberId}/top-ups`,
        headers: { ...m.auth, "idempotency-key": "daily" },
        payload: { amountFen: 100, planId: "shuidi" },
      });
    await send();
    const start = t.clock.now();
    const count = async () =>
      (await t.db.pool.query("SELECT count(*)::int AS n FROM idempotency_keys WHERE key = 'daily'")).rows[0]
        .n;
    t.clock.set(start + 24 * 3_600_000 - 1_000);
    expect(await purgeIdempotencyKeys(t.deps)).toBe(0);
    expect(await count()).toBe(1);
    t.clock.set(start + 24 * 3_600_000);
    expect(await purgeIdempotencyKeys(t.deps)).toBeGreaterThanOrEqual(1);
    expect(await count()).toBe(0);
    const fresh = await send();
    expect(fresh.headers["idempotent-replayed"]).toBeUndefined();
    t.clock.set(start + 48 * 3_600_000);
    const afterExpiry = await send(); // expired but not yet purged: replaced, not replayed
    expect(afterExpiry.headers["idempotent-replayed"]).toBeUndefined();
    // the worker's tick purges them (the purge.idempotency job it sends)
    expect(await count()).toBe(1);
    t.clock.set(start + 73 * 3_600_000);
    const worker = await testWorker(t.deps, t.db.url);
    try {
      await worker.tick();
      await queuesDrained(worker);
    } finally {
      await worker.stop();
    }
    expect(await count()).toBe(0);
    t.clock.set(start);
  });
});
