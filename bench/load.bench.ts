import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import {
  closedLoop,
  type Figures,
  formatFigures,
  type LoadRequest,
  type Mix,
  type OpenLoopFigures,
  openLoop,
  settle,
} from "./load-driver.ts";
import { benchScript, type Child, freePort, startServer } from "./load-processes.ts";
import { sampleActivity } from "./load-sample.ts";
import { type LoadMember, seedLoad } from "./load-seed.ts";
import { benchDatabase } from "./support-db.ts";

/**
 * Issue 20's load benchmark: `npm run bench -- load [--members N]` (default 1,000,000). The real server
 * (`huzhu serve --no-worker`, production settings) on a durable embedded PostgreSQL with N members in
 * 相互宝, driven by signed-in members' reads (me, shares, announcements, notifications) and writes
 * (top-ups with idempotency keys): closed loop with 200 connections beside a bare Fastify route, then
 * open loop at 500 requests/s, idle and while a worker process runs the cycle of all N members through
 * the job queue. Every child process and the cluster are ended at the end, whatever happened.
 */
export type LoadOptions = {
  members: number;
  readers: number;
  connections: number;
  closedSeconds: number;
  rate: number;
  idleSeconds: number;
  cycleSecondsMax: number;
  /** 1: the mix has a top-up after every 4 reads; 0: reads only. */
  writes: number;
  /** 1: the open loop during the cycle; 0: not (a quick run of the other phases). */
  cycle: number;
  /** 1: print what the database's backends waited on in each open-loop phase. */
  sample: number;
};

const DEFAULTS: LoadOptions = {
  members: 1_000_000,
  readers: 10_000,
  connections: 200,
  closedSeconds: 10,
  rate: 500,
  idleSeconds: 30,
  cycleSecondsMax: 900,
  writes: 1,
  cycle: 1,
  sample: 0,
};

/** `--members 100000 --rate 500 …`: each option a positive number; anything else stops with usage. */
export function loadOptions(args: readonly string[]): LoadOptions {
  const o = { ...DEFAULTS };
  const names: Record<string, keyof LoadOptions> = {
    "--members": "members",
    "--readers": "readers",
    "--connections": "connections",
    "--seconds": "closedSeconds",
    "--rate": "rate",
    "--idle-seconds": "idleSeconds",
    "--cycle-seconds-max": "cycleSecondsMax",
    "--writes": "writes",
    "--cycle": "cycle",
    "--sample": "sample",
  };
  for (let i = 0; i < args.length; i += 2) {
    const key = names[args[i]!];
    const n = Number(args[i + 1]);
    if (!key || !Number.isSafeInteger(n) || n < (flag(key) ? 0 : 1) || (flag(key) && n > 1))
      throw new Error(
        `load: ${args[i]} ${args[i + 1] ?? ""} — options: ${Object.keys(names).join(", ")} (positive integers)`,
      );
    o[key] = n;
  }
  return o;
}

const flag = (key: keyof LoadOptions) => key === "writes" || key === "cycle" || key === "sample";
const served = (s: number) => s >= 200 && s < 300;
/** A top-up's answers: succeeded (201), pending at the provider (202), declined by it (402, 1% simulated). */
const topUpAnswered = (s: number) => s === 201 || s === 202 || s === 402;

/**
 * The members' mix: each member in turn sends GET /me, their shares, the plan's announcements, their
 * inbox and a top-up of 10 yuan (a fresh Idempotency-Key each: `run` keeps keys apart between runs).
 */
export function memberMix(members: readonly LoadMember[], run: string, writes = true): Mix {
  const plan = "xianghubao";
  const each = writes ? 5 : 4;
  return (seq) => {
    const m = members[Math.floor(seq / each) % members.length]!;
    const auth = { authorization: `Bearer ${m.token}` };
    const read = (kind: string, path: string): LoadRequest => ({
      kind,
      method: "GET",
      path,
      headers: auth,
      ok: served,
    });
    switch (seq % each) {
      case 0:
        return read("GET /me", "/me");
      case 1:
        return read("GET /cycles/members/:pseudonym/shares", `/cycles/members/${m.pseudonym}/shares`);
      case 2:
        return read("GET /plans/:planId/announcements", `/plans/${plan}/announcements`);
      case 3:
        return read("GET /notifications", "/notifications");
      default:
        return {
          kind: "POST /members/:memberId/top-ups",
          method: "POST",
          path: `/members/${m.memberId}/top-ups`,
          headers: { ...auth, "content-type": "application/json", "idempotency-key": `${run}-${seq}` },
          body: JSON.stringify({ amountFen: 1000 }),
          write: true,
          ok: topUpAnswered,
        };
    }
  };
}

const bareMix: Mix = () => ({ kind: "GET /", method: "GET", path: "/", headers: {}, ok: served });

/** The open loop's lines: all requests, reads, writes, then each route. */
export function formatOpenLoop(f: OpenLoopFigures): string[] {
  return [
    ...[f.all, f.reads, f.writes, ...f.byKind].map((x) => formatFigures(x)),
    `  the driver sent late by p99 ${f.sendLagP99Ms.toFixed(1)} ms, at worst ${f.sendLagMaxMs.toFixed(1)} ms (inside the latencies above)`,
    `  p99 of each second's requests, ms: ${f.p99BySecondMs.map((ms) => ms.toFixed(0)).join(" ")}`,
  ];
}

const mark = (ok: boolean) => (ok ? "✔" : "✘");
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(" ");

export async function run(args: string[]): Promise<void> {
  const o = loadOptions(args);
  const out = (s: string) => process.stdout.write(`${s}\n`);
  const db = await benchDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), "huzhu-load-"));
  const children: Child[] = [];
  let cleaned: Promise<void> | undefined;
  const cleanUp = () => {
    cleaned ??= (async () => {
      for (const c of children.reverse()) await c.stop();
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    })();
    return cleaned;
  };
  // Ctrl+C or a kill: the children, the cluster and the data dirs go too
  const onSignal = () => void cleanUp().finally(() => process.exit(130));
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    const t0 = performance.now();
    const members = await seedLoad(db.pool, { members: o.members, readers: o.readers });
    out(
      `load: ${o.members.toLocaleString("en-US")} members in 相互宝, ${members.length.toLocaleString("en-US")} signed in ` +
        `(seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s); load average at the start ${load()} on ${availableParallelism()} cores`,
    );
    const port = await freePort();
    const server = await startServer({ databaseUrl: db.url, dataDir, port });
    children.push(server);
    const bare = benchScript("load-bare.ts");
    children.push(bare);
    const barePort = (await bare.next<{ port: number }>()).port;
    const url = `http://127.0.0.1:${port}`;
    const closed = await closedPhase(o, url, `http://127.0.0.1:${barePort}`, members);
    out(`closed loop, ${o.connections} connections, ${o.closedSeconds} s each:`);
    out(formatFigures(closed.bare));
    out(formatFigures(closed.huzhu, closed.bare));
    await bare.stop();
    await settle(url);
    const idleSample = o.sample ? sampleActivity(db.pool) : undefined;
    const idle = await openLoop({
      url,
      label: "all requests",
      ratePerSecond: o.rate,
      seconds: o.idleSeconds,
      mix: memberMix(members, "idle", o.writes === 1),
    });
    out(
      `open loop at ${o.rate} requests/s, idle, ${o.idleSeconds} s (latency from each request's due time):`,
    );
    for (const l of formatOpenLoop(idle)) out(l);
    if (idleSample)
      for (const l of ["  database backends (mean per sample):", ...(await idleSample.stop())]) out(l);
    await settle(url);
    if (!o.cycle) return;
    const cycleSample = o.sample ? sampleActivity(db.pool) : undefined;
    const during = await duringCycle(o, url, members, children, {
      DATABASE_URL: db.url,
      HUZHU_DATA_DIR: dataDir,
    });
    out(
      `open loop at ${o.rate} requests/s while the worker process runs the cycle of ${o.members.toLocaleString("en-US")} members ` +
        `(announce ${during.cycle.announceSeconds.toFixed(1)} s, collect ${during.cycle.collectSeconds.toFixed(1)} s):`,
    );
    for (const l of formatOpenLoop(during.figures)) out(l);
    if (cycleSample)
      for (const l of ["  database backends (mean per sample):", ...(await cycleSample.stop())]) out(l);
    const errors = closed.huzhu.errors + idle.all.errors + during.figures.all.errors;
    out(
      `targets: reads p99 < 100 ms idle ${mark(idle.reads.p99Ms < 100)}; < 500 ms during the cycle ` +
        `${mark(during.figures.reads.p99Ms < 500)}; zero errors ${mark(errors === 0)} (${errors}); load average at the end ${load()}`,
    );
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    await cleanUp();
  }
}

async function closedPhase(o: LoadOptions, url: string, bareUrl: string, members: readonly LoadMember[]) {
  const bare: Figures = await closedLoop({
    url: bareUrl,
    label: "bare Fastify route",
    connections: o.connections,
    seconds: o.closedSeconds,
    mix: bareMix,
  });
  const huzhu = await closedLoop({
    url,
    label: o.writes ? "huzhu member mix (4 reads : 1 top-up)" : "huzhu member reads",
    connections: o.connections,
    seconds: o.closedSeconds,
    mix: memberMix(members, "closed", o.writes === 1),
  });
  return { bare, huzhu };
}

/** The open loop from the worker's start until it reports the cycle done (or cycleSecondsMax). */
async function duringCycle(
  o: LoadOptions,
  url: string,
  members: readonly LoadMember[],
  children: Child[],
  env: NodeJS.ProcessEnv,
) {
  const worker = benchScript("load-worker.ts", env);
  children.push(worker);
  await worker.next<{ started: true }>();
  let cycle: { announceSeconds: number; collectSeconds: number } | undefined;
  let failure: unknown;
  const done = worker.next<{ announceSeconds: number; collectSeconds: number }>().then(
    (c) => {
      cycle = c;
    },
    (e) => {
      failure = e;
    },
  );
  const figures = await openLoop({
    url,
    label: "all requests",
    ratePerSecond: o.rate,
    seconds: o.cycleSecondsMax,
    stop: () => cycle !== undefined || failure !== undefined,
    mix: memberMix(members, "cycle", o.writes === 1),
  });
  await done;
  if (!cycle) throw new Error(`the cycle did not finish: ${String(failure ?? "past --cycle-seconds-max")}`);
  return { figures, cycle };
}
