import { createHmac } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Principal } from "../domain/access.ts";
import { limits } from "../limits.ts";
import { decryptPersonal, encryptPersonal, type Secrets } from "../secrets.ts";
import type { Db } from "../store/db.ts";
import { idempotencyRepository } from "../store/idempotency.repository.ts";
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

/** Deletes the rows past their retention (24 h): run by the `purge.idempotency` job. */
export async function purgeIdempotencyKeys(deps: IdempotencyDeps): Promise<number> {
  return idempotencyRepository.purgeExpired(deps.pool, new Date(deps.clock.now()));
}

type Claim = { principal: string; key: string; method: string; route: string; bodyHash: Buffer };

/**
 * Claims the key, or answers from the row already there: a replay, a refusal (another body, or the
 * first request still running past limits.idempotencyWaitMs), or a take-over of a stale pending row.
 * Returns true when this request is to run (the key is its own now).
 */
async function claimOrAnswer(deps: IdempotencyDeps, c: Claim, reply: FastifyReply): Promise<boolean> {
  const now = new Date(deps.clock.now());
  const expiresAt = new Date(now.getTime() + limits.idempotencyRetentionHours * 3_600_000);
  // a real-time bound on the wait, whatever the application clock says
  const deadline = Date.now() + limits.idempotencyWaitMs;
  for (;;) {
    await idempotencyRepository.deleteIfExpired(deps.pool, c.principal, c.key, now);
    if (await idempotencyRepository.claim(deps.pool, { ...c, at: now, expiresAt })) return true;
    const row = await idempotencyRepository.find(deps.pool, c.principal, c.key, now);
    if (!row) continue;
    if (!row.bodyHash.equals(c.bodyHash)) {
      sendProblem(reply, {
        code: "idempotency_key_reused",
        message: "this Idempotency-Key was used for a different request",
      });
      return false;
    }
    if (row.state === "done" && row.responseCipher) {
      replay(deps, reply, row.status ?? 200, row.responseCipher);
      return false;
    }
    // The first request died without answering: take it over (the use cases are idempotent by key).
    if (row.ageMs > limits.idempotencyStaleMs) {
      await idempotencyRepository.takeOver(deps.pool, c.principal, c.key, now);
      return true;
    }
    if (Date.now() > deadline) {
      sendProblem(reply, {
        code: "conflict",
        message: "the first request with this Idempotency-Key is still running",
      });
      return false;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

function replay(deps: IdempotencyDeps, reply: FastifyReply, status: number, cipher: Buffer): void {
  reply.header("idempotent-replayed", "true");
  const body = JSON.parse(decryptPersonal(deps.secrets, cipher)) as { contentType: string; payload: string };
  reply.code(status).type(body.contentType).send(body.payload);
}

/**
 * Every mutation accepts `Idempotency-Key`: the first request's response (errors included) is stored
 * encrypted and replayed to the same principal; a concurrent duplicate waits for the first; the same
 * key with another body is refused. Rows expire after limits.idempotencyRetentionHours.
 */
export function installIdempotency(app: FastifyInstance, deps: IdempotencyDeps): void {
  app.addHook("preHandler", async (request: FastifyRequest, reply: FastifyReply) => {
    const key = request.headers["idempotency-key"];
    const route = request.routeOptions.url ?? request.url;
    if (!MUTATIONS.has(request.method) || typeof key !== "string" || neverReplayed(route)) return;
    const problem = keyProblem(key, !request.principal);
    if (problem)
      return sendProblem(reply, { code: "validation", message: problem, field: "Idempotency-Key" });
    const principal = idempotencyScope(request.principal);
    const bodyHash = requestDigest(deps.secrets, request);
    const claim = { principal, key, method: request.method, route, bodyHash };
    if (!(await claimOrAnswer(deps, claim, reply))) return reply; // answered already
    request.idempotency = { principal, key };
  });

  app.addHook("onSend", async (request, reply, payload) => {
    if (!request.idempotency) return payload;
    // A server-side fault (the disk full, the provider down) is not the request's answer: the key is
    // given back so that the client's retry runs again (if even that fails, the claim goes stale).
    if (reply.statusCode === 503) {
      const { principal, key } = request.idempotency;
      await idempotencyRepository.release(deps.pool, principal, key).catch(() => {});
      return payload;
    }
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
    const { principal, key } = request.idempotency;
    await idempotencyRepository.storeAnswer(deps.pool, principal, key, reply.statusCode, sealed);
    return payload;
  });
}
