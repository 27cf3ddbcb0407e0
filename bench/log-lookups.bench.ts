import { fmt, median, numberOption, timed } from "./support.ts";
import { benchDatabase } from "./support-db.ts";

/**
 * The log entries a member's shares page names (each cycle's `cycle_share_root` entry, by the cycle in
 * the entry) in a log that holds one `join` entry per member, as a real plan's log does: with the index
 * of migration 181, and without it (dropped, in the same run) as the baseline.
 * `npm run bench -- log-lookups [--members N] [--cycles C]`.
 */
export async function run(args: string[]): Promise<void> {
  const n = numberOption(args, "--members", 1_000_000);
  const cycles = numberOption(args, "--cycles", 24);
  const db = await benchDatabase();
  try {
    const load = await timed(async () => {
      await db.pool.query(
        `INSERT INTO log_entries (idx, kind, member, canonical, leaf_hash, created_at)
         SELECT g, 'join', lpad(to_hex(g), 32, '0'),
                '{"kind":"join","member":"' || lpad(to_hex(g), 32, '0') || '","participation":' || g || '}', '\\x00', now()
         FROM generate_series(0, $1::int - 1) g`,
        [n],
      );
      await db.pool.query(
        `INSERT INTO log_entries (idx, kind, member, canonical, leaf_hash, created_at)
         SELECT $1::int + g, 'cycle_share_root', NULL, '{"cycle":' || g || ',"kind":"cycle_share_root","root":"00"}', '\\x00', now()
         FROM generate_series(1, $2::int) g`,
        [n, cycles],
      );
      await db.pool.query("ANALYZE log_entries");
    });
    process.stdout.write(
      `setup: ${n.toLocaleString()} join entries and ${cycles} cycle roots in ${fmt(load.seconds, 1)} s\n`,
    );
    // the subquery of proofRepository.cyclesWithRoots, once per cycle of the page
    const sql = `SELECT (SELECT e.idx FROM log_entries e WHERE e.kind = 'cycle_share_root'
                   AND (e.canonical::jsonb ->> 'cycle')::bigint = c LIMIT 1) AS idx
                 FROM generate_series(1, $1::int) c`;
    const page = async () => {
      const times: number[] = [];
      for (let k = 0; k < 5; k++) {
        const t = await timed(() => db.pool.query(sql, [cycles]));
        if (t.value.rows.some((r) => r.idx === null)) throw new Error("a cycle's root entry was not found");
        times.push(t.seconds * 1000);
      }
      return median(times);
    };
    const indexed = await page();
    await db.pool.query("DROP INDEX log_entries_cycle");
    const scanned = await page();
    process.stdout.write(
      `a shares page's ${cycles} root entries among ${n.toLocaleString()} join entries (median of 5):\n` +
        `  with the index: ${fmt(indexed, 2)} ms; ratio to the scan ${fmt(indexed / scanned, 4)}×\n` +
        `  baseline without it (a scan of the log per cycle): ${fmt(scanned, 1)} ms\n`,
    );
  } finally {
    await db.close();
  }
}
