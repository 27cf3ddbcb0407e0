import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.ts";
import { mutualRules, planDoc } from "../support/plan-fixtures.ts";

const dir = mkdtempSync(join(tmpdir(), "huzhu-cli-"));
const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
};
const scenario = (more: Record<string, unknown> = {}) => ({
  plan: planDoc(mutualRules()),
  from: "2020-01-01",
  to: "2020-01-31",
  cohorts: [{ name: "m", count: 1000, born: "1990-01-01", joined: "2019-01-01" }],
  claims: [{ cohort: "m", count: 1, event: "cancer", diagnosed: "2020-01-02" }],
  ...more,
});

describe("huzhu scenario run", () => {
  it("prints the JSON report", async () => {
    const r = await runCli(["scenario", "run", file("ok.json", scenario()), "--json"]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    // one case of 300,000 + 8% = 32,400,000 fen among 999 members = 32,432.43… → 32,433 fen,
    // but the per-case cap of 0.10 yuan binds: each pays 10 fen
    expect(report.cycles[0].shares).toEqual([{ weight: "1", members: 999, shareFen: 10 }]);
  });

  it("prints readable tables without --json", async () => {
    const r = await runCli(["scenario", "run", file("ok2.json", scenario())]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/announced\s+collect/);
    expect(r.stdout).toContain("2020-01-07");
  });

  const bad: Array<[string, Record<string, unknown>, RegExp]> = [
    [
      "an unknown cohort",
      { claims: [{ cohort: "x", count: 1, event: "cancer", diagnosed: "2020-01-02" }] },
      /claims\[0\]\.cohort: no cohort named "x"/,
    ],
    ["an unknown field", { colour: "red" }, /unknown field: colour/],
    ["a negative amount", { surplusIn: "-1" }, /surplusIn: must not be negative/],
    ["a 3-decimal amount", { surplusIn: "0.001" }, /surplusIn: "0.001" has more than two decimals/],
    ["a date that does not exist", { from: "2021-02-29" }, /from: "2021-02-29" is not a date that exists/],
    [
      "claims exceeding a cohort",
      { claims: [{ cohort: "m", count: 1001, event: "cancer", diagnosed: "2020-01-02" }] },
      /claims\[0\]\.count: cohort "m" has 1000 members/,
    ],
    ["an unknown preset", { plan: "no-such-plan" }, /no preset "no-such-plan"/],
  ];
  for (const [what, patch, message] of bad) {
    it(`refuses ${what} with exit code 2 and a message naming the field`, async () => {
      const r = await runCli(["scenario", "run", file(`bad-${what}.json`, scenario(patch)), "--json"]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/); // no stack trace
      expect(r.stdout).toBe("");
    });
  }

  it("refuses a malformed YAML file and a missing file", async () => {
    expect((await runCli(["scenario", "run", file("bad.yaml", "plan: [unclosed")])).code).toBe(2);
    expect((await runCli(["scenario", "run", join(dir, "missing.yaml")])).stderr).toMatch(/cannot read/);
  });

  it("refuses a malformed plan, naming the field inside it", async () => {
    const rules = { ...mutualRules(), fees: [{ kind: "percentOfBenefit" as const, percent: "8.123" }] };
    const r = await runCli(["scenario", "run", file("badplan.json", scenario({ plan: planDoc(rules) }))]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/plan\.versions\[0\]\.rules\.fees\[0\]\.percent/);
  });
});
