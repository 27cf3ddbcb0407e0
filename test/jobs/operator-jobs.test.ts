import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { staffToken } from "../support/app.ts";
import { useTestApp } from "../support/use-app.ts";

const t = useTestApp();

/** A job as pg-boss leaves one: failed after its retries (with its error), or due and never started. */
async function job(state: "failed" | "created", queue: string, startedMinutesAgo: number): Promise<string> {
  const { rows } = await t.db.pool.query(
    `INSERT INTO pgboss.job (name, state, data, start_after, output, retry_count, retry_limit)
     VALUES ($1, $2, '{}', clock_timestamp() - make_interval(mins => $3), $4, 3, 3) RETURNING id::text`,
    [
      queue,
      state,
      startedMinutesAgo,
      state === "failed" ? { message: "boom: no answer", stack: "at secret (x.ts:1)" } : null,
    ],
  );
  return rows[0].id;
}

describe("failed and late jobs for operators", () => {
  it("lists failed jobs with their message only, late ones with their delay, and retries a failed one once", async () => {
    const failed = await job("failed", "claims.sweep", 1);
    const late = await job("created", "purge.auth", 10); // 600 s late; the bound is 300 s
    await job("created", "purge.idempotency", 1); // 60 s: not late
    const auth = await staffToken(t, ["operator"]);
    const f = await t.app.inject({ method: "GET", url: "/operations/jobs?state=failed", headers: auth });
    expect(f.statusCode).toBe(200);
    const listed = f.json().items.find((j: { id: string }) => j.id === failed);
    expect(listed).toMatchObject({
      queue: "claims.sweep",
      state: "failed",
      error: "boom: no answer",
      retryCount: 3,
    });
    expect(JSON.stringify(f.json())).not.toContain("secret"); // never the stack
    const l = await t.app.inject({ method: "GET", url: "/operations/jobs?state=late", headers: auth });
    const ids = l.json().items.map((j: { id: string }) => j.id);
    expect(ids).toEqual([late]);
    expect(l.json().items[0].lateSeconds).toBeGreaterThanOrEqual(600);

    const r = await t.app.inject({ method: "POST", url: `/operations/jobs/${failed}/retry`, headers: auth });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ state: "retry", retryLimit: 4 });
    const again = await t.app.inject({
      method: "POST",
      url: `/operations/jobs/${failed}/retry`,
      headers: auth,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("job_not_failed");
    // in the audit trail, as every staff mutation
    const { rows } = await t.db.pool.query(
      "SELECT count(*)::int AS n FROM audit_trail WHERE action = 'POST /operations/jobs/:id/retry'",
    );
    expect(rows[0].n).toBe(2);
  });

  it("refuses members and unknown roles, a bad state, a bad id and an unknown job", async () => {
    const auth = await staffToken(t, ["operator"]);
    const reviewer = await staffToken(t, ["reviewer"]);
    expect((await t.app.inject({ method: "GET", url: "/operations/jobs?state=failed" })).statusCode).toBe(
      401,
    );
    expect(
      (await t.app.inject({ method: "GET", url: "/operations/jobs?state=failed", headers: reviewer }))
        .statusCode,
    ).toBe(403);
    const auditor = await staffToken(t, ["auditor"]);
    expect(
      (await t.app.inject({ method: "GET", url: "/operations/jobs?state=late", headers: auditor }))
        .statusCode,
    ).toBe(200);
    expect(
      (
        await t.app.inject({
          method: "POST",
          url: `/operations/jobs/${"0".repeat(8)}-0000-4000-8000-000000000000/retry`,
          headers: auditor,
        })
      ).statusCode,
    ).toBe(403);
    const bad = await t.app.inject({ method: "GET", url: "/operations/jobs?state=stuck", headers: auth });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe("state");
    expect(
      (await t.app.inject({ method: "POST", url: "/operations/jobs/not-a-uuid/retry", headers: auth }))
        .statusCode,
    ).toBe(400);
    const none = await t.app.inject({
      method: "POST",
      url: "/operations/jobs/00000000-0000-4000-8000-000000000000/retry",
      headers: auth,
    });
    expect(none.statusCode).toBe(404);
  });
});

describe("huzhu jobs", () => {
  const huzhu = (args: string[]) =>
    spawnSync(process.execPath, ["bin/huzhu.mjs", ...args], {
      env: { ...process.env, DATABASE_URL: t.db.url, LOG_LEVEL: "silent" },
      encoding: "utf8",
    });

  it("lists failed jobs and retries one on the same database as the server", async () => {
    const id = await job("failed", "cycles.step", 2);
    const listed = huzhu(["jobs", "failed"]);
    expect(listed.status).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`${id}  cycles.step  failed  tries 3/3 .* boom: no answer`));
    const retried = huzhu(["jobs", "retry", id]);
    expect(retried.status).toBe(0);
    expect(retried.stdout).toContain(`${id}  cycles.step  retry  tries 3/4`);
  });

  it("refuses a malformed id in one line with exit 2, and an unknown job likewise", () => {
    const bad = huzhu(["jobs", "retry", "nope"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split("\n")).toEqual(["huzhu: jobs retry: nope is not a job id (a UUID)"]);
    const unknown = huzhu(["jobs", "retry", "00000000-0000-4000-8000-000000000000"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("no job 00000000-0000-4000-8000-000000000000");
  });
});
