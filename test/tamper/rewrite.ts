import type { KeyObject } from "node:crypto";
import { canonicalJson } from "../../src/domain/canonical-json.ts";
import { leafHash, MemoryTree } from "../../src/domain/merkle.ts";
import { signTreeHead } from "../../src/domain/tree-head.ts";
import { signedCheckpoint } from "../../src/log/heads.ts";
import type { LogKeys } from "../../src/log-keys.ts";
import type { Queryable } from "../../src/store/db.ts";

/**
 * What an operator with the database and the log key can do: rewrite entries, then recompute every
 * leaf hash and node and re-sign every head with `key`, so that the log is self-consistent again.
 */
export async function rewriteLog(
  q: Queryable,
  key: KeyObject,
  change: (kind: string, entry: Record<string, unknown>) => Record<string, unknown> | undefined,
): Promise<void> {
  const { rows } = await q.query<{ idx: number; kind: string; canonical: string }>(
    "SELECT idx::int, kind, canonical FROM log_entries ORDER BY idx",
  );
  const tree = new MemoryTree();
  for (const r of rows) {
    const changed = change(r.kind, JSON.parse(r.canonical));
    const canonical = changed ? canonicalJson(changed) : r.canonical;
    const leaf = leafHash(Buffer.from(canonical));
    if (changed)
      await q.query("UPDATE log_entries SET canonical = $2, leaf_hash = $3 WHERE idx = $1", [
        r.idx,
        canonical,
        leaf,
      ]);
    tree.append(leaf);
  }
  await q.query("DELETE FROM log_nodes");
  for (const [level, hashes] of tree.levels.entries())
    await q.query(
      "INSERT INTO log_nodes (level, idx, hash) SELECT $1, i - 1, h FROM unnest($2::bytea[]) WITH ORDINALITY AS u(h, i)",
      [level, hashes],
    );
  await resignHeads(q, key, tree);
}

/** Every head re-signed with `key` over the roots `tree` gives (a new key: the re-keyed log). */
export async function resignHeads(q: Queryable, key: KeyObject, tree?: MemoryTree): Promise<void> {
  const heads = await q.query<{ size: number; rootHash: Buffer; timestampMs: number }>(
    `SELECT size::int, root_hash AS "rootHash", timestamp_ms::float8 AS "timestampMs" FROM log_heads`,
  );
  for (const h of heads.rows) {
    const root = tree ? tree.root(h.size) : h.rootHash;
    const signed = signTreeHead(
      { size: h.size, rootHash: root.toString("hex"), timestampMs: h.timestampMs },
      key,
    );
    await q.query("UPDATE log_heads SET root_hash = $2, signature = $3 WHERE size = $1", [
      h.size,
      root,
      signed.signature,
    ]);
  }
}

/** Every head's C2SP checkpoint re-signed with `keys` over the head's (rewritten) root. */
export async function resignCheckpoints(q: Queryable, keys: LogKeys): Promise<void> {
  const heads = await q.query<{ size: number; rootHash: Buffer }>(
    `SELECT size::int, root_hash AS "rootHash" FROM log_heads WHERE checkpoint IS NOT NULL`,
  );
  for (const h of heads.rows)
    await q.query("UPDATE log_heads SET checkpoint = $2 WHERE size = $1", [
      h.size,
      signedCheckpoint(keys, h.size, h.rootHash),
    ]);
}
