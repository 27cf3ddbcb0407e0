import type { CivilDate } from "../domain/calendar.ts";
import type { CycleDisclosure } from "../domain/cycle/disclosure.ts";
import { chunkedSumProof, SumRootBuilder, sumLeaf } from "../domain/merkle-sum.ts";
import { fail } from "../errors.ts";
import { limits } from "../limits.ts";
import { copyOutLines, type Db, type Queryable, type Tx, withTransaction } from "../store/db.ts";
import { leafHashSql } from "./cycle.repository.ts";

/**
 * The Merkle-sum root over a cycle's shares, leaves ordered by pseudonym (byte order). PostgreSQL
 * hashes the leaves as it streams them out by COPY — SHA-256 of 0x00 ‖ {"member":…,"shareFen":…},
 * byte for byte what `sumLeaf` hashes, since pseudonyms are hex and need no escaping (the query
 * refuses any other) — and the root is folded here as they arrive, in memory that does not grow with the members.
 */
export async function shareRoot(
  q: Queryable | Db,
  cycleId: number,
): Promise<{ hash: string; count: number; sumFen: number } | null> {
  const tree = new SumRootBuilder();
  await streamLeaves(q, cycleId, (leaf, share) => tree.push(leaf, share));
  const r = tree.root();
  return r.count === 0 ? null : { hash: r.hash.toString("hex"), count: r.count, sumFen: r.sumFen };
}

/** A cycle's leaves in pseudonym order (byte order): each leaf's hash, computed by PostgreSQL, and share. */
export async function streamLeaves(
  q: Queryable | Db,
  cycleId: number,
  onLeaf: (leafHash: Buffer, shareFen: number) => void,
): Promise<void> {
  const leaf = Buffer.alloc(32);
  const read = (client: Tx) =>
    copyOutLines(
      client,
      `SELECT CASE WHEN pseudonym ~ '^[0-9a-f]+$'
                   THEN encode(${leafHashSql("pseudonym", "share_fen")}, 'hex')
                   ELSE 'not hex: ' || cycle_id END, share_fen
       FROM cycle_shares WHERE cycle_id = ${Number(cycleId)} ORDER BY pseudonym COLLATE "C"`,
      (line) => {
        if (leaf.write(line.slice(0, 64), 0, 32, "hex") !== 32)
          throw new Error(`invariant violated: a pseudonym of cycle ${cycleId} is not hex`);
        onLeaf(leaf, Number(line.slice(65)));
      },
    );
  // A client inside a transaction (it has `release`) reads in it; the pool lends a client.
  if ("release" in q) await read(q as Tx);
  else {
    const client = await (q as Db).connect();
    try {
      await read(client);
    } finally {
      client.release();
    }
  }
}

/**
 * A member's proof that their share is in the cycle's published total, from the cycle's stored chunks
 * (built on the first proof asked of the cycle): the member's chunk is found by its first pseudonym,
 * and the proof is folded from its leaves and every chunk's root — O(chunk + chunks), not a pass over
 * the cycle.
 */
export async function shareProof(pool: Db, cycleId: number, pseudonym: string) {
  return (
    (await findShareProof(pool, cycleId, pseudonym)) ??
    fail("not_found", "this member owed no share in this cycle")
  );
}

/** The proof of `shareProof`, or null when the member owed no share in the cycle. */
export async function findShareProof(pool: Db, cycleId: number, pseudonym: string) {
  const chunkLeaves = await proofChunks(pool, cycleId);
  const mine = await pool.query<{ chunk: number; pseudonyms: string[]; shares_fen: Array<number | string> }>(
    `SELECT chunk, pseudonyms, shares_fen FROM cycle_proof_chunks
     WHERE cycle_id = $1 AND first_pseudonym <= $2 ORDER BY first_pseudonym DESC LIMIT 1`,
    [cycleId, pseudonym],
  );
  const chunk = mine.rows[0];
  const at = chunk ? chunk.pseudonyms.indexOf(pseudonym) : -1;
  if (chunkLeaves === null || !chunk || at < 0) return null;
  const roots = await pool.query<{ root_hash: Buffer; leaf_count: number; sum_fen: number }>(
    "SELECT root_hash, leaf_count, sum_fen FROM cycle_proof_chunks WHERE cycle_id = $1 ORDER BY chunk",
    [cycleId],
  );
  const nodes = roots.rows.map((r) => ({
    hash: r.root_hash,
    count: r.leaf_count,
    sumFen: Number(r.sum_fen),
  }));
  const leaves = chunk.pseudonyms.map((member, k) =>
    sumLeaf({ member, shareFen: Number(chunk.shares_fen[k]) }),
  );
  const n = nodes.reduce((m, x) => m + x.count, 0);
  return {
    member: pseudonym,
    shareFen: Number(chunk.shares_fen[at]),
    proof: chunkedSumProof(n, chunk.chunk * chunkLeaves + at, chunkLeaves, nodes, leaves),
  };
}

/**
 * The chunk size of a cycle's stored proof chunks, building them first if need be (null: no shares).
 * One transaction with the cycle row locked, so a second caller waits and finds them built. The chunks
 * are cut by SQL in pseudonym order; each chunk's root is folded here, one chunk in memory at a time,
 * and the chunks' roots must fold to the cycle's published root before they count as built.
 */
export async function proofChunks(pool: Db, cycleId: number): Promise<number | null> {
  const built = await pool.query<{ proof_chunk_leaves: number | null }>(
    "SELECT proof_chunk_leaves FROM cycles WHERE cycle_id = $1",
    [cycleId],
  );
  if (!built.rows[0]) return fail("not_found", `no cycle ${cycleId}`);
  if (built.rows[0].proof_chunk_leaves !== null) return built.rows[0].proof_chunk_leaves;
  return withTransaction(pool, async (tx) => {
    const c = await tx.query<{
      proof_chunk_leaves: number | null;
      share_root: Buffer | null;
      share_count: number;
      share_total_fen: number;
    }>(
      "SELECT proof_chunk_leaves, share_root, share_count, share_total_fen FROM cycles WHERE cycle_id = $1 FOR UPDATE",
      [cycleId],
    );
    const cycle = c.rows[0]!;
    if (cycle.proof_chunk_leaves !== null) return cycle.proof_chunk_leaves;
    if (cycle.share_root === null) return null;
    const size = limits.proofChunkLeaves;
    const chunks = await tx.query<{ chunks: number }>(
      `WITH cut AS (
         INSERT INTO cycle_proof_chunks (cycle_id, chunk, first_pseudonym, pseudonyms, shares_fen, root_hash, leaf_count, sum_fen)
         SELECT $1, ((rn - 1) / $2)::int, min(pseudonym), array_agg(pseudonym ORDER BY rn), array_agg(share_fen ORDER BY rn),
                '\\x', count(*), sum(share_fen)
         FROM (SELECT pseudonym, share_fen, row_number() OVER (ORDER BY pseudonym COLLATE "C") AS rn
               FROM cycle_shares WHERE cycle_id = $1) x
         GROUP BY (rn - 1) / $2
         RETURNING 1)
       SELECT count(*)::int AS chunks FROM cut`,
      [cycleId, size],
    );
    const whole = new SumRootBuilder();
    for (let k = 0; k < chunks.rows[0]!.chunks; k++) {
      // The chunk's leaf hashes, by PostgreSQL as for the published root (pseudonyms are hex: nothing
      // to escape), in one buffer; a leaf hashed differently would not fold to the root checked below.
      const r = await tx.query<{ hashes: Buffer; shares_fen: Array<number | string> }>(
        `SELECT string_agg(${leafHashSql("u.p", "u.s")}, ''::bytea ORDER BY u.o) AS hashes, array_agg(u.s ORDER BY u.o) AS shares_fen
         FROM cycle_proof_chunks c, unnest(c.pseudonyms, c.shares_fen) WITH ORDINALITY AS u(p, s, o)
         WHERE c.cycle_id = $1 AND c.chunk = $2`,
        [cycleId, k],
      );
      const { hashes, shares_fen: shares } = r.rows[0]!;
      const part = new SumRootBuilder();
      for (let i = 0; i < shares.length; i++)
        part.push(hashes.subarray(32 * i, 32 * i + 32), Number(shares[i]));
      const root = part.root();
      whole.pushNode(root);
      await tx.query("UPDATE cycle_proof_chunks SET root_hash = $3 WHERE cycle_id = $1 AND chunk = $2", [
        cycleId,
        k,
        root.hash,
      ]);
    }
    const all = whole.root();
    if (
      !all.hash.equals(cycle.share_root) ||
      all.count !== Number(cycle.share_count) ||
      all.sumFen !== Number(cycle.share_total_fen)
    )
      throw new Error(
        `invariant violated: the proof chunks of cycle ${cycleId} do not fold to its published root`,
      );
    await tx.query("UPDATE cycles SET proof_chunk_leaves = $2 WHERE cycle_id = $1", [cycleId, size]);
    return size;
  });
}

/**
 * A member's shares in every cycle, each with its Merkle-sum proof, the cycle's published root, and the
 * index of the log entry that recorded that root — everything `huzhu verify` needs to check the share.
 */
export async function memberShareProofs(q: Db, pseudonym: string) {
  const { rows } = await q.query<{
    cycle_id: number;
    plan_id: string;
    announced_on: CivilDate;
    disclosure: CycleDisclosure;
    log_index: number | null;
  }>(
    `SELECT c.cycle_id, c.plan_id, c.announced_on, c.disclosure,
            (SELECT e.idx FROM log_entries e WHERE e.kind = 'cycle_share_root' AND (e.canonical::jsonb ->> 'cycle')::bigint = c.cycle_id LIMIT 1) AS log_index
     FROM cycles c WHERE c.share_root IS NOT NULL ORDER BY c.announced_on, c.cycle_id`,
  );
  const out = [];
  // Whether the member had a share in a cycle is answered by its stored chunks, not a scan of its shares.
  for (const r of rows) {
    const p = await findShareProof(q, r.cycle_id, pseudonym);
    if (!p) continue;
    out.push({
      cycleId: r.cycle_id,
      plan: r.plan_id,
      announcedOn: r.announced_on,
      root: r.disclosure.shareRoot,
      logIndex: r.log_index,
      shareFen: p.shareFen,
      proof: p.proof,
    });
  }
  return out;
}
