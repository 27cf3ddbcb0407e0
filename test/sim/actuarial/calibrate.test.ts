import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadPlanFrom } from "../../../src/plans/registry.ts";
import { FITTED } from "../../../src/sim/actuarial/assumptions.ts";
import { readPath } from "../../../src/sim/actuarial/calibrate.cli.ts";
import { calibrateAndPredict } from "../../../src/sim/actuarial/calibrate.ts";
import { loadTables } from "../../../src/sim/actuarial/load.ts";
import { membersPathOf, parseObservedPath, windowMonths } from "../../../src/sim/actuarial/observed.ts";
import { runCli } from "../../support/cli.ts";

const tables = loadTables();
const plan = (id: string) => {
  const p = loadPlanFrom(id);
  if (!p.ok) throw new Error(id);
  return p.value;
};

describe("the shipped observed paths", () => {
  it("hold the seeds' figures and the reading chosen: 29 over 2019, 90 over 2020; 32 → 413.6", () => {
    const general = readPath("xianghubao");
    const costs = general.points.filter((p) => p.costYuan !== undefined).map((p) => [p.date, p.costYuan]);
    expect(costs).toEqual([
      ["2019-12-31", 29],
      ["2020-12-31", 90],
    ]);
    expect(general.points.find((p) => p.date === "2020-03-31")!.members).toBe(103_700_000); // 表 1: 10,370万
    const elderly = readPath("xianghubao-elderly");
    expect(elderly.points.filter((p) => p.costYuan).map((p) => p.costYuan)).toEqual([32, 413.6]);
  });

  it("give a monthly members path by linear interpolation, and 12-month windows by month end", () => {
    const general = readPath("xianghubao");
    const path = membersPathOf(general, 60);
    // 0 on 2018-11-01 to 100,000,000 on 2019-11-30 (394 days): 2018-11-30 is 29 days in → 7,360,406.
    expect(Math.round(path[0]!)).toBe(Math.round((29 / 394) * 100_000_000));
    expect(path[12]).toBe(100_000_000); // month 12 ends 2019-11-30
    // the path stops at its last members row (2021-12-28): month 36 ends 2021-11-30, month 37 after it
    expect(path.length).toBe(37);
    // 2019 is months 2 (ends 2019-01-31) to 13 (ends 2019-12-31)
    expect(windowMonths(general.points[0]!.date, "2019-12-31" as never, 60)).toEqual([
      2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13,
    ]);
  });

  it("refuses malformed paths with the line at fault", () => {
    const bad = (text: string) => parseObservedPath("p.csv", text);
    expect(bad("date,members\n")).toMatchObject({ ok: false, error: expect.stringMatching(/first line/) });
    const head = "date,members,cost_per_member_yuan,source\n";
    expect(bad(`${head}2019-13-01,1,2,x\n`)).toMatchObject({ error: expect.stringMatching(/line 2: date/) });
    expect(bad(`${head}2019-01-01,-5,2,x\n`)).toMatchObject({ error: expect.stringMatching(/members/) });
    expect(bad(`${head}2019-01-01,5,0,x\n`)).toMatchObject({ error: expect.stringMatching(/cost/) });
    expect(bad(`${head}2019-01-01,5,,x\n`)).toMatchObject({
      error: expect.stringMatching(/no row has a cost/),
    });
    expect(bad(`${head}2019-02-01,5,3,x\n2019-01-01,5,3,y\n`)).toMatchObject({
      error: expect.stringMatching(/line 3: dates must increase/),
    });
    // a source may hold commas
    const ok = bad(`${head}2019-01-01,5,3,seed 002, 表 1\n`);
    expect(ok.ok && ok.value.points[0]!.source).toBe("seed 002, 表 1");
  });
});

describe("calibration: fit the general plan, predict the elderly plan", () => {
  const result = calibrateAndPredict(
    tables,
    { plan: plan("xianghubao"), path: readPath("xianghubao") },
    { plan: plan("xianghubao-elderly"), path: readPath("xianghubao-elderly") },
    { runs: 24, seed: 1, tolerance: 0.1 },
  );
  const c = result.calibration;

  it("fits within the stated bounds, and the presets' defaults are that fit", () => {
    // Bounds: the level × approval 0.9 is 0.2–0.3 of the table, half to two thirds of the white paper's
    // 0.5 (seed 001); no select effect is needed beyond the waiting period and the lag (factor ≥ 0.8).
    expect(c.fitted.incidenceMultiplier).toBeGreaterThan(0.24);
    expect(c.fitted.incidenceMultiplier).toBeLessThan(0.32);
    expect(c.fitted.selectFactor).toBeGreaterThanOrEqual(0.8);
    expect(Math.abs(c.fitted.incidenceMultiplier - FITTED.incidenceMultiplier)).toBeLessThan(0.01);
    expect(Math.abs(c.fitted.selectFactor - FITTED.selectFactor)).toBeLessThanOrEqual(0.05);
    expect(c.range.incidenceMultiplier[0]).toBeLessThanOrEqual(c.fitted.incidenceMultiplier);
    expect(c.range.incidenceMultiplier[1]).toBeGreaterThanOrEqual(c.fitted.incidenceMultiplier);
    expect(c.draws.length).toBe(FITTED.draws.length);
  });

  it("reproduces 2019 within ±20% and 2020 within ±25% (in fact within the ±10% tolerance)", () => {
    const [y2019, y2020] = c.points;
    expect(Math.abs(y2019!.error)).toBeLessThan(0.1);
    expect(Math.abs(y2020!.error)).toBeLessThan(0.1);
  });

  it("predicts the elderly plan's 413.6 of 2020 within ±25%; its 32 of 2019 is out of reach", () => {
    const [y2019, y2020] = result.prediction!.points;
    expect(Math.abs(y2020!.error)).toBeLessThan(0.25);
    // Measured +137% (docs/simulator.md): the path the seeds do not give, assumed like the general
    // plan's. The rise is still steeper than the general plan's (×3.2): over ×4 here.
    expect(y2020!.simulatedYuan / y2019!.simulatedYuan).toBeGreaterThan(4);
    expect(y2019!.error).toBeGreaterThan(0.25);
  });
});

describe("huzhu simulate with the presets' defaults", () => {
  it("follows the observed path and shows the fit first: 2019 within ±20%, 2020 within ±25%", async () => {
    const r = await runCli(["simulate", "xianghubao", "--years", "3", "--runs", "48", "--json"]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.startOn).toBe("2018-11-01");
    expect(report.options.parameterDraws.length).toBe(24);
    const [y2019, y2020] = report.fit.points;
    expect(y2019.date).toBe("2019-12-31");
    expect(Math.abs(y2019.error)).toBeLessThan(0.2);
    expect(Math.abs(y2020.error)).toBeLessThan(0.25);
    // Not fitted: the seeds' cumulative figures. Month 0 is 2018-11, month 16 2020-03, month 20 2020-07.
    const upTo = (m: number, key: "cases" | "benefitsFen") =>
      report.monthly.slice(0, m + 1).reduce((n: number, x: Record<string, number>) => n + x[key]!, 0);
    // seed 002: "累计帮助人数超过 2.8万人" by the end of March 2020 (measured ≈ 23,000: the standard tier only)
    expect(upTo(16, "cases") / 28_000).toBeGreaterThan(0.75);
    // seed 001: "累计募集互助金超过 70 亿元" by the end of July 2020 (measured ≈ 68.5亿)
    expect(Math.abs(upTo(20, "benefitsFen") / 100 / 7e9 - 1)).toBeLessThan(0.15);
    const text = await runCli(["simulate", "xianghubao", "--years", "3", "--runs", "24"]);
    expect(text.stdout.indexOf("observed")).toBeLessThan(text.stdout.indexOf("share/member"));
  });

  it("calibrate: prints the fit and the out-of-sample check, writes the chart, refuses a bad path", async () => {
    const dir = mkdtempSync(join(tmpdir(), "huzhu-cal-"));
    const svg = join(dir, "fit.svg");
    const r = await runCli(["simulate", "calibrate", "--svg", svg, "--runs", "24"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/incidence level {2}0\.2\d+/);
    expect(r.stdout).toMatch(/Out of sample/);
    const chart = readFileSync(svg, "utf8");
    expect(chart).toMatch(/^<svg/);
    expect(chart.match(/<circle/g)?.length).toBe(4); // two observed points per plan
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, "date,members\n");
    const e = await runCli(["simulate", "calibrate", "--observed", bad]);
    expect(e.code).toBe(2);
    expect(e.stderr).toMatch(/--observed: .*first line/);
    expect((await runCli(["simulate", "calibrate", "--tolerance", "0"])).code).toBe(2);
  });
});
