import type { ServiceDeps } from "../deps.ts";
import { obj, str } from "../domain/json-schema.ts";
import { fail } from "../errors.ts";
import type { RoutePlugin } from "../http/routes/index.ts";
import { problems } from "../http/schema.ts";
import { limits } from "../limits.ts";
import { listMigrations } from "../store/migrate.ts";
import { observabilityRepository as repo } from "./observability.repository.ts";

const tags = ["operations"];

/** What keeps this server from serving, each named; empty when ready. */
export async function notReady(deps: ServiceDeps): Promise<string[]> {
  try {
    await repo.ping(deps.pool);
  } catch (e) {
    return [`the database does not answer: ${(e as Error).message}`];
  }
  const wanted = listMigrations().map((m) => m.version);
  const applied = new Set(await repo.appliedMigrations(deps.pool));
  const missing = wanted.filter((v) => !applied.has(v));
  const why: string[] = [];
  if (missing.length > 0) why.push(`migrations not applied: ${missing.join(", ")}`);
  const log = await repo.logState(deps.pool);
  if (log.oldestPendingSeconds > limits.sequencerLagSecondsMax)
    why.push(
      `the log sequencer is ${Math.round(log.oldestPendingSeconds)} s behind (bound ${limits.sequencerLagSecondsMax} s, ${log.pending} facts waiting)`,
    );
  return why;
}

/** Liveness and readiness for the orchestrator (issue 20): no sign-in, nothing personal. */
export const healthRoutes: RoutePlugin = (app, deps) => {
  app.get(
    "/healthz",
    { schema: { tags, summary: "Alive: the process answers", response: { 200: obj({ status: str }) } } },
    async () => ({ status: "alive" }),
  );
  app.get(
    "/readyz",
    {
      schema: {
        tags,
        summary:
          "Ready: the database answers, the migrations are current, the log sequencer is within its bound",
        response: { 200: obj({ status: str }), ...problems(503) },
      },
    },
    async () => {
      const why = await notReady(deps);
      if (why.length > 0) fail("not_ready", why.join("; "));
      return { status: "ready" };
    },
  );
};
