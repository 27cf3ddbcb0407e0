import { describe, expect, it } from "vitest";
import { requestContext } from "../../src/observability/request-context.ts";
import { enrolMembers, staffToken } from "../support/app.ts";
import { runDueOn } from "../support/cycles.ts";
import { useTestApp } from "../support/use-app.ts";

const t = useTestApp({ logLevel: "info" });

describe("health", () => {
  it("answers alive, and ready while the database, migrations and sequencer are fine", async () => {
    const alive = await t.app.inject({ method: "GET", url: "/healthz" });
    expect(alive.statusCode).toBe(200);
    expect(alive.json()).toEqual({ status: "alive" });
    const ready = await t.app.inject({ method: "GET", url: "/readyz" });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: "ready" });
  });

  it("is not ready, saying why, with a migration missing or the sequencer behind its bound", async () => {
    const pool = t.db.pool;
    await pool.query("DELETE FROM schema_migrations WHERE version = 110");
    // a fact committed two minutes ago and not sequenced (the bound is 60 s)
    await pool.query(
      "INSERT INTO log_outbox (kind, entry, created_at) VALUES ('test', '{}', clock_timestamp() - interval '2 minutes')",
    );
    try {
      const r = await t.app.inject({ method: "GET", url: "/readyz" });
      expect(r.statusCode).toBe(503);
      expect(r.headers["content-type"]).toContain("application/problem+json");
      expect(r.json().detail).toContain("migrations not applied: 110");
      expect(r.json().detail).toMatch(
        /the log sequencer is 1\d\d s behind \(bound 60 s, \d+ facts waiting\)/,
      );
    } finally {
      await pool.query("INSERT INTO schema_migrations (version, name) VALUES (110, 'app_clock')");
      await pool.query("DELETE FROM log_outbox WHERE kind = 'test'");
    }
    expect((await t.app.inject({ method: "GET", url: "/readyz" })).statusCode).toBe(200);
  });
});

describe("request ids", () => {
  it("gives every response one, keeps a caller's plain token, replaces anything else, and logs it", async () => {
    const fresh = await t.app.inject({ method: "GET", url: "/plans" });
    const id = String(fresh.headers["x-request-id"]);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(t.logs.some((l) => l.includes(`"requestId":"${id}"`) && l.includes("request completed"))).toBe(
      true,
    );
    const kept = await t.app.inject({
      method: "GET",
      url: "/nowhere",
      headers: { "x-request-id": "proxy-1234abcd" },
    });
    expect(kept.statusCode).toBe(404);
    expect(kept.headers["x-request-id"]).toBe("proxy-1234abcd");
    const replaced = await t.app.inject({
      method: "GET",
      url: "/plans",
      headers: { "x-request-id": 'a"b c' },
    });
    expect(replaced.headers["x-request-id"]).not.toBe('a"b c');
    expect(String(replaced.headers["x-request-id"])).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("is on the lines services write for the request (deps.logger), once", () => {
    requestContext.run({ requestId: "req-for-test-1" }, () => t.deps.logger.info("a service line"));
    const line = t.logs.find((l) => l.includes("a service line"))!;
    expect(JSON.parse(line).requestId).toBe("req-for-test-1");
    expect(line.split('"requestId"').length).toBe(2);
  });
});

describe("/metrics", () => {
  it("counts requests by route template and status, and reads the queues, log, claims and payments", async () => {
    await t.app.inject({ method: "GET", url: "/plans/xianghubao" });
    await t.app.inject({ method: "GET", url: "/plans/no-such-plan" });
    const r = await t.app.inject({ method: "GET", url: "/metrics" });
    expect(r.statusCode).toBe(200);
    expect(r.headers["content-type"]).toContain("text/plain");
    const text = r.body;
    expect(text).toMatch(
      /huzhu_http_requests_total\{method="GET",route="\/plans\/:planId",status="200"\} 1\n/,
    );
    expect(text).toMatch(
      /huzhu_http_requests_total\{method="GET",route="\/plans\/:planId",status="404"\} 1\n/,
    );
    expect(text).toContain("huzhu_http_request_duration_seconds_bucket");
    expect(text).not.toContain("no-such-plan"); // values never become labels
    expect(text).toMatch(/huzhu_log_entries \d+/);
    expect(text).toMatch(/huzhu_log_sequencer_pending \d+/);
    expect(text).toMatch(/huzhu_claims_past_deadline\{deadline="review"\} 0/);
    expect(text).toContain("huzhu_process_cpu_user_seconds_total");
  });

  it("records each cycle step's duration and rows, by plan and kind", async () => {
    // 3 members of xianghubao and no case: each step still runs, and is timed
    await enrolMembers(t, 3, "xianghubao", "1390000000", "1990-01-01", 1);
    // the scheduler's pass on the 14th catches up the 7th's announcement, then collects
    await runDueOn(t, "xianghubao", "2020-03-14", "2020-03-01");
    const text = (await t.app.inject({ method: "GET", url: "/metrics" })).body;
    expect(text).toMatch(
      /huzhu_cycle_step_duration_seconds_count\{plan="xianghubao",kind="announce"\} [1-9]/,
    );
    expect(text).toMatch(/huzhu_cycle_step_duration_seconds_count\{plan="xianghubao",kind="collect"\} [1-9]/);
  });

  it("gives nothing personal: its labels are routes, queues, plans, kinds and states only", async () => {
    const r = await t.app.inject({ method: "GET", url: "/metrics", headers: await staffToken(t, ["admin"]) });
    expect(r.statusCode).toBe(200);
    const labels = new Set([...r.body.matchAll(/[{,]([a-zA-Z_]+)="/g)].map((m) => m[1]));
    const allowed = ["method", "route", "status", "queue", "deadline", "kind", "plan", "outcome", "le"];
    // prom-client's own process metrics label versions and heap spaces
    const processLabels = ["version", "major", "minor", "patch", "space", "type"];
    expect([...labels].filter((l) => !allowed.includes(l!) && !processLabels.includes(l!))).toEqual([]);
    expect(labels.has("route")).toBe(true);
  });
});
