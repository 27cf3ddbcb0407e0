import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { civilDate } from "../../src/domain/calendar.ts";
import { importMembers } from "../../src/import/import.ts";
import { depositSourceProblem } from "../../src/import/rows.ts";
import { auditFacts } from "../../src/log/facts-audit.ts";
import { sequenceLog } from "../../src/log/sequencer.ts";
import { decryptPersonalRecord, lookupHash, pseudonymOf } from "../../src/secrets.ts";
import { registerMember, residentId, type TestApp, testApp } from "../support/app.ts";

let t: TestApp;
const dir = mkdtempSync(join(tmpdir(), "huzhu-import-"));
const csv = (name: string, lines: string[]) => {
  const path = join(dir, name);
  const header = "name,mobile,resident_id,plan_id,tier,joined_on,invitation_code";
  writeFileSync(path, `${[header, ...lines].join("\n")}\n`);
  return path;
};
const today = civilDate("2020-03-01");
/** A file with the optional deposit column. */
const csvDeposits = (name: string, lines: string[]) => {
  const path = join(dir, name);
  writeFileSync(
    path,
    `name,mobile,resident_id,plan_id,tier,joined_on,invitation_code,deposit_fen\n${lines.join("\n")}\n`,
  );
  return path;
};

beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.close();
});

describe("huzhu members import", () => {
  it("reports every bad row with its line number and imports nothing", async () => {
    const existing = residentId("1980-01-01", 901);
    await registerMember(t, "13300000001", existing);
    const good = residentId("1990-01-01", 903);
    const wrongCheck =
      residentId("1990-01-02", 905).slice(0, 17) + (residentId("1990-01-02", 905).endsWith("1") ? "2" : "1");
    const path = csv("bad.csv", [
      `甲,13300000010,${good},xianghubao,standard,2020-01-01`, // line 2: fine
      `乙,13300000011,${wrongCheck},xianghubao,standard,2020-01-01`, // line 3: checksum
      `丙,13300000012,${good},xianghubao,standard,2020-01-01`, // line 4: same person as line 2
      `,13300000013,${residentId("1991-01-01", 907)},xianghubao,standard,2020-01-01`, // line 5: missing name
      `丁,13300000014,${residentId("1991-01-01", 909)},nope,,2020-01-01`, // line 6: unknown plan
      `戊,13300000015,${residentId("1991-01-01", 911)},xianghubao,gold,2020-01-01`, // line 7: unknown tier
      `己,13300000016,${residentId("1950-01-01", 913)},xianghubao,standard,2020-01-01`, // line 8: age 70
      `庚,13300000017,${existing},xianghubao,standard,2020-01-01`, // line 9: already has an account
      `辛,13300000018,${residentId("1991-01-01", 915)},xianghubao,standard,2021-02-29`, // line 10: no such date
    ]);
    const before = (await t.db.pool.query("SELECT count(*)::int AS n FROM members")).rows[0].n;
    const r = await importMembers(t.db.pool, t.deps.secrets, path, today);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.line, p.field])).toEqual([
      [3, "resident_id"],
      [4, "resident_id"],
      [5, "name"],
      [6, "plan_id"],
      [7, "tier"],
      [8, "resident_id"],
      [9, "resident_id"],
      [10, "joined_on"],
    ]);
    expect(r.problems.find((p) => p.line === 4)?.message).toBe("the same person as line 2");
    expect((await t.db.pool.query("SELECT count(*)::int AS n FROM members")).rows[0].n).toBe(before);
  });

  it("loads good rows set-based, encrypted, with waiting periods computed", async () => {
    const path = csv("good.csv", [
      `周一,13300000020,${residentId("1990-02-02", 921)},xianghubao,basic,2020-01-01`,
      `周二,13300000021,${residentId("2010-02-02", 923)},kangai,,2020-02-01,KANGAI-IMPORT-1`,
    ]);
    // kangai requires an invitation code since issue 17 (the row carries one the plan issued)
    await t.db.pool.query(
      "INSERT INTO invitation_codes (plan_id, code) VALUES ('kangai', 'KANGAI-IMPORT-1')",
    );
    const r = await importMembers(t.db.pool, t.deps.secrets, path, today);
    expect(r).toEqual({ ok: true, members: 2, participations: 2 });
    const { rows } = await t.db.pool.query(
      `SELECT m.name_masked, m.mobile_masked, m.birth_date, p.plan_id, p.tier, p.joined_on, p.covered_from, p.rule_version
       FROM members m JOIN participations p USING (member_id) WHERE m.mobile_masked IN ('133****0020', '133****0021') ORDER BY m.member_id`,
    );
    expect(rows).toEqual([
      // 90 days from 2020-01-01: covered from 2020-03-31
      {
        name_masked: "周*",
        mobile_masked: "133****0020",
        birth_date: "1990-02-02",
        plan_id: "xianghubao",
        tier: "basic",
        joined_on: "2020-01-01",
        covered_from: "2020-03-31",
        rule_version: "2020-01-01",
      },
      // 抗癌公社 2020 rules: 365 days from 2020-02-01 → 2021-01-31
      {
        name_masked: "周*",
        mobile_masked: "133****0021",
        birth_date: "2010-02-02",
        plan_id: "kangai",
        tier: "standard",
        joined_on: "2020-02-01",
        covered_from: "2021-01-31",
        rule_version: "2020-01-01",
      },
    ]);
    const dup = await t.db.pool.query(
      "SELECT count(DISTINCT pseudonym)::int AS n, count(*)::int AS m FROM members",
    );
    expect(dup.rows[0].n).toBe(dup.rows[0].m);
  });

  it("imports as a role that is not a superuser, the enrolments' foreign keys checked by their triggers", async () => {
    // The embedded server's superuser skips the per-row triggers and checks set-based after; an operator's
    // server may give huzhu an ordinary role, which must import the same rows.
    const { createPool } = await import("../../src/store/db.ts");
    const role = `importer_${Date.now()}`;
    await t.db.pool.query(`CREATE ROLE ${role} LOGIN PASSWORD 'pw' NOSUPERUSER`);
    await t.db.pool.query(`GRANT ALL ON ALL TABLES IN SCHEMA public TO ${role}`);
    await t.db.pool.query(`GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
    const url = new URL(t.db.url);
    url.username = role;
    url.password = "pw";
    const pool = createPool(url.toString(), 2);
    try {
      const su = await pool.query("SELECT current_setting('is_superuser') AS su");
      expect(su.rows[0].su).toBe("off");
      const path = csv("plain-role.csv", [
        `冯一,13300000050,${residentId("1992-04-04", 951)},xianghubao,standard,2020-01-01`,
        `冯二,13300000051,${residentId("1992-04-05", 953)},xianghubao,standard,2020-01-01`,
      ]);
      expect(await importMembers(pool, t.deps.secrets, path, today)).toEqual({
        ok: true,
        members: 2,
        participations: 2,
      });
      const { rows } = await t.db.pool.query(
        "SELECT count(*)::int AS n FROM members m JOIN participations p USING (member_id) WHERE m.mobile_masked IN ('133****0050', '133****0051')",
      );
      expect(rows[0].n).toBe(2);
    } finally {
      await pool.end();
      await t.db.pool.query(`DROP OWNED BY ${role}`);
      await t.db.pool.query(`DROP ROLE ${role}`);
    }
  });

  it("reports a duplicate against the database found by the fast pass's unique index, and imports nothing", async () => {
    await registerMember(t, "13300000030", residentId("1985-05-05", 931));
    const path = csv("dup-db.csv", [
      `吴一,13300000031,${residentId("1990-03-03", 933)},xianghubao,standard,2020-01-01`, // line 2: fine
      `吴二,13300000030,${residentId("1990-03-03", 935)},xianghubao,standard,2020-01-01`, // line 3: mobile taken
    ]);
    const before = (await t.db.pool.query("SELECT count(*)::int AS n FROM members")).rows[0].n;
    const r = await importMembers(t.db.pool, t.deps.secrets, path, today);
    expect(r).toEqual({
      ok: false,
      rows: 2,
      problems: [{ line: 3, field: "mobile", message: "this mobile number belongs to another member" }],
    });
    expect((await t.db.pool.query("SELECT count(*)::int AS n FROM members")).rows[0].n).toBe(before);
  });

  it("encrypts and hashes on the workers exactly as secrets.ts does, in file order across chunks", async () => {
    // 7 rows in chunks of 2 on 2 threads: 4 chunks, answered by alternating workers.
    const rows = Array.from({ length: 7 }, (_, k) => ({
      name: `郑${"甲乙丙丁戊己庚"[k]}`,
      mobile: `1330000004${k}`,
      id: residentId("1988-08-08", 941 + 2 * k),
    }));
    const path = csv(
      "chunks.csv",
      rows.map((r) => `${r.name},${r.mobile},${r.id},xianghubao,standard,2020-01-01`),
    );
    const r = await importMembers(t.db.pool, t.deps.secrets, path, today, { chunkRows: 2, threads: 2 });
    expect(r).toEqual({ ok: true, members: 7, participations: 7 });
    const { rows: got } = await t.db.pool.query(
      `SELECT m.member_id, m.id_lookup, m.personal_cipher, m.id_cipher, m.mobile_lookup, m.pseudonym,
              m.id_masked, p.member_id AS enrolled
       FROM members m JOIN participations p USING (member_id) WHERE m.mobile_masked LIKE '133****004_' ORDER BY m.member_id`,
    );
    const s = t.deps.secrets;
    // one ciphertext per person, none per field
    expect(got.map((g) => decryptPersonalRecord(s, g.personal_cipher))).toEqual(
      rows.map((x) => ({ residentId: x.id, name: x.name, mobile: x.mobile })),
    );
    expect(got.map((g) => g.id_cipher)).toEqual(rows.map(() => null));
    expect(got.map((g) => g.id_lookup)).toEqual(rows.map((x) => lookupHash(s, "resident_id", x.id)));
    expect(got.map((g) => g.mobile_lookup)).toEqual(rows.map((x) => lookupHash(s, "mobile", x.mobile)));
    expect(got.map((g) => g.pseudonym)).toEqual(got.map((g) => pseudonymOf(s, Number(g.member_id))));
    // consecutive ids, one per line
    expect(got.map((g) => Number(g.member_id) - Number(got[0].member_id))).toEqual([0, 1, 2, 3, 4, 5, 6]);
    // the sequence moved past the imported ids: the next registration gets the next one
    const next = await registerMember(t, "13300000049", residentId("1987-07-07", 961));
    expect(next.memberId).toBe(Number(got[6].member_id) + 1);
  });

  it("aborts the fast pass mid-COPY with chunks in flight, reports the bad row and imports nothing", async () => {
    // 10 good rows in chunks of 2 (5 chunks sent to the workers), then line 12 repeats line 2's person.
    const good = Array.from(
      { length: 10 },
      (_, k) =>
        `冯${k},1330000007${k},${residentId("1986-06-06", 971 + 2 * k)},xianghubao,standard,2020-01-01`,
    );
    const path = csv("late-bad.csv", [
      ...good,
      `冯十,13300000080,${residentId("1986-06-06", 971)},xianghubao,standard,2020-01-01`,
    ]);
    const before = (await t.db.pool.query("SELECT count(*)::int AS n FROM members")).rows[0].n;
    const r = await importMembers(t.db.pool, t.deps.secrets, path, today, { chunkRows: 2, threads: 2 });
    expect(r).toEqual({
      ok: false,
      rows: 11,
      problems: [{ line: 12, field: "resident_id", message: "the same person as line 2" }],
    });
    expect((await t.db.pool.query("SELECT count(*)::int AS n FROM members")).rows[0].n).toBe(before);
    // the same rows without the bad one import on the same pool afterwards
    const again = await importMembers(t.db.pool, t.deps.secrets, csv("late-good.csv", good), today, {
      chunkRows: 2,
    });
    expect(again).toEqual({ ok: true, members: 10, participations: 10 });
  });

  it("refuses a future join date, a missing or reused invitation code and a prepaid plan's first deposit, per row", async () => {
    await t.db.pool.query("INSERT INTO invitation_codes (plan_id, code) VALUES ('kangai', 'KANGAI-ROWS-1')");
    const path = csv("rules.csv", [
      `陈一,13300000090,${residentId("1990-01-01", 981)},xianghubao,standard,2020-03-02`, // line 2: tomorrow
      `陈二,13300000091,${residentId("1990-01-01", 983)},kangai,,2020-02-01`, // line 3: no code
      `陈三,13300000092,${residentId("1990-01-01", 985)},kangai,,2020-02-01,WRONG`, // line 4: not kangai's
      `陈四,13300000093,${residentId("1990-01-01", 987)},kangai,,2020-02-01,KANGAI-ROWS-1`, // line 5: fine
      `陈五,13300000094,${residentId("1990-01-01", 989)},kangai,,2020-02-01,KANGAI-ROWS-1`, // line 6: used on line 5
      `陈六,13300000095,${residentId("1990-01-01", 991)},shuidi,,2020-02-01`, // line 7: first deposit
      `陈七,13300000096,${residentId("1990-01-01", 993)},xianghubao,standard,2020-03-01`, // line 8: today is fine
    ]);
    const r = await importMembers(t.db.pool, t.deps.secrets, path, today);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.line, p.field])).toEqual([
      [2, "joined_on"],
      [3, "invitation_code"],
      [4, "invitation_code"],
      [6, "invitation_code"],
      [7, "deposit_fen"],
    ]);
    expect(r.problems[0]?.message).toBe("2020-03-02 is after today (2020-03-01)");
    expect(r.problems.find((p) => p.line === 7)?.message).toMatch(/first deposit/);
  });

  it("logs every imported join in the import's transaction, so the facts audit and the log agree", async () => {
    const path = csv("logged.csv", [
      `褚一,13300000100,${residentId("1991-03-03", 995)},xianghubao,basic,2020-01-01`,
      `褚二,13300000101,${residentId("1991-03-04", 997)},xianghubao,,2020-02-15`,
    ]);
    const r = await importMembers(t.db.pool, t.deps.secrets, path, today);
    expect(r).toEqual({ ok: true, members: 2, participations: 2 });
    await sequenceLog(t.db.pool, t.deps.logKeys, t.clock);
    const { rows } = await t.db.pool.query(
      `SELECT p.participation_id, m.pseudonym, e.canonical, ev.kind AS event
       FROM participations p JOIN members m USING (member_id)
       LEFT JOIN log_entries e ON e.kind = 'join' AND e.member = m.pseudonym
       LEFT JOIN participation_events ev ON ev.participation_id = p.participation_id
       WHERE m.mobile_masked IN ('133****0100', '133****0101') ORDER BY p.participation_id`,
    );
    expect(rows.map((x) => x.event)).toEqual(["joined", "joined"]);
    // 90 days from 2020-01-01 → 2020-03-31; from 2020-02-15 → 2020-05-15; the default tier is xianghubao's first;
    // each join is its member's first entry, so its member-chain link `prev` is null
    expect(rows.map((x) => JSON.parse(x.canonical))).toEqual([
      {
        kind: "join",
        member: rows[0].pseudonym,
        plan: "xianghubao",
        participation: Number(rows[0].participation_id),
        tier: "basic",
        joinedOn: "2020-01-01",
        coveredFrom: "2020-03-31",
        ruleVersion: "2020-01-01",
        prev: null,
      },
      {
        kind: "join",
        member: rows[1].pseudonym,
        plan: "xianghubao",
        participation: Number(rows[1].participation_id),
        tier: "standard",
        joinedOn: "2020-02-15",
        coveredFrom: "2020-05-15",
        ruleVersion: "2020-01-01",
        prev: null,
      },
    ]);
    expect(await auditFacts(t.db.pool)).toEqual([]);
  });

  it("checks each row's first deposit by the API's rules, and refuses deposits without a named source", async () => {
    // 水滴 (the 2020-01-01 version): a first deposit of 300 fen, no deposit fee
    const id = (n: number) => residentId("1992-02-02", n);
    const rows = [
      `卫一,13300000110,${id(601)},shuidi,,2020-02-01,,299`, // line 2: under the first deposit
      `卫二,13300000111,${id(603)},xianghubao,,2020-02-01,,100`, // line 3: a post-paid plan takes none
      `卫三,13300000112,${id(605)},shuidi,,2020-02-01,,3.00`, // line 4: fen, a whole number
      `卫四,13300000113,${id(607)},shuidi,,2020-02-01,,300`, // line 5: fine but for the source
      `卫五,13300000114,${id(609)},shuidi,,2020-02-01,,`, // line 6: none where one is asked
      `卫六,13300000115,${id(611)},shuidi,,2020-02-01,,0`, // line 7: zero
    ];
    const r = await importMembers(t.db.pool, t.deps.secrets, csvDeposits("deposits-bad.csv", rows), today);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.line, p.field, p.message])).toEqual([
      [2, "deposit_fen", "shuidi's first deposit is at least 300 fen"],
      [2, "deposit_fen", "a file with deposits needs their source named (--deposit-source)"],
      [3, "deposit_fen", "xianghubao takes no deposit (postPaid)"],
      [4, "deposit_fen", "a deposit is a whole number of fen, 1 to 10000000"],
      [5, "deposit_fen", "a file with deposits needs their source named (--deposit-source)"],
      [6, "deposit_fen", "shuidi needs a first deposit of 300 fen"],
      [7, "deposit_fen", "a deposit is a whole number of fen, 1 to 10000000"],
    ]);
    // nothing was written
    const { rows: none } = await t.db.pool.query("SELECT 1 FROM members WHERE mobile_masked = '133****0113'");
    expect(none).toEqual([]);
    expect(depositSourceProblem("old custodian account, transfer 2020-02-28 #42")).toBeUndefined();
    expect(depositSourceProblem("   ")).toMatch(/source named/);
    expect(depositSourceProblem("bell\u0007")).toMatch(/printable/);
    expect(depositSourceProblem("x".repeat(201))).toMatch(/at most 200/);
  });

  it("imports prepaid members with their first deposit as an offline receipt: balance, ledger, log, audit", async () => {
    const source = "old custodian account, transfer 2020-02-28 #42";
    const path = csvDeposits("deposits-good.csv", [
      `蒋一,13300000120,${residentId("1993-03-03", 621)},shuidi,,2020-02-01,,300`,
      `蒋二,13300000121,${residentId("1993-03-04", 623)},shuidi,,2020-02-10,,1000`,
      `蒋三,13300000122,${residentId("1993-03-05", 625)},xianghubao,,2020-02-10,,`, // no deposit, none asked
    ]);
    const r = await importMembers(t.db.pool, t.deps.secrets, path, today, { depositSource: source });
    expect(r).toEqual({ ok: true, members: 3, participations: 3 });
    const { rows } = await t.db.pool.query<{ mobile: string; status: string; held: number }>(
      `SELECT m.mobile_masked AS mobile, p.status,
              (SELECT coalesce(-sum(x.amount_fen), 0)::int FROM ledger_postings x
               WHERE x.account_id = 'member:' || m.member_id || ':balance') AS held
       FROM members m JOIN participations p USING (member_id)
       WHERE m.mobile_masked LIKE '133****012%' ORDER BY m.mobile_masked`,
    );
    expect(rows).toEqual([
      { mobile: "133****0120", status: "active", held: 300 },
      { mobile: "133****0121", status: "active", held: 1000 },
      { mobile: "133****0122", status: "active", held: 0 },
    ]);
    // each deposit a top-up in the ledger, its source in the memo, from the custodian's account
    const { rows: txns } = await t.db.pool.query<{ memo: string; custodian: number }>(
      `SELECT t.memo, (SELECT amount_fen::int FROM ledger_postings p WHERE p.txn_id = t.txn_id AND p.account_id = 'bank:custodian') AS custodian
       FROM ledger_transactions t WHERE t.idem_key LIKE 'import:deposit:%' ORDER BY t.txn_id`,
    );
    expect(txns).toEqual([
      { memo: `offline receipt: ${source}`, custodian: 300 },
      { memo: `offline receipt: ${source}`, custodian: 1000 },
    ]);
    const { rows: logged } = await t.db.pool.query<{ entry: Record<string, unknown> }>(
      "SELECT entry FROM log_outbox WHERE kind = 'topup' AND entry ? 'source' ORDER BY outbox_id",
    );
    expect(logged.map((l) => [l.entry.amountFen, l.entry.source, l.entry.on])).toEqual([
      [300, source, "2020-03-01"],
      [1000, source, "2020-03-01"],
    ]);
    await sequenceLog(t.db.pool, t.deps.logKeys, t.clock);
    expect(await auditFacts(t.db.pool)).toEqual([]);
  });
});
