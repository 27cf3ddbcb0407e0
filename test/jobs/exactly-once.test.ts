import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Worker } from "../../src/jobs/worker.ts";
import { approveCase, enrolMembers, type TestApp, testApp } from "../support/app.ts";
import { queuesDrained, secondServer, testWorker } from "../support/jobs.ts";

let t: TestApp;
let other: Awaited<ReturnType<typeof secondServer>>;
let workers: Worker[] = [];

// 2020-01-07 10:00 Shanghai: an announcement day of 美团互助 (the 7th and the 21st), whose members may
// confirm each share: those who do are notified of it, once each (and by SMS if they asked).
beforeAll(async () => {
  t = await testApp({ nowMs: Date.UTC(2020, 0, 7, 2), presets: ["meituan"], provider: { failureRate: 0 } });
  other = await secondServer(t);
  const terms = { coveredFrom: "2019-07-01", ruleVersion: "2019-04-01" };
  const { parts, registered } = await enrolMembers(t, 6, "meituan", "1370000000", "1990-01-01", 901, terms);
  // through either server: they share one database
  for (const [i, app] of [t.app, other.app].entries()) {
    const r = await app.inject({
      method: "PUT",
      url: `/participations/${parts[i]}/share-mode`,
      headers: registered[i]!.auth,
      payload: { mode: "confirm" },
    });
    expect(r.statusCode).toBe(200);
  }
  const prefs = await other.app.inject({
    method: "PUT",
    url: "/notifications/preferences",
    headers: registered[1]!.auth,
    payload: { sms: true, email: false, kinds: ["cycle_charge"] },
  });
  expect(prefs.statusCode).toBe(200);
  await approveCase(t, parts[5]!, 300, "2020-01-05");
  workers = [await testWorker(t.deps, t.db.url), await testWorker(other.deps, t.db.url)];
});
afterAll(async () => {
  for (const w of workers) await w.stop();
  await other?.close();
  await t?.close();
});

const count = async (sql: string) => (await t.db.pool.query<{ n: number }>(sql)).rows[0]!.n;

/** Everything a cycle writes, counted, to compare before and after ticking again. */
async function footprint() {
  return {
    cycles: await count("SELECT count(*)::int AS n FROM cycles"),
    shares: await count("SELECT count(*)::int AS n FROM cycle_shares"),
    ledger: await count("SELECT count(*)::int AS n FROM ledger_transactions"),
    postings: await count("SELECT count(*)::int AS n FROM ledger_postings"),
    logEntries: await count("SELECT count(*)::int AS n FROM log_entries"),
    logHeads: await count("SELECT count(*)::int AS n FROM log_heads"),
    notifications: await count("SELECT count(*)::int AS n FROM notifications"),
    sms: await count("SELECT count(*)::int AS n FROM sms_outbox"),
  };
}

/** Jobs that failed, or failed once and were retried: a race between the workers shows here first. */
async function troubledJobs() {
  const { rows } = await t.db.pool.query(
    "SELECT name, singleton_key, state, retry_count FROM pgboss.job WHERE state = 'failed' OR retry_count > 0",
  );
  return rows;
}

async function tickBoth(): Promise<void> {
  await Promise.all(workers.map((w) => w.tick()));
  await queuesDrained(workers[0]!);
}

describe("two servers and two workers on one database: every scheduled effect happens once", () => {
  it("one tick from each worker runs the due cycle once, logs it once and notifies once", async () => {
    await tickBoth();
    const cycles = async () =>
      (await t.db.pool.query("SELECT plan_id, announced_on::text AS d, status FROM cycles ORDER BY cycle_id"))
        .rows;
    // the 7th is the announcement only; the collection is on the 14th
    expect(await cycles()).toEqual([{ plan_id: "meituan", d: "2020-01-07", status: "announced" }]);
    expect(await count("SELECT count(*)::int AS n FROM log_entries WHERE kind = 'cycle_result'")).toBe(0);
    t.clock.set(Date.UTC(2020, 0, 14, 2));
    await tickBoth();
    expect(await cycles()).toEqual([{ plan_id: "meituan", d: "2020-01-07", status: "disclosed" }]);
    expect(await count("SELECT count(*)::int AS n FROM log_outbox")).toBe(0); // sequenced
    for (const kind of ["announcement", "cycle_share_root", "cycle_result"])
      expect(await count(`SELECT count(*)::int AS n FROM log_entries WHERE kind = '${kind}'`), kind).toBe(1);
    expect(
      await count(
        "SELECT count(*)::int AS n FROM (SELECT idem_key FROM ledger_transactions GROUP BY 1 HAVING count(*) > 1) d",
      ),
    ).toBe(0);
    expect(
      await count(
        "SELECT count(*)::int AS n FROM (SELECT size FROM log_heads GROUP BY 1 HAVING count(*) > 1) d",
      ),
    ).toBe(0);
    expect(await count("SELECT (max(idx) + 1 - count(*))::int AS n FROM log_entries")).toBe(0); // 0…n−1, none twice
    // the two members who confirm, asked once each; the one who asked for SMS, texted once
    expect(await count("SELECT count(*)::int AS n FROM notifications WHERE kind = 'cycle_charge'")).toBe(2);
    expect(await count("SELECT count(*)::int AS n FROM sms_outbox WHERE body LIKE '%本期分摊待确认%'")).toBe(
      1,
    );
    expect(
      await count(
        `SELECT count(*)::int AS n FROM (SELECT member_id, plan_id, kind, title, body FROM notifications
           GROUP BY 1, 2, 3, 4, 5 HAVING count(*) > 1) d`,
      ),
    ).toBe(0);
    expect(await troubledJobs()).toEqual([]);
  });

  it("ticking again, from both, changes nothing", async () => {
    const before = await footprint();
    await tickBoth();
    await tickBoth();
    expect(await footprint()).toEqual(before);
    expect(await troubledJobs()).toEqual([]);
  });

  it("after downtime the workers catch up: each missed cycle once, in calendar order", async () => {
    // on 2020-02-07: the 21 January cycle (announced on the 21st, collected on the 28th) was missed,
    // and 7 February's announcement is due today, its collection on the 14th
    t.clock.set(Date.UTC(2020, 1, 7, 2));
    await tickBoth();
    const cycles = await t.db.pool.query(
      "SELECT announced_on::text AS d, status FROM cycles ORDER BY cycle_id",
    );
    expect(cycles.rows).toEqual([
      { d: "2020-01-07", status: "disclosed" },
      { d: "2020-01-21", status: "disclosed" },
      { d: "2020-02-07", status: "announced" },
    ]);
    expect(await count("SELECT count(*)::int AS n FROM log_entries WHERE kind = 'cycle_result'")).toBe(2);
    expect(await troubledJobs()).toEqual([]);
  });
});
