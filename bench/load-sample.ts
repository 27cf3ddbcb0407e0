import type { Db } from "../src/store/db.ts";

const WINDOW_MS = 10_000;

/**
 * What the database's backends wait on while a phase runs (`--sample 1`): pg_stat_activity read every
 * 200 ms, each active backend counted by its wait and the start of its statement, over the phase and
 * per 10 s window. The top lines say where a phase's time goes (a lock, the WAL, the CPU, the disk), and
 * the windows when, which latencies alone do not.
 */
export function sampleActivity(pool: Db): { stop(): Promise<string[]> } {
  const whole = new Map<string, number>();
  const windows: { counts: Map<string, number>; samples: number }[] = [];
  const started = performance.now();
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
      const w = Math.floor((performance.now() - started) / WINDOW_MS);
      windows[w] ??= { counts: new Map(), samples: 0 };
      const window = windows[w];
      samples++;
      window.samples++;
      for (const r of rows) {
        whole.set(r.k, (whole.get(r.k) ?? 0) + 1);
        window.counts.set(r.k, (window.counts.get(r.k) ?? 0) + 1);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      const lines = top(whole, samples, 12, "    ");
      windows.forEach((window, w) => {
        if (!window) return;
        lines.push(`    ${(w * WINDOW_MS) / 1000}–${((w + 1) * WINDOW_MS) / 1000} s:`);
        lines.push(...top(window.counts, window.samples, 4, "      "));
      });
      return lines;
    },
  };
}

function top(counts: Map<string, number>, samples: number, n: number, indent: string): string[] {
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, c]) => `${indent}${(c / Math.max(1, samples)).toFixed(2)} backends  ${k}`);
}
