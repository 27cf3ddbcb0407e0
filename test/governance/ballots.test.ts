import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countFromLogEntries } from "../../src/domain/governance/ballots.ts";
import { sequenceLog } from "../../src/log/sequencer.ts";
import { runCli } from "../support/cli.ts";
import { at, type Gov, govApp, type Member, reduced } from "./fixture.ts";

// src/governance/ballots.ts: ballots, the tally by the charter, and its recount from the log
let g: Gov;
let p1: number;
beforeAll(async () => {
  g = await govApp();
  p1 = (await g.propose("癌症互助金调整", reduced)).id;
  await g.post(`/proposals/${p1}/publish`, g.operator, { effectiveOn: "2020-03-16" });
});
afterAll(async () => {
  await g.t.close();
});

describe("co-deliberation with a vote", () => {
  it("one counted vote per member, changeable until the window closes; comments under a pseudonym", async () => {
    const { members, operator, post } = g;
    const vote = (m: Member, inFavour: boolean) => post(`/proposals/${p1}/ballots`, m.auth, { inFavour });
    expect((await vote(members[0]!, false)).json()).toMatchObject({ seq: 1, inFavour: false });
    expect((await vote(members[0]!, true)).json()).toMatchObject({ seq: 2, replacesEarlier: true });
    await vote(members[1]!, true);
    await vote(members[2]!, true);
    await vote(members[3]!, false);
    const c = await post(`/proposals/${p1}/comments`, members[4]!.auth, { text: "同意，但请公开精算报告" });
    expect(c.json().member).toMatch(/^[0-9a-f]{32}$/);
    const early = await post(`/proposals/${p1}/tally`, operator);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe("voting_open");
    const staffVote = await post(`/proposals/${p1}/ballots`, operator, { inFavour: true });
    expect(staffVote.statusCode).toBe(403);
  });

  it("a vote after the window is refused; the tally (3 of 4 = 75%) passes the three-quarters rule", async () => {
    const { members, operator, post } = g;
    await g.setNow(at("2020-03-08"));
    const late = await post(`/proposals/${p1}/ballots`, members[5]!.auth, { inFavour: false });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe("voting_closed");
    const t1 = await post(`/proposals/${p1}/tally`, operator);
    // member 0's last ballot is yes: 3 yes (0, 1, 2), 1 no (3); 4 of 8 eligible ≥ 5% quorum
    expect(t1.json()).toMatchObject({ state: "passed", tally: { inFavour: 3, against: 1, passed: true } });
  });

  it("the tally recomputed from the log equals the published one, and differs when a ballot is altered", async () => {
    const { t, get } = g;
    await sequenceLog(t.db.pool, t.deps.logKeys, t.clock);
    expect((await get(`/proposals/${p1}/recount`)).json()).toEqual({ inFavour: 3, against: 1, members: 4 });
    const entries = (await t.db.pool.query("SELECT canonical FROM log_entries ORDER BY idx")).rows.map(
      (r) => r.canonical as string,
    );
    const ballot = entries.findIndex((e) => e.includes(`"proposal":${p1}`) && e.includes('"inFavour":true'));
    const altered = [...entries];
    altered[ballot] = altered[ballot]!.replace('"inFavour":true', '"inFavour":false');
    expect(countFromLogEntries(altered, p1)).not.toEqual(countFromLogEntries(entries, p1));
    // and through the command, on this database and on an altered export
    process.env.DATABASE_URL = t.db.url;
    process.env.HUZHU_DATA_DIR = t.deps.dataDir;
    const ok = await runCli(["votes", "tally", "--proposal", String(p1), "--from-log"]);
    expect(ok.stdout).toContain("the published result is reproduced");
    expect(ok.code).toBe(0);
    const file = join(tmpdir(), `huzhu-altered-${process.pid}.json`);
    writeFileSync(file, JSON.stringify({ entries: altered.map((entry, index) => ({ index, entry })) }));
    const bad = await runCli(["votes", "tally", "--proposal", String(p1), "--from-log", "--file", file]);
    expect(bad.stdout).toContain("does NOT match");
    expect(bad.code).toBe(1);
    expect((await runCli(["votes", "tally", "--proposal", "x"])).code).toBe(2);
  });
});
