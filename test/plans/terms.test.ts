import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { auditGovernance } from "../../src/governance/audit.ts";
import { PRESETS_DIR } from "../../src/plans/registry.ts";
import { registerMember, residentId, staffToken, type TestApp, testApp } from "../support/app.ts";
import { runCli } from "../support/cli.ts";
import { mutualRules, planDoc } from "../support/plan-fixtures.ts";

// Issue 17 point 1: the versions at launch are the terms; after launch POST /plans changes nothing.
const at = (date: string) => Date.parse(`${date}T02:00:00Z`); // 10:00 in Shanghai
let t: TestApp;
let operator: Record<string, string>;
const preset = (id: string) =>
  parseYaml(readFileSync(join(PRESETS_DIR, `${id}.yaml`), "utf8")) as {
    id: string;
    versions: Array<Record<string, unknown>>;
  };
const post = (url: string, payload: unknown, headers = operator) =>
  t.app.inject({ method: "POST", url, headers, payload: payload as object });
async function setNow(ms: number) {
  t.clock.set(ms);
  await t.db.pool.query("UPDATE sessions SET expires_at = $1", [new Date(ms + 7 * 86_400_000)]);
}
const versionsOf = async (planId: string) =>
  (
    await t.db.pool.query(
      "SELECT effective::text, rules FROM rule_versions WHERE plan_id = $1 ORDER BY effective",
      [planId],
    )
  ).rows;

beforeAll(async () => {
  t = await testApp({ nowMs: at("2020-03-01"), presets: ["xianghubao", "meituan"] });
  operator = await staffToken(t, ["operator"]);
  const m = await registerMember(t, "13700000001", residentId("1985-06-06", 501));
  const r = await post(
    "/participations",
    {
      memberId: m.memberId,
      planId: "xianghubao",
      answers: { major_illness: false, hospitalised: false },
      answersVersion: "V2",
    },
    m.auth,
  );
  if (r.statusCode !== 201) throw new Error(r.body);
});
afterAll(async () => {
  await t.close();
});

describe("POST /plans on a launched plan", () => {
  it("a new version (benefit 300,000 → 1,000 yuan in two days) is refused naming it, and nothing changes", async () => {
    const before = await versionsOf("xianghubao");
    const doc = preset("xianghubao");
    // the document's versions are 2018-10-16, 2019-05-01, 2020-01-01: the new one is versions[3]
    const cut = {
      effective: "2020-03-03",
      changes: { benefits: { schedule: [{ event: "major", benefit: { kind: "fixed", amount: 1000 } }] } },
    };
    const r = await post("/plans", { ...doc, versions: [...doc.versions, cut] });
    expect(r.statusCode).toBe(409);
    expect(r.json()).toMatchObject({ code: "terms_locked", field: "versions[3]" });
    expect(r.json().detail ?? r.json().message).toContain("version 2020-03-03 would be added");
    expect(await versionsOf("xianghubao")).toEqual(before);
    const audit = await t.db.pool.query(
      "SELECT target, detail FROM audit_trail WHERE action = 'POST /plans' ORDER BY audit_id DESC LIMIT 1",
    );
    // the trail records what was attempted, not `{}`
    expect({ ...audit.rows[0], target: JSON.parse(audit.rows[0].target) }).toEqual({
      target: { planId: "xianghubao", versions: ["2018-10-16", "2019-05-01", "2020-01-01", "2020-03-03"] },
      detail: { status: 409 },
    });
  });

  it("a retroactive version (meituan, 2025-01-01, fee 50%) is refused", async () => {
    const doc = preset("meituan");
    const r = await post("/plans", {
      ...doc,
      versions: [
        ...doc.versions,
        { effective: "2025-01-01", changes: { fees: [{ kind: "percentOfBenefit", percent: 50 }] } },
      ],
    });
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe("terms_locked");
    expect((await versionsOf("meituan")).map((v) => v.effective)).toEqual(
      preset("meituan").versions.map((v) => String(v.effective)),
    );
  });

  it("a changed existing version is refused naming it (it used to answer 201 and change nothing)", async () => {
    const doc = preset("meituan");
    const first = { ...doc.versions[0]!, summary: "a quietly different first version" };
    const r = await post("/plans", { ...doc, versions: [first, ...doc.versions.slice(1)] });
    expect(r.statusCode).toBe(409);
    expect(r.json()).toMatchObject({ code: "terms_locked", field: "versions[0]" });
    expect(r.json().detail ?? r.json().message).toContain(
      `version ${String(doc.versions[0]!.effective)} would be changed`,
    );
  });

  it("the same document again changes nothing (200, unchanged)", async () => {
    const r = await post("/plans", preset("xianghubao"));
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ planId: "xianghubao", outcome: "unchanged", changes: [] });
  });

  it("the database refuses a version without a proposal on a launched plan", async () => {
    const sql =
      "INSERT INTO rule_versions (plan_id, effective, rules) SELECT plan_id, '2021-01-01', rules FROM rule_versions WHERE plan_id = 'xianghubao' LIMIT 1";
    await expect(t.db.pool.query(sql)).rejects.toThrow(/needs an adopted proposal/);
    await expect(t.db.pool.query("DELETE FROM rule_versions WHERE plan_id = 'meituan'")).rejects.toThrow(
      /append-only/,
    );
  });
});

describe("a draft is edited by its document until consultation", () => {
  const rules = mutualRules({ waiting: [] });
  it("created (201), a version changed, added and left out (200 edited); then fixed from consultation", async () => {
    const v1 = { effective: "2020-04-01", rules };
    const created = await post("/plans", planDoc(rules, { id: "drafty" }));
    expect(created.statusCode).toBe(201);
    expect(created.json().outcome).toBe("created");
    const doc = (versions: unknown[]) => ({ ...planDoc(rules, { id: "drafty" }), versions });
    const edited = await post(
      "/plans",
      doc([v1, { effective: "2020-05-01", changes: { waiting: [{ days: 30 }] } }]),
    );
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ outcome: "edited" });
    const stored = await versionsOf("drafty");
    // planDoc's only version (2018-10-16) was left out; 2020-04-01 and 2020-05-01 are the draft now
    expect(stored.map((v) => v.effective)).toEqual(["2020-04-01", "2020-05-01"]);
    expect(stored[1]!.rules.waiting).toEqual([{ days: 30 }]);
    const changed = await post(
      "/plans",
      doc([v1, { effective: "2020-05-01", changes: { waiting: [{ days: 60 }] } }]),
    );
    expect(changed.json().changes).toEqual(["version 2020-05-01 would be changed"]);
    expect((await versionsOf("drafty"))[1]!.rules.waiting).toEqual([{ days: 60 }]);
    expect((await post("/plans/drafty/consultation", {})).statusCode).toBe(200);
    const late = await post("/plans", doc([v1]));
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: "terms_locked", field: "versions" });
    expect(late.json().detail ?? late.json().message).toContain(
      "plan drafty is consultation: version 2020-05-01 would be removed",
    );
  });
});

describe("launch and the audit", () => {
  it("where the charter asks 10 days of consultation, launch waits for them; the launch entry lists the terms", async () => {
    const rules = mutualRules({ waiting: [] });
    expect((await post("/plans", planDoc(rules, { id: "consulted" }))).statusCode).toBe(201);
    await post("/plans/consulted/charter", { effective: "2018-10-16", consultationDays: 10 });
    const direct = await post("/plans/consulted/launch", {});
    expect(direct.statusCode).toBe(409);
    expect(direct.json().code).toBe("consultation_required");
    expect((await post("/plans/consulted/consultation", {})).statusCode).toBe(200);
    // consultation from 2020-03-01 with 10 days: launch on 2020-03-11 at the earliest
    await setNow(at("2020-03-10"));
    const early = await post("/plans/consulted/launch", {});
    expect(early.statusCode).toBe(409);
    expect(early.json().detail ?? early.json().message).toContain("2020-03-11 at the earliest");
    await setNow(at("2020-03-11"));
    expect((await post("/plans/consulted/launch", {})).json()).toMatchObject({ status: "active" });
    const launch = await t.db.pool.query(
      "SELECT entry FROM log_outbox WHERE kind = 'plan_status' AND entry ->> 'plan' = 'consulted' AND entry ->> 'status' = 'active'",
    );
    expect(launch.rows).toHaveLength(1);
    expect(launch.rows[0].entry.terms).toEqual([
      { effective: "2018-10-16", rulesSha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);
  });

  it("huzhu audit's governance check passes, and names a version slipped in behind the trigger", async () => {
    expect(await auditGovernance(t.db.pool)).toEqual([]);
    process.env.DATABASE_URL = t.db.url;
    process.env.HUZHU_DATA_DIR = t.deps.dataDir;
    const passed = await runCli(["audit"]);
    expect(passed.stderr).toBe("");
    expect(passed.code).toBe(0);
    const c = await t.db.pool.connect();
    try {
      // an attacker with the database switches the triggers off
      await c.query("SET session_replication_role = replica");
      await c.query(
        "INSERT INTO rule_versions (plan_id, effective, rules) SELECT plan_id, '2020-03-20', rules FROM rule_versions WHERE plan_id = 'meituan' LIMIT 1",
      );
      await c.query("SET session_replication_role = origin");
    } finally {
      c.release();
    }
    expect(await auditGovernance(t.db.pool)).toEqual([
      "plan meituan version 2020-03-20 is not in the launched terms and the log ties it to no adopted proposal",
    ]);
    const failed = await runCli(["audit"]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain("plan meituan version 2020-03-20 is not in the launched terms");
  });
});
