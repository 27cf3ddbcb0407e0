import { describe, expect, it } from "vitest";
import { formatOpenLoop, loadOptions, memberMix } from "../../bench/load.bench.ts";
import { closedLoop, formatFigures, openLoop, quantile } from "../../bench/load-driver.ts";
import { seedLoad } from "../../bench/load-seed.ts";
import { useTestApp } from "../support/use-app.ts";

// The load benchmark's drivers (bench/load-driver.ts) against the app on a test database, a few hundred
// requests: every answer is a served one and the report has its fields. No timing is asserted.
const FIELDS =
  /^ {2}.+: [\d,]+ answers in \d+\.\d s = [\d,]+ req\/s; p50 [\d.]+ ms, p99 [\d.]+ ms, max [\d.]+ ms; errors 0 \(/;

describe("the load benchmark's driver", () => {
  // the real clock: the seeded sessions and 水滴 participations are dated by it, as the server runs
  const t = useTestApp({ nowMs: Date.now(), presets: [] });
  let url = "";
  let members: Awaited<ReturnType<typeof seedLoad>> = [];

  it("seeds members, signs some in and serves their mix closed-loop with no error", async () => {
    members = await seedLoad(t.db.pool, { members: 50, readers: 10 });
    expect(members.map((m) => m.memberId)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    url = await t.app.listen({ port: 0, host: "127.0.0.1" });
    const f = await closedLoop({
      url,
      label: "mix",
      connections: 5,
      amount: 200,
      mix: memberMix(members, "c"),
    });
    expect(f.errors).toBe(0);
    expect(f.requests).toBe(200);
    // 4 reads : 1 top-up, each member in turn: 40 top-ups of 1,000 fen, 160 reads answered 200
    expect(f.statuses["200"]).toBe(160);
    expect((f.statuses["201"] ?? 0) + (f.statuses["202"] ?? 0) + (f.statuses["402"] ?? 0)).toBe(40);
    expect(formatFigures(f)).toMatch(FIELDS);
  });

  it("sends open-loop at the rate asked, and reports all, reads, writes and each route", async () => {
    const f = await openLoop({
      url,
      label: "all",
      ratePerSecond: 100,
      seconds: 2,
      mix: memberMix(members, "o"),
    });
    expect(f.all.errors).toBe(0);
    // 100 a second for 2 s: request k is due at k × 10 ms, k = 0…199 or so (the timer's last tick)
    expect(f.all.requests).toBeGreaterThanOrEqual(190);
    expect(f.reads.requests + f.writes.requests).toBe(f.all.requests);
    expect(f.byKind.map((k) => k.label).sort()).toEqual([
      "GET /cycles/members/:pseudonym/shares",
      "GET /me",
      "GET /notifications",
      "GET /plans/:planId/announcements",
      "POST /members/:memberId/top-ups",
    ]);
    const lines = formatOpenLoop(f);
    expect(lines).toHaveLength(10);
    for (const l of lines.slice(0, 8)) expect(l).toMatch(FIELDS);
    expect(lines[8]).toMatch(/^ {2}the driver sent late by p99 [\d.]+ ms, at worst [\d.]+ ms/);
    // 2 s sent: seconds 0 and 1, and a third if the timer's last tick fell at 2 s exactly
    expect(f.p99BySecondMs.length).toBeGreaterThanOrEqual(2);
    expect(f.p99BySecondMs.length).toBeLessThanOrEqual(3);
    expect(lines[9]).toMatch(/^ {2}p99 of each second's requests, ms: \d+( \d+){1,2}$/);
    expect(f.sendLagMaxMs).toBeGreaterThanOrEqual(f.sendLagP99Ms);
  });

  it("counts an unexpected answer as an error", async () => {
    const f = await openLoop({
      url,
      label: "bad",
      ratePerSecond: 50,
      seconds: 1,
      mix: () => ({ kind: "GET /me", method: "GET", path: "/me", headers: {}, ok: (s) => s === 200 }),
    });
    // no token: 401 each time
    expect(f.all.errors).toBe(f.all.requests);
    expect(f.all.statuses["401"]).toBe(f.all.requests);
    expect(formatFigures(f.all)).toContain(`errors ${f.all.requests}`);
  });

  it("takes the size options and refuses a bad one", () => {
    expect(loadOptions(["--members", "100000"]).members).toBe(100_000);
    expect(loadOptions([]).members).toBe(1_000_000);
    expect(() => loadOptions(["--members", "0"])).toThrow(/--members/);
    expect(() => loadOptions(["--size", "5"])).toThrow(/options/);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(quantile([1, 2, 3, 4], 0.99)).toBe(4);
    expect(quantile([], 0.5)).toBe(0);
  });
});
