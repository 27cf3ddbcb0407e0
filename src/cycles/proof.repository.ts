import type { CivilDate } from "../domain/calendar.ts";
import type { CycleAnnouncement } from "../domain/cycle/disclosure.ts";
import { copyOutLines, type Db, type Queryable, type Tx } from "../store/db.ts";
import { oneRow } from "../store/rows.ts";

/**
 * SQL for a Merkle-sum leaf hash — SHA-256 of 0x00 ‖ the leaf's canonical JSON, byte for byte what
 * `sumLeaf` hashes, given a hex pseudonym (nothing to escape): format 2 where the share names its
 * participation (cycles since migration 165), else format 1 {"member":…,"shareFen":…}.
 */
const leafHashSql = (pseudonym: string, shareFen: string, participation: string, weightUnits: string) =>
  `sha256('\\x00'::bytea || convert_to(CASE WHEN ${participation} IS NULL
     THEN '{"member":"' || ${pseudonym} || '","shareFen":' || ${shareFen} || '}'
     ELSE '{"member":"' || ${pseudonym} || '","participation":' || ${participation} || ',"shareFen":' || ${shareFen}
          || ',"v":2,"weightUnits":' || ${weightUnits} || '}' END, 'UTF8'))`;

export type ChunkRoot = { hash: Buffer; count: number; sumFen: number };

/** A cycle's share root and its stored proof chunks (`cycle_proof_chunks`), and the log's record of it. */
export const proofRepository = Object.freeze({
  /**
   * A cycle's leaves in pseudonym order (byte order) as COPY lines: each leaf's hash, computed by
   * PostgreSQL, in hex (or "not hex: …" for a pseudonym that is not), a tab, and the share.
   */
  async copyLeafLines(client: Tx, cycleId: number, onLine: (line: string) => void): Promise<void> {
    await copyOutLines(
      client,
      `SELECT CASE WHEN pseudonym ~ '^[0-9a-f]+$'
                   THEN encode(${leafHashSql("pseudonym", "share_fen", "participation_id", "weight_units")}, 'hex')
                   ELSE 'not hex: ' || cycle_id END, share_fen
       FROM cycle_shares WHERE cycle_id = ${Number(cycleId)} ORDER BY pseudonym COLLATE "C"`,
      onLine,
    );
  },

  async chunkLeaves(q: Queryable, cycleId: number): Promise<{ leaves: number | null } | undefined> {
    const r = await q.query<{ leaves: number | null }>(
      `SELECT proof_chunk_leaves AS "leaves" FROM cycles WHERE cycle_id = $1`,
      [cycleId],
    );
    return r.rows[0];
  },

  /**
   * The cycle row locked for building its chunks; with `wait` false, undefined at once when another
   * transaction holds it (lock_not_available), instead of waiting with a connection held.
   */
  async lockForChunks(tx: Tx, cycleId: number, wait = true) {
    type Row = { leaves: number | null; shareRoot: Buffer | null; shareCount: number; shareTotalFen: number };
    const sql = `SELECT proof_chunk_leaves AS "leaves", share_root AS "shareRoot", share_count AS "shareCount", share_total_fen AS "shareTotalFen" FROM cycles WHERE cycle_id = $1 FOR UPDATE${wait ? "" : " NOWAIT"}`;
    try {
      return oneRow(await tx.query<Row>(sql, [cycleId]), `cycle ${cycleId}`);
    } catch (e) {
      if (!wait && (e as { code?: string }).code === "55P03") return undefined;
      throw e;
    }
  },

  /** The chunks cut by SQL in pseudonym order, their roots still to be written; returns how many. */
  async cutChunks(tx: Tx, cycleId: number, size: number): Promise<number> {
    const chunks = await tx.query<{ chunks: number }>(
      `WITH cut AS (
         INSERT INTO cycle_proof_chunks (cycle_id, chunk, first_pseudonym, pseudonyms, shares_fen, root_hash, leaf_count, sum_fen, participations, weights_units)
         SELECT $1, ((rn - 1) / $2)::int, min(pseudonym), array_agg(pseudonym ORDER BY rn), array_agg(share_fen ORDER BY rn),
                '\\x', count(*), sum(share_fen), array_agg(participation_id ORDER BY rn), array_agg(weight_units ORDER BY rn)
         FROM (SELECT pseudonym, share_fen, participation_id, weight_units, row_number() OVER (ORDER BY pseudonym COLLATE "C") AS rn
               FROM cycle_shares WHERE cycle_id = $1) x
         GROUP BY (rn - 1) / $2
         RETURNING 1)
       SELECT count(*)::int AS chunks FROM cut`,
      [cycleId, size],
    );
    return oneRow(chunks, "the chunk count").chunks;
  },

  /** A chunk's leaf hashes (by PostgreSQL, as for the published root) in one buffer, and its shares. */
  async chunkLeafHashes(tx: Queryable, cycleId: number, chunk: number) {
    const r = await tx.query<{ hashes: Buffer; sharesFen: Array<number | string> }>(
      `SELECT string_agg(${leafHashSql("u.p", "u.s", "u.j", "u.w")}, ''::bytea ORDER BY u.o) AS hashes, array_agg(u.s ORDER BY u.o) AS "sharesFen"
       FROM cycle_proof_chunks c, unnest(c.pseudonyms, c.shares_fen, c.participations, c.weights_units) WITH ORDINALITY AS u(p, s, j, w, o)
       WHERE c.cycle_id = $1 AND c.chunk = $2`,
      [cycleId, chunk],
    );
    return oneRow(r, `chunk ${chunk} of cycle ${cycleId}`);
  },

  async setChunkRoot(tx: Tx, cycleId: number, chunk: number, hash: Buffer): Promise<void> {
    await tx.query("UPDATE cycle_proof_chunks SET root_hash = $3 WHERE cycle_id = $1 AND chunk = $2", [
      cycleId,
      chunk,
      hash,
    ]);
  },

  async setChunkLeaves(tx: Tx, cycleId: number, size: number): Promise<void> {
    await tx.query("UPDATE cycles SET proof_chunk_leaves = $2 WHERE cycle_id = $1", [cycleId, size]);
  },

  /**
   * A member's leaf in a cycle's stored chunks: the chunk that would hold the pseudonym (the last whose
   * first pseudonym is not after it), the leaf's place in it and its columns; none when it is not there.
   * Only the leaf crosses the wire, not the chunk's 4,096 pseudonyms.
   */
  async memberLeaf(q: Queryable, cycleId: number, pseudonym: string) {
    const r = await q.query<{
      chunk: number;
      at: number;
      shareFen: number | string;
      participation: number | string | null;
      weightUnits: number | null;
    }>(
      `SELECT c.chunk, k.at - 1 AS at, c.shares_fen[k.at] AS "shareFen", c.participations[k.at] AS participation,
              c.weights_units[k.at] AS "weightUnits"
       FROM (SELECT chunk, pseudonyms, shares_fen, participations, weights_units FROM cycle_proof_chunks
             WHERE cycle_id = $1 AND first_pseudonym <= $2 ORDER BY first_pseudonym DESC LIMIT 1) c,
            LATERAL (SELECT array_position(c.pseudonyms, $2::text) AS at) k
       WHERE k.at IS NOT NULL`,
      [cycleId, pseudonym],
    );
    return r.rows[0];
  },

  /**
   * The chunks whose stored leaves differ from the cycle's shares (a pseudonym or share changed,
   * added or left out in the chunk alone), by chunk number; -1 for a share in no chunk.
   */
  async chunksUnlikeShares(q: Queryable, cycleId: number): Promise<number[]> {
    const r = await q.query<{ chunk: number }>(
      `WITH chunked AS (
         SELECT c.chunk, u.p AS pseudonym, u.s AS share_fen, u.j AS participation_id, u.w AS weight_units
         FROM cycle_proof_chunks c, unnest(c.pseudonyms, c.shares_fen, c.participations, c.weights_units) AS u(p, s, j, w)
         WHERE c.cycle_id = $1),
       shares AS (SELECT pseudonym, share_fen, participation_id, weight_units FROM cycle_shares WHERE cycle_id = $1)
       SELECT DISTINCT coalesce(k.chunk, -1) AS chunk
       FROM chunked k FULL JOIN shares s USING (pseudonym)
       WHERE k.pseudonym IS NULL OR s.pseudonym IS NULL OR k.share_fen IS DISTINCT FROM s.share_fen
          OR k.participation_id IS DISTINCT FROM s.participation_id OR k.weight_units IS DISTINCT FROM s.weight_units
       ORDER BY 1 LIMIT 20`,
      [cycleId],
    );
    return r.rows.map((x) => x.chunk);
  },

  async chunkRoots(q: Queryable, cycleId: number): Promise<ChunkRoot[]> {
    const r = await q.query<{ root_hash: Buffer; leaf_count: number; sum_fen: number }>(
      "SELECT root_hash, leaf_count, sum_fen FROM cycle_proof_chunks WHERE cycle_id = $1 ORDER BY chunk",
      [cycleId],
    );
    return r.rows.map((c) => ({ hash: c.root_hash, count: c.leaf_count, sumFen: Number(c.sum_fen) }));
  },

  /**
   * A page of the cycles with a root, in announcement order after the cycle `afterCycleId` (null: from
   * the first), each with the index of the log entry that recorded its root.
   */
  async cyclesWithRoots(q: Db, page: { afterCycleId: number | null; limit: number }) {
    const { rows } = await q.query<{
      cycleId: number;
      planId: string;
      announcedOn: CivilDate;
      announced: CycleAnnouncement;
      logIndex: number | null;
    }>(
      `SELECT c.cycle_id AS "cycleId", c.plan_id AS "planId", c.announced_on AS "announcedOn", c.disclosure AS announced,
              (SELECT e.idx FROM log_entries e WHERE e.kind = 'cycle_share_root' AND (e.canonical::jsonb ->> 'cycle')::bigint = c.cycle_id LIMIT 1) AS "logIndex"
       FROM cycles c WHERE c.share_root IS NOT NULL
         AND ($1::bigint IS NULL OR (c.announced_on, c.cycle_id) > (SELECT a.announced_on, a.cycle_id FROM cycles a WHERE a.cycle_id = $1))
       ORDER BY c.announced_on, c.cycle_id LIMIT $2`,
      [page.afterCycleId, page.limit],
    );
    return rows;
  },

  /** Whether the log holds this root for this cycle, or a root entry still waits in the outbox. */
  async rootLoggedOrQueued(q: Queryable, cycleId: number, rootHex: string): Promise<boolean> {
    const logged = await q.query(
      "SELECT 1 FROM log_entries WHERE kind = 'cycle_share_root' AND (canonical::jsonb ->> 'cycle')::bigint = $1 AND canonical::jsonb ->> 'root' = $2",
      [cycleId, rootHex],
    );
    if (logged.rows.length > 0) return true;
    return (await q.query("SELECT 1 FROM log_outbox WHERE kind = 'cycle_share_root'")).rows.length > 0;
  },
});
