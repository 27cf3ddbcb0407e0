import { createHash } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { limits } from "../limits.ts";
import type { Db } from "../store/db.ts";
import { sendProblem } from "./problems.ts";

declare module "fastify" {
  interface FastifyRequest {
    idempotency?: { principal: string; key: string };
  }
}

const MUTATIONS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function principalOf(request: FastifyRequest): string {
  const auth = request.headers.authorization;
  return auth ? `token:${createHash("sha256").update(auth).digest("hex").slice(0, 32)}` : "anonymous";
}

/**
 * Every mutation accepts `Idempotency-Key`: the first request's response (errors included) is stored
 * and replayed; a concurrent duplicate waits for the first; the same key with another body is refused.
 */
export function installIdempotency(app: FastifyInstance, pool: Db): void {
  app.addHook("preHandler", async (request: FastifyRequest, reply: FastifyReply) => {
    const key = request.headers["idempotency-key"];
    if (!MUTATIONS.has(request.method) || typeof key !== "string") return;
    if (key.length < 1 || key.length > 200)
      return sendProblem(reply, {
        code: "validation",
        message: "Idempotency-Key is 1–200 characters",
        field: "Idempotency-Key",
      });
    const principal = principalOf(request);
    const route = request.routeOptions.url ?? request.url;
    const bodyHash = createHash("sha256")
      .update(JSON.stringify(request.body ?? null))
      .update(request.url)
      .digest();
    const deadline = Date.now() + limits.idempotencyWaitMs;
    for (;;) {
      const ins = await pool.query(
        `INSERT INTO idempotency_keys (principal, key, method, route, body_hash, state) VALUES ($1, $2, $3, $4, $5, 'pending')
         ON CONFLICT (principal, key) DO NOTHING`,
        [principal, key, request.method, route, bodyHash],
      );
      if (ins.rowCount === 1) {
        request.idempotency = { principal, key };
        return;
      }
      const { rows } = await pool.query<{
        body_hash: Buffer;
        state: string;
        status: number;
        response: unknown;
        age_ms: number;
      }>(
        `SELECT body_hash, state, status, response, extract(epoch FROM now() - created_at) * 1000 AS age_ms
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
      if (row.state === "done") {
        reply.header("idempotent-replayed", "true");
        const body = row.response as { contentType: string; payload: string };
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
    await pool.query(
      "UPDATE idempotency_keys SET state = 'done', status = $3, response = $4 WHERE principal = $1 AND key = $2",
      [
        request.idempotency.principal,
        request.idempotency.key,
        reply.statusCode,
        JSON.stringify({
          contentType: String(reply.getHeader("content-type") ?? "application/json"),
          payload: text,
        }),
      ],
    );
    return payload;
  });
}
