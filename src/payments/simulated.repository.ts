import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { from as copyFrom } from "pg-copy-streams";
import type { Queryable, Tx } from "../store/db.ts";
import type { PaymentRequest, PaymentResult } from "./port.ts";

/** How an answer travels back: in the response, only by a later webhook, or lost on the way. */
export type Answer = "now" | "async" | "timeout";

/** One executed key in the provider's books. */
export type Booked = {
  readonly key: string;
  readonly kind: PaymentRequest["kind"];
  readonly memberId: number;
  readonly amountFen: number;
  readonly result: Extract<PaymentResult, { status: "succeeded" | "failed" }>;
  readonly answer: Answer;
  /** The provider has finished: replays and queries see the final result (else they see pending). */
  finished: boolean;
  /** Executed by this very request (not a replay). */
  fresh: boolean;
};

/** A 代扣 agreement in the simulated provider's books. */
export type Mandate = {
  readonly agreementRef: string;
  readonly signKey: string;
  readonly memberId: number;
  readonly expiresAtMs: number;
  readonly revoked: boolean;
};

const MANDATE = `agreement_ref AS "agreementRef", sign_key AS "signKey", member_id::int AS "memberId",
  (extract(epoch FROM expires_at) * 1000)::float8 AS "expiresAtMs", revoked`;

type Row = {
  idem_key: string;
  kind: PaymentRequest["kind"];
  member_id: number;
  amount_fen: number;
  status: "succeeded" | "failed";
  reason: string | null;
  provider_ref: string;
  answer: Answer;
  finished: boolean;
  fresh: boolean;
};

function fromRow(r: Row): Booked {
  return {
    key: r.idem_key,
    kind: r.kind,
    memberId: r.member_id,
    amountFen: r.amount_fen,
    result:
      r.status === "failed"
        ? {
            status: "failed",
            providerRef: r.provider_ref,
            reason: (r.reason ?? "declined") as "insufficient_funds",
          }
        : { status: "succeeded", providerRef: r.provider_ref },
    answer: r.answer,
    finished: r.finished,
    fresh: r.fresh,
  };
}

/** The columns of a booked entry, in the order of the batch file. */
export const BOOK_COLUMNS =
  "idem_key, kind, member_id, amount_fen, status, reason, provider_ref, answer, finished, executed_at";

const COLUMNS =
  "p.idem_key, p.kind, p.member_id, p.amount_fen, p.status, p.reason, p.provider_ref, p.answer, p.finished";

const copyInto = (tx: Tx, table: string, file: string) =>
  pipeline(Readable.from([file]), tx.query(copyFrom(`COPY ${table} (${BOOK_COLUMNS}) FROM STDIN`)));

/** Tables sim_provider_payments and sim_provider_events (migration 033): the simulated provider's books. */
export const simulatedRepository = Object.freeze({
  /**
   * COPYs a batch file of keys not seen before into the books and queues the webhooks of the entries
   * answered later; false, with nothing written, when a key is already booked (the unique key refuses it).
   */
  async copyNew(tx: Tx, file: string, later: readonly Booked[]): Promise<boolean> {
    await tx.query("SAVEPOINT direct");
    try {
      await copyInto(tx, "sim_provider_payments", file);
      if (later.length > 0)
        await tx.query(
          `INSERT INTO sim_provider_events (event_id, idem_key)
           SELECT 'evt_' || r, k FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS u(k, r, o) ORDER BY o`,
          [later.map((e) => e.key), later.map((e) => e.result.providerRef)],
        );
      return true;
    } catch (e) {
      if ((e as { code?: string }).code !== "23505") throw e;
      await tx.query("ROLLBACK TO SAVEPOINT direct");
      return false;
    }
  },

  /**
   * Books only the file's new keys, in file order (ord, through a session-temporary table), with their
   * webhooks; the keys it did not book (replays).
   */
  async bookNewOnly(tx: Tx, file: string): Promise<string[]> {
    await tx.query(
      `CREATE TEMP TABLE IF NOT EXISTS sim_provider_batch (ord bigserial, idem_key text, kind text, member_id bigint,
         amount_fen bigint, status text, reason text, provider_ref text, answer text, finished boolean,
         executed_at timestamptz) ON COMMIT DELETE ROWS`,
    );
    await copyInto(tx, "sim_provider_batch", file);
    const { rows } = await tx.query<{ idem_key: string }>(
      `WITH p AS (
         INSERT INTO sim_provider_payments (${BOOK_COLUMNS})
         SELECT ${BOOK_COLUMNS} FROM sim_provider_batch ORDER BY ord
         ON CONFLICT (idem_key) DO NOTHING
         RETURNING idem_key, provider_ref, answer),
       events AS (
         INSERT INTO sim_provider_events (event_id, idem_key)
         SELECT 'evt_' || a.provider_ref, a.idem_key
         FROM (SELECT * FROM p WHERE p.answer <> 'now') a JOIN sim_provider_batch b USING (idem_key) ORDER BY b.ord)
       SELECT b.idem_key FROM sim_provider_batch b WHERE NOT EXISTS (SELECT 1 FROM p WHERE p.idem_key = b.idem_key)`,
    );
    return rows.map((r) => r.idem_key);
  },

  /** Counts a request of each key already booked; their entries as first booked. */
  async countReplays(q: Queryable, keys: readonly string[]): Promise<Booked[]> {
    const { rows } = await q.query<Row>(
      `UPDATE sim_provider_payments p SET requests = requests + 1 WHERE idem_key = ANY($1)
       RETURNING ${COLUMNS}, false AS fresh`,
      [keys],
    );
    return rows.map(fromRow);
  },

  async byKey(q: Queryable, key: string): Promise<Booked | undefined> {
    const { rows } = await q.query<Row>(
      `SELECT ${COLUMNS}, false AS fresh FROM sim_provider_payments p WHERE idem_key = $1`,
      [key],
    );
    return rows[0] ? fromRow(rows[0]) : undefined;
  },

  /** Webhooks not yet delivered, oldest first. */
  async undelivered(q: Queryable): Promise<Array<{ eventId: string; entry: Booked }>> {
    const { rows } = await q.query<Row & { event_id: string }>(
      `SELECT e.event_id, ${COLUMNS}, false AS fresh FROM sim_provider_events e JOIN sim_provider_payments p USING (idem_key)
       WHERE NOT e.delivered ORDER BY e.seq`,
    );
    return rows.map((r) => ({ eventId: r.event_id, entry: fromRow(r) }));
  },

  async finish(q: Queryable, keys: readonly string[]): Promise<void> {
    if (keys.length > 0)
      await q.query("UPDATE sim_provider_payments SET finished = true WHERE idem_key = ANY($1)", [keys]);
  },

  async delivered(q: Queryable, eventId: string): Promise<void> {
    await q.query("UPDATE sim_provider_events SET delivered = true WHERE event_id = $1", [eventId]);
  },

  /** Table sim_provider_mandates (migration 131): signs under a key once; the agreement either way. */
  async signMandate(q: Queryable, m: Mandate): Promise<Mandate> {
    await q.query(
      `INSERT INTO sim_provider_mandates (agreement_ref, sign_key, member_id, expires_at, revoked)
       VALUES ($1, $2, $3, $4, false) ON CONFLICT (sign_key) DO NOTHING`,
      [m.agreementRef, m.signKey, m.memberId, new Date(m.expiresAtMs)],
    );
    const { rows } = await q.query<Mandate>(
      `SELECT ${MANDATE} FROM sim_provider_mandates WHERE sign_key = $1`,
      [m.signKey],
    );
    return rows[0]!;
  },

  async mandate(q: Queryable, agreementRef: string): Promise<Mandate | undefined> {
    const { rows } = await q.query<Mandate>(
      `SELECT ${MANDATE} FROM sim_provider_mandates WHERE agreement_ref = $1`,
      [agreementRef],
    );
    return rows[0];
  },

  async revokeMandate(q: Queryable, agreementRef: string): Promise<void> {
    await q.query("UPDATE sim_provider_mandates SET revoked = true WHERE agreement_ref = $1", [agreementRef]);
  },
});
