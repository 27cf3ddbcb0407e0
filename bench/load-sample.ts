import type { Db } from "../src/store/db.ts";

/**
 * What the database's backends wait on while a phase runs (`--sample 1`): pg_stat_activity read every
 * 200 ms, each active backend counted by its wait and the start of its statement. The top lines say
 * where a phase's time goes (a lock, the WAL, the CPU), which latencies alone do not.
 */
export function sampleActivity(pool: Db): { stop(): Promise<string[]> } {
  const counts = new Map<string, number>();
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await pool.query<{ k: string }>(
        `SELECT coalesce(wait_event_type || ':' || wait_event, 'cpu') || ' | ' ||
                left(regexp_replace(query, '\\s+', ' ', 'g'), 90) AS k
         FROM pg_stat_activity
         WHERE state = 'active' AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
      );
      samples++;
      for (const r of rows) counts.set(r.k, (counts.get(r.k) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return [...counts.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 12)
        .map(([k, n]) => `    ${(n / Math.max(1, samples)).toFixed(2)} backends  ${k}`);
    },
  };
}
