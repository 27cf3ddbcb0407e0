import type { Queryable } from "./db.ts";

/** A stored key as the hook reads it: its age measured on the application clock, like every rule. */
export type IdempotencyKeyRow = {
  bodyHash: Buffer;
  state: "pending" | "done";
  status: number | null;
  responseCipher: Buffer | null;
  ageMs: number;
};

export type NewIdempotencyKey = {
  principal: string;
  key: string;
  method: string;
  route: string;
  bodyHash: Buffer;
  at: Date;
  expiresAt: Date;
};

/**
 * The statements on `idempotency_keys`. Every instant is a parameter taken from `deps.clock` (never
 * SQL `now()`), so `created_at` and the stale check use the same clock as the expiry.
 */
export const idempotencyRepository = Object.freeze({
  /** Deletes every row past its retention; returns how many. */
  async purgeExpired(q: Queryable, at: Date): Promise<number> {
    const r = await q.query("DELETE FROM idempotency_keys WHERE expires_at <= $1", [at]);
    return r.rowCount ?? 0;
  },

  /** An expired row is as good as none: it is deleted so the key can be claimed afresh. */
  async deleteIfExpired(q: Queryable, principal: string, key: string, at: Date): Promise<void> {
    await q.query("DELETE FROM idempotency_keys WHERE principal = $1 AND key = $2 AND expires_at <= $3", [
      principal,
      key,
      at,
    ]);
  },

  /** Claims the key for this request (state pending); false when another request holds it. */
  async claim(q: Queryable, k: NewIdempotencyKey): Promise<boolean> {
    const r = await q.query(
      `INSERT INTO idempotency_keys (principal, key, method, route, body_hash, state, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7) ON CONFLICT (principal, key) DO NOTHING`,
      [k.principal, k.key, k.method, k.route, k.bodyHash, k.at, k.expiresAt],
    );
    return r.rowCount === 1;
  },

  async find(q: Queryable, principal: string, key: string, at: Date): Promise<IdempotencyKeyRow | undefined> {
    const { rows } = await q.query<IdempotencyKeyRow>(
      `SELECT body_hash AS "bodyHash", state, status, response_cipher AS "responseCipher",
              extract(epoch FROM $3::timestamptz - created_at) * 1000 AS "ageMs"
       FROM idempotency_keys WHERE principal = $1 AND key = $2`,
      [principal, key, at],
    );
    const row = rows[0];
    // extract() is NUMERIC, which the driver leaves a string
    return row ? { ...row, ageMs: Number(row.ageMs) } : undefined;
  },

  /** A request that met a server-side fault (503) gives its key back: a retry runs afresh. */
  async release(q: Queryable, principal: string, key: string): Promise<void> {
    await q.query("DELETE FROM idempotency_keys WHERE principal = $1 AND key = $2 AND state = 'pending'", [
      principal,
      key,
    ]);
  },

  /** The first request died without answering: this one takes the key over from `at`. */
  async takeOver(q: Queryable, principal: string, key: string, at: Date): Promise<void> {
    await q.query("UPDATE idempotency_keys SET created_at = $3 WHERE principal = $1 AND key = $2", [
      principal,
      key,
      at,
    ]);
  },

  /** The answer, sealed by the caller, replayed to the same principal until the row expires. */
  async storeAnswer(
    q: Queryable,
    principal: string,
    key: string,
    status: number,
    responseCipher: Buffer,
  ): Promise<void> {
    await q.query(
      "UPDATE idempotency_keys SET state = 'done', status = $3, response_cipher = $4 WHERE principal = $1 AND key = $2",
      [principal, key, status, responseCipher],
    );
  },
});
