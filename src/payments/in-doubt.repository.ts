import type { Queryable } from "../store/db.ts";
import type { PaymentRequest } from "./port.ts";

/** Why an answer was lost: the call timed out, or the provider could not be reached. */
export type LostCause = "timeout" | "unreachable";

/** The keys among `keys` whose request is in doubt (most calls: none, read without sending the keys). */
async function among(q: Queryable, keys: readonly string[]): Promise<string[]> {
  if (keys.length === 0) return [];
  const any = await q.query<{ any: boolean }>("SELECT EXISTS (SELECT 1 FROM payment_in_doubt) AS any");
  if (!any.rows[0]!.any) return [];
  const { rows } = await q.query<{ key: string }>(
    "SELECT idem_key AS key FROM payment_in_doubt WHERE idem_key = ANY($1)",
    [keys],
  );
  return rows.map((r) => r.key);
}

/** Requests sent without an answer; a key already in doubt keeps its first record. */
async function mark(q: Queryable, reqs: readonly PaymentRequest[], cause: LostCause, at: Date) {
  await q.query(
    `INSERT INTO payment_in_doubt (idem_key, kind, member_id, amount_fen, cause, since)
     SELECT k, kind, m, a, $5, $6 FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[]) AS u(k, kind, m, a)
     ON CONFLICT (idem_key) DO NOTHING`,
    [
      reqs.map((r) => r.key),
      reqs.map((r) => r.kind),
      reqs.map((r) => r.memberId),
      reqs.map((r) => r.amountFen),
      cause,
      at,
    ],
  );
}

/** Keys the provider has answered about: no longer in doubt. */
async function clear(q: Queryable, keys: readonly string[]): Promise<void> {
  if (keys.length > 0) await q.query("DELETE FROM payment_in_doubt WHERE idem_key = ANY($1)", [keys]);
}

/** How many requests are in doubt, by kind (the metrics' gauge). */
async function counts(q: Queryable): Promise<Array<{ kind: string; n: number }>> {
  const { rows } = await q.query<{ kind: string; n: number }>(
    "SELECT kind, count(*)::int AS n FROM payment_in_doubt GROUP BY kind",
  );
  return rows;
}

export const inDoubtRepository = Object.freeze({ among, mark, clear, counts });
