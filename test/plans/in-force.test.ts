import { describe, expect, it } from "vitest";
import { useTestApp } from "../support/use-app.ts";

// The member app's "in force" badge reads inForceOn: the version in force on the app clock's date,
// not the latest one (xianghubao's versions: 2018-10-16, 2019-05-01, 2020-01-01).
const t = useTestApp({ nowMs: Date.UTC(2019, 5, 1, 2), presets: ["xianghubao"] });
const plan = async (query = "") => {
  const r = await t.app.inject({ method: "GET", url: `/plans/xianghubao${query}` });
  expect(r.statusCode).toBe(200);
  return r.json() as { inForceOn: string | null; asOf: string; versions: Array<{ effective: string }> };
};

describe("GET /plans/:planId names the version in force", () => {
  it("without `on`: the version in force today by the app's clock (2019-06-01), not the latest", async () => {
    const p = await plan();
    expect(p.versions.at(-1)!.effective).toBe("2020-01-01");
    expect(p).toMatchObject({ inForceOn: "2019-05-01", asOf: "2019-06-01" });
  });
  it("the clock moved to the day a version takes effect: that version; the day before: the one before", async () => {
    t.clock.set(Date.UTC(2019, 11, 31, 2)); // 2019-12-31 10:00 in Shanghai
    expect(await plan()).toMatchObject({ inForceOn: "2019-05-01", asOf: "2019-12-31" });
    t.clock.set(Date.UTC(2020, 0, 1, 2));
    expect(await plan()).toMatchObject({ inForceOn: "2020-01-01", asOf: "2020-01-01" });
  });
  it("with `on`: the version in force that day; before the first version: none", async () => {
    expect(await plan("?on=2018-12-01")).toMatchObject({ inForceOn: "2018-10-16", asOf: "2018-12-01" });
    expect(await plan("?on=2018-10-15")).toMatchObject({ inForceOn: null, asOf: "2018-10-15" });
  });
});
