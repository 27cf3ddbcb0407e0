import type { CycleDisclosure } from "../domain/cycle/disclosure.ts";
import { SumRootBuilder } from "../domain/merkle-sum.ts";
import type { Queryable } from "../store/db.ts";
import { shareRoot } from "./proofs.ts";

/** The cycle audit: every disclosed cycle conserves, and the stored shares still give the logged root. */
export async function auditCycles(q: Queryable): Promise<string[]> {
  const problems: string[] = [];
  const { rows } = await q.query<{
    cycle_id: number;
    disclosure: CycleDisclosure;
    share_root: Buffer | null;
    status: string;
  }>("SELECT cycle_id, disclosure, share_root, status FROM cycles ORDER BY cycle_id");
  for (const r of rows) {
    const d = r.disclosure;
    if (
      r.status === "disclosed" &&
      (d.collectedFen ?? 0) + (d.failedFen ?? 0) + d.sponsorFen !==
        d.benefitsFen + d.feesFen - d.surplusInFen + d.surplusOutFen
    ) {
      problems.push(`cycle ${r.cycle_id} does not conserve`);
    }
    const root = await shareRoot(q, r.cycle_id);
    if (
      (root?.hash ?? null) !== (r.share_root ? r.share_root.toString("hex") : null) ||
      (root && (root.count !== d.sharingMembers || root.hash !== d.shareRoot?.hash))
    ) {
      problems.push(`cycle ${r.cycle_id}: the members' shares no longer give the published root`);
    }
    // The stored proof chunks (once built) must fold to the same root: proofs are served from them.
    const chunks = await q.query<{ root_hash: Buffer; leaf_count: number; sum_fen: number }>(
      "SELECT root_hash, leaf_count, sum_fen FROM cycle_proof_chunks WHERE cycle_id = $1 ORDER BY chunk",
      [r.cycle_id],
    );
    if (chunks.rows.length > 0) {
      const folded = new SumRootBuilder();
      for (const c of chunks.rows)
        folded.pushNode({ hash: c.root_hash, count: c.leaf_count, sumFen: Number(c.sum_fen) });
      const f = folded.root();
      if (f.hash.toString("hex") !== r.share_root?.toString("hex") || f.count !== d.sharingMembers)
        problems.push(`cycle ${r.cycle_id}: the stored proof chunks no longer fold to the published root`);
    }
    const logged = await q.query(
      "SELECT 1 FROM log_entries WHERE kind = 'cycle_share_root' AND (canonical::jsonb ->> 'cycle')::bigint = $1 AND canonical::jsonb ->> 'root' = $2",
      [r.cycle_id, r.share_root?.toString("hex") ?? ""],
    );
    if (
      r.share_root &&
      logged.rows.length === 0 &&
      (await q.query("SELECT 1 FROM log_outbox WHERE kind = 'cycle_share_root'")).rows.length === 0
    ) {
      problems.push(`cycle ${r.cycle_id}: the published root is not the one in the transparency log`);
    }
  }
  return problems;
}
