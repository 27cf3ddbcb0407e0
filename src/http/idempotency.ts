import { createHmac } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { limits } from "../limits.ts";
import { decryptPersonal, encryptPersonal, type Secrets } from "../secrets.ts";
import type { Db } from "../store/db.ts";
import type { Principal } from "./policy.ts";
import { sendProblem } from "./problems.ts";

declare module "fastify" {
  interface FastifyRequest {
    idempotency?: { principal: string; key: string };
  }
}

const MUTATIONS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/** base64url or hex characters only, so a key's length says how many bits it can carry. */
const KEY_CHARS = /^[A-Za-z0-9_-]+$/;

export type IdempotencyDeps = {
  readonly pool: Db;
  readonly secrets: Secrets;
  readonly clock: { now(): number };
};

/**
 * Whose key this is: the principal's kind and id (a retry after signing in again is the same
 * principal), never the token; every anonymous caller shares one scope, so their keys must be long
 * and random enough not to meet another's.
 */
export function idempotencyScope(principal: Principal | undefined): string {
  return principal ? `${principal.kind}:${principal.id}` : "anonymous";
}

/**
 * A keyed digest of the request (HMAC with a key of its own): equal requests match, and the digest
 * stored in the database reveals nothing of a body (a password, a mobile) to whoever reads it.
 */
export function requestDigest(secrets: Secrets, request: FastifyRequest): Buffer {
  return createHmac("sha256", secrets.idempotencyKey)
    .update(`${request.method} ${request.url}\n`)
    .update(JSON.stringify(request.body ?? null))
    .digest();
}

/** Sign-in answers carry a token and a code proves a person: never stored, never replayed. */
const neverReplayed = (route: string) => route.startsWith("/auth/");

function keyProblem(key: string, anonymous: boolean): string | undefined {
  if (key.length < 1 || key.length > limits.idempotencyKeyCharsMax)
    return `Idempotency-Key is 1–${limits.idempotencyKeyCharsMax} characters`;
  if (anonymous && (!KEY_CHARS.test(key) || key.length < limits.idempotencyKeyAnonymousCharsMin))
    return `without signing in, an Idempotency-Key is at least ${limits.idempotencyKeyAnonymousCharsMin} base64url characters (128 bits or more, random)`;
  return undefined;
}

/** Deletes the rows past their retention (24 h): run from the server's hourly tick. */
export async function purgeIdempotencyKeys(deps: IdempotencyDeps): Promise<number> {
  const r = await deps.pool.query("DELETE FROM idempotency_keys WHERE expires_at <= $1", [
    new Date(deps.clock.now()),
  ]);
  return r.rowCount ?? 0;
}

type Stored = {
  body_hash: Buffer;
  state: string;
  status: number;
  response_cipher: Buffer | null;
  age_ms: number;
};

/**
 * Every mutation accepts `Idempotency-Key`: the first request's response (errors included) is stored
 * encrypted and replayed to the same principal; a concurrent duplicate waits for the first; the same
 * key with another body is refused. Rows expire after limits.idempotencyRetentionHours.
 */
export function installIdempotency(app: FastifyInstance, deps: IdempotencyDeps): void {
  const { pool } = deps;
  app.addHook("preHandler", async (request: FastifyRequest, reply: FastifyReply) => {
    const key = request.headers["idempotency-key"];
    const route = request.routeOptions.url ?? request.url;
    if (!MUTATIONS.has(request.method) || typeof key !== "string" || neverReplayed(route)) return;
    const problem = keyProblem(key, !request.principal);
    if (problem)
      return sendProblem(reply, { code: "validation", message: problem, field: "Idempotency-Key" });
    const principal = idempotencyScope(request.principal);
    const bodyHash = requestDigest(deps.secrets, request);
    const now = new Date(deps.clock.now());
    const expires = new Date(now.getTime() + limits.idempotencyRetentionHours * 3_600_000);
    const deadline = Date.now() + limits.idempotencyWaitMs;
    for (;;) {
      // an expired row is as good as none: it is replaced
      await pool.query(
        "DELETE FROM idempotency_keys WHERE principal = $1 AND key = $2 AND expires_at <= $3",
        [principal, key, now],
      );
      const ins = await pool.query(
        `INSERT INTO idempotency_keys (principal, key, method, route, body_hash, state, expires_at)
         VALUES ($1, $2, $3, $4, $5, 'pending', $6) ON CONFLICT (principal, key) DO NOTHING`,
        [principal, key, request.method, route, bodyHash, expires],
      );
      if (ins.rowCount === 1) {
        request.idempotency = { principal, key };
        return;
      }
      const { rows } = await pool.query<Stored>(
        `SELECT body_hash, state, status, response_cipher, extract(epoch FROM now() - created_at) * 1000 AS age_ms
         FROM idempotency_keys WHERE principal = $1 AND key = $2`,
        [principal, key],
      );
      const row = rows[0];
      if (!row) continue;
      if (!row.body_hash.equals(bodyHash)) {
        return sendProblem(reply, {
          code: "idempotency_key_reused",
          message: "this Idempotency-Key was used for a different request",
        });
      }
      if (row.state === "done" && row.response_cipher) {
        reply.header("idempotent-replayed", "true");
        const body = JSON.parse(decryptPersonal(deps.secrets, row.response_cipher)) as {
          contentType: string;
          payload: string;
        };
        return reply.code(row.status).type(body.contentType).send(body.payload);
      }
      // The first request died without answering: take it over (the use cases are idempotent by key).
      if (Number(row.age_ms) > limits.idempotencyStaleMs) {
        await pool.query("UPDATE idempotency_keys SET created_at = now() WHERE principal = $1 AND key = $2", [
          principal,
          key,
        ]);
        request.idempotency = { principal, key };
        return;
      }
      if (Date.now() > deadline)
        return sendProblem(reply, {
          code: "conflict",
          message: "the first request with this Idempotency-Key is still running",
        });
      await new Promise((r) => setTimeout(r, 25));
    }
  });

  app.addHook("onSend", async (request, reply, payload) => {
    if (!request.idempotency) return payload;
    const text =
      typeof payload === "string"
        ? payload
        : Buffer.isBuffer(payload)
          ? payload.toString("utf8")
          : JSON.stringify(payload ?? null);
    // The answer may hold personal data the principal was entitled to: stored only encrypted.
    const sealed = encryptPersonal(
      deps.secrets,
      JSON.stringify({
        contentType: String(reply.getHeader("content-type") ?? "application/json"),
        payload: text,
      }),
    );
    await pool.query(
      "UPDATE idempotency_keys SET state = 'done', status = $3, response_cipher = $4 WHERE principal = $1 AND key = $2",
      [request.idempotency.principal, request.idempotency.key, reply.statusCode, sealed],
    );
    return payload;
  });
}
