import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServiceDeps } from "../../src/deps.ts";
import { buildApp } from "../../src/http/app.ts";
import type { Worker } from "../../src/jobs/worker.ts";
import { appClock, clockState, moveClock } from "../../src/operations/dev-clock.ts";
import { enrolMembers, staffToken, type TestApp, testApp } from "../support/app.ts";
import { queuesDrained, testWorker } from "../support/jobs.ts";

let t: TestApp;
let worker: Worker | undefined;
const DAY_MS = 86_400_000;

// the real clock of this test: 2020-01-07 10:00 Shanghai, an announcement day of 相互宝 (7th and 21st)
beforeAll(async () => {
  t = await testApp({
    nowMs: Date.UTC(2020, 0, 7, 2),
    presets: ["xianghubao"],
    provider: { failureRate: 0 },
  });
});
afterAll(async () => {
  await worker?.stop();
  await t?.close();
});

const announced = async () =>
  (
    await t.db.pool.query<{ cycle_id: number; announced_on: string }>(
      "SELECT cycle_id, announced_on FROM cycles WHERE plan_id = 'xianghubao' ORDER BY cycle_id",
    )
  ).rows.map((r) => r.announced_on);

describe("the development clock", () => {
  it("moves forward only, for every process on the database; refused in production", async () => {
    const dev = { pool: t.db.pool, production: false };
    const a = appClock(t.db.pool, false, t.clock);
    const b = appClock(t.db.pool, false, t.clock);
    const moved = await moveClock(dev, { kind: "advance", byMs: 3 * DAY_MS }, t.clock);
    expect(moved).toEqual({ ok: true, value: { nowMs: t.clock.now() + 3 * DAY_MS, offsetMs: 3 * DAY_MS } });
    // each process reads the offset at its next request or job
    expect(a.now()).toBe(t.clock.now());
    await a.refresh?.();
    await b.refresh?.();
    expect(a.now()).toBe(t.clock.now() + 3 * DAY_MS);
    expect(b.now()).toBe(a.now());
    // back to the real time is backwards now
    const back = await moveClock(dev, { kind: "set", toMs: t.clock.now() }, t.clock);
    expect(back.ok).toBe(false);
    if (!back.ok) expect(back.error.code).toBe("conflict");
    const prod = await moveClock({ ...dev, production: true }, { kind: "advance", byMs: DAY_MS }, t.clock);
    expect(prod.ok).toBe(false);
    if (!prod.ok) expect(prod.error.code).toBe("forbidden");
    expect((await clockState(t.db.pool, t.clock)).offsetMs).toBe(3 * DAY_MS);
    // the production clock never reads the table
    expect(appClock(t.db.pool, true, t.clock).refresh).toBeUndefined();
    await t.db.pool.query("DELETE FROM app_clock");
  });

  it("POST /dev/clock moves it (operator), refuses bad input (400) and the past (409); absent in production", async () => {
    const operator = await staffToken(t, ["operator"]);
    const r = await t.app.inject({
      method: "POST",
      url: "/dev/clock",
      headers: operator,
      payload: { advance: "2d" },
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({
      now: new Date(t.clock.now() + 2 * DAY_MS).toISOString(),
      offsetMs: 2 * DAY_MS,
    });
    const shown = await t.app.inject({ method: "GET", url: "/dev/clock" });
    expect(shown.json().offsetMs).toBe(2 * DAY_MS);
    for (const payload of [
      { advance: "soon" },
      { to: "2020-13-01" },
      { to: "2020-02-01", advance: "1d" },
      {},
    ]) {
      const bad = await t.app.inject({ method: "POST", url: "/dev/clock", headers: operator, payload });
      expect(bad.statusCode, JSON.stringify(payload)).toBe(400);
    }
    const past = await t.app.inject({
      method: "POST",
      url: "/dev/clock",
      headers: operator,
      payload: { to: "2020-01-08" },
    });
    expect(past.statusCode).toBe(409);
    const production = await buildApp({ ...t.deps, production: true });
    const absent = await production.inject({
      method: "POST",
      url: "/dev/clock",
      headers: operator,
      payload: { advance: "1d" },
    });
    expect(absent.statusCode).toBe(404);
    await production.close();
    await t.db.pool.query("DELETE FROM app_clock");
  });

  it("after an advance the worker picks the offset up and runs every missed cycle in order", async () => {
    await enrolMembers(t, 3, "xianghubao", "1390000040", "1990-01-01", 901);
    // the shell's clock: the test's real clock moved by the persisted offset
    const deps: ServiceDeps = { ...t.deps, clock: appClock(t.db.pool, false, t.clock) };
    worker = await testWorker(deps, t.db.url);
    await worker.tick();
    await queuesDrained(worker);
    expect(await announced()).toEqual(["2020-01-07"]);
    // 2020-01-07 10:00 → 2020-02-25 10:00: the 21st, 7th and 21st were missed
    const moved = await moveClock(t.deps, { kind: "advance", byMs: 49 * DAY_MS }, t.clock);
    expect(moved.ok).toBe(true);
    await worker.tick();
    await queuesDrained(worker, 60_000);
    expect(await announced()).toEqual(["2020-01-07", "2020-01-21", "2020-02-07", "2020-02-21"]);
    // ticking again changes nothing
    await worker.tick();
    await queuesDrained(worker);
    expect(await announced()).toHaveLength(4);
  }, 120_000);
});
