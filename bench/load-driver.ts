import { Agent, request } from "node:http";
import autocannon from "autocannon";

/** One request of a load, and which answers count as served (anything else is an error). */
export type LoadRequest = {
  readonly kind: string;
  readonly method: "GET" | "POST";
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** A write (a top-up); the targets are for reads. */
  readonly write?: boolean;
  readonly ok: (status: number) => boolean;
};

/** The seq-th request of a load (each call a new one: idempotency keys must not repeat). */
export type Mix = (seq: number) => LoadRequest;

/** What a run measured: answers per second, latency percentiles, errors, and every status seen. */
export type Figures = {
  readonly label: string;
  readonly requests: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly errors: number;
  readonly statuses: Readonly<Record<string, number>>;
};

/** The q-quantile (nearest rank) of the samples, in their unit; 0 for none. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** Samples of one kind: latencies and statuses, added up as the answers come. */
class Tally {
  readonly latenciesMs: number[] = [];
  readonly statuses: Record<string, number> = {};
  errors = 0;
  add(ms: number, status: string, ok: boolean): void {
    this.latenciesMs.push(ms);
    this.statuses[status] = (this.statuses[status] ?? 0) + 1;
    if (!ok) this.errors++;
  }
  figures(label: string, seconds: number): Figures {
    const s = Float64Array.from(this.latenciesMs).sort();
    const sorted = Array.from(s);
    return {
      label,
      requests: sorted.length,
      seconds,
      perSecond: seconds > 0 ? sorted.length / seconds : 0,
      p50Ms: quantile(sorted, 0.5),
      p99Ms: quantile(sorted, 0.99),
      maxMs: sorted.at(-1) ?? 0,
      errors: this.errors,
      statuses: { ...this.statuses },
    };
  }
}

/**
 * Closed loop (autocannon): `connections` connections, each sending its next request when the last
 * answered, for `seconds` (or `amount` requests in all). Throughput is what the server sustains; the
 * latencies are of the requests sent (a closed loop sends fewer while the server is slow: coordinated
 * omission, which the open loop below avoids).
 */
export async function closedLoop(o: {
  url: string;
  label: string;
  connections: number;
  seconds?: number;
  amount?: number;
  mix: Mix;
}): Promise<Figures> {
  let seq = 0;
  const statuses: Record<string, number> = {};
  let failed = 0;
  const result = await autocannon({
    url: o.url,
    connections: o.connections,
    ...(o.amount ? { amount: o.amount } : { duration: o.seconds ?? 10 }),
    timeout: 10,
    requests: [
      {
        setupRequest: (req, context) => {
          const r = o.mix(seq++);
          (context as { ok?: LoadRequest["ok"] }).ok = r.ok;
          return { ...req, method: r.method, path: r.path, headers: { ...r.headers }, body: r.body };
        },
        onResponse: (status, _body, context) => {
          statuses[status] = (statuses[status] ?? 0) + 1;
          if (!(context as { ok?: LoadRequest["ok"] }).ok?.(status)) failed++;
        },
      },
    ],
  });
  const answered = Object.values(statuses).reduce((a, b) => a + b, 0);
  return {
    label: o.label,
    requests: answered,
    seconds: result.duration,
    perSecond: answered / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    errors: failed + result.errors + result.timeouts,
    statuses,
  };
}

export type OpenLoopFigures = {
  /**
   * How late the driver itself sent (its p99 and worst, ms past the due time): a driver starved of CPU
   * sends late, and that lateness is inside every latency it reports.
   */
  readonly sendLagP99Ms: number;
  readonly sendLagMaxMs: number;
  readonly all: Figures;
  readonly reads: Figures;
  readonly writes: Figures;
  readonly byKind: readonly Figures[];
  /** The p99 of the requests due in each second of the run (ms), in order: when a slowdown came. */
  readonly p99BySecondMs: readonly number[];
};

/** One request sent at its scheduled time; its latency is counted from then, not from when it left. */
function send(agent: Agent, base: URL, r: LoadRequest, scheduledMs: number, timeoutMs: number) {
  return new Promise<{ ms: number; status: string; ok: boolean }>((resolve) => {
    // from the send, not the socket's idleness: a request queued for a connection times out too
    const timer = setTimeout(() => req.destroy(new Error("timeout")), timeoutMs);
    const done = (status: string, ok: boolean) => {
      clearTimeout(timer);
      resolve({ ms: performance.now() - scheduledMs, status, ok });
    };
    const req = request(
      { agent, host: base.hostname, port: base.port, method: r.method, path: r.path, headers: r.headers },
      (res) => {
        res.resume();
        res.on("end", () => done(String(res.statusCode), r.ok(res.statusCode ?? 0)));
        res.on("error", () => done("error", false));
      },
    );
    req.on("error", (e) => done(e.message === "timeout" ? "timeout" : "error", false));
    req.end(r.body);
  });
}

/**
 * Open loop: request k is due at start + k / rate, whether or not earlier ones were answered, on as
 * many keep-alive connections as that takes (up to `socketsMax`, then queued in the agent — still timed
 * from its due time). It runs for `seconds`, or until `stop()` says so (checked each millisecond), and
 * then waits for the answers. Figures for all requests and for each kind.
 */
export async function openLoop(o: {
  url: string;
  label: string;
  ratePerSecond: number;
  seconds: number;
  mix: Mix;
  stop?: () => boolean;
  socketsMax?: number;
  timeoutMs?: number;
}): Promise<OpenLoopFigures> {
  const base = new URL(o.url);
  const agent = new Agent({ keepAlive: true, maxSockets: o.socketsMax ?? 1024 });
  const all = new Tally();
  const reads = new Tally();
  const writes = new Tally();
  const byKind = new Map<string, Tally>();
  const pending: Promise<void>[] = [];
  const lagsMs: number[] = [];
  const bySecond: number[][] = [];
  const intervalMs = 1000 / o.ratePerSecond;
  const start = performance.now();
  let k = 0;
  await new Promise<void>((finish) => {
    const timer = setInterval(() => {
      const now = performance.now();
      if (now - start >= o.seconds * 1000 || o.stop?.()) {
        clearInterval(timer);
        return finish();
      }
      for (; start + k * intervalMs <= now; k++) {
        const r = o.mix(k);
        const kind = byKind.get(r.kind) ?? new Tally();
        byKind.set(r.kind, kind);
        const group = r.write ? writes : reads;
        lagsMs.push(now - (start + k * intervalMs));
        const second = Math.floor((k * intervalMs) / 1000);
        pending.push(
          send(agent, base, r, start + k * intervalMs, o.timeoutMs ?? 10_000).then((a) => {
            const msInSecond = bySecond[second] ?? [];
            msInSecond.push(a.ms);
            bySecond[second] = msInSecond;
            all.add(a.ms, a.status, a.ok);
            kind.add(a.ms, a.status, a.ok);
            group.add(a.ms, a.status, a.ok);
          }),
        );
      }
    }, 1);
  });
  const sentSeconds = (performance.now() - start) / 1000;
  await Promise.all(pending);
  agent.destroy();
  const lags = Array.from(Float64Array.from(lagsMs).sort());
  return {
    sendLagP99Ms: quantile(lags, 0.99),
    sendLagMaxMs: lags.at(-1) ?? 0,
    all: all.figures(o.label, sentSeconds),
    reads: reads.figures("reads", sentSeconds),
    writes: writes.figures("writes", sentSeconds),
    byKind: [...byKind].map(([kind, t]) => t.figures(kind, sentSeconds)),
    p99BySecondMs: Array.from(bySecond, (ms) =>
      quantile(Array.from(Float64Array.from(ms ?? []).sort()), 0.99),
    ),
  };
}

/**
 * Waits until the server has worked off what an earlier phase left queued (a closed loop stops sending,
 * not the server working): three quick answers in a row from `path`, or `seconds` at most.
 */
export async function settle(url: string, path = "/healthz", seconds = 60): Promise<void> {
  const end = performance.now() + seconds * 1000;
  for (let quick = 0; quick < 3 && performance.now() < end; ) {
    const t0 = performance.now();
    await fetch(`${url}${path}`)
      .then((r) => r.arrayBuffer())
      .catch(() => undefined);
    quick = performance.now() - t0 < 50 ? quick + 1 : 0;
    await new Promise((r) => setTimeout(r, 200));
  }
}

const int = (n: number) => Math.round(n).toLocaleString("en-US");
const ms = (n: number) => `${n < 10 ? n.toFixed(1) : Math.round(n)} ms`;

/** One line of figures; beside a baseline, the throughput ratio to it. */
export function formatFigures(f: Figures, baseline?: Figures): string {
  const statuses = Object.entries(f.statuses)
    .map(([s, n]) => `${s}: ${int(n)}`)
    .join(", ");
  const ratio = baseline
    ? `; throughput ratio to ${baseline.label} ${(f.perSecond / baseline.perSecond).toFixed(3)}×`
    : "";
  return (
    `  ${f.label}: ${int(f.requests)} answers in ${f.seconds.toFixed(1)} s = ${int(f.perSecond)} req/s; ` +
    `p50 ${ms(f.p50Ms)}, p99 ${ms(f.p99Ms)}, max ${ms(f.maxMs)}; errors ${int(f.errors)} (${statuses})${ratio}`
  );
}
