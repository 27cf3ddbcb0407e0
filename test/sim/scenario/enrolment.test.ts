import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runScenarioFile } from "../../../src/sim/scenario/load.ts";

// The runner refuses the joins the live system refuses (enrolment/join.ts): a prepaid plan's first
// deposit at joining, judged by the one domain function firstDepositMet.
const file = (name: string, cohort: Record<string, unknown>) => {
  const path = join(tmpdir(), `huzhu-enrol-${name}.json`);
  writeFileSync(
    path,
    JSON.stringify({
      plan: "shuidi",
      from: "2019-01-01",
      to: "2019-02-01",
      cohorts: [{ name: "a", count: 3, born: "1990-06-01", ...cohort }],
    }),
  );
  return path;
};

describe("the runner's enrolment rule", () => {
  it("refuses a cohort joining inside the scenario with less than 水滴's 9-yuan first deposit", () => {
    const r = runScenarioFile(file("short", { joined: "2019-01-01", deposit: "8.99" }));
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error).toEqual([
        expect.objectContaining({ code: "insufficient_balance", field: "cohorts.0.deposit" }),
      ]);
  });

  it("takes exactly the first deposit, and a balance carried in by a cohort joined before the scenario", () => {
    expect(runScenarioFile(file("exact", { joined: "2019-01-01", deposit: "9" })).ok).toBe(true);
    // joined in 2018: 0.50 yuan is what it holds on the first day, not what it paid to join
    expect(runScenarioFile(file("before", { joined: "2018-06-01", deposit: "0.5" })).ok).toBe(true);
  });
});
