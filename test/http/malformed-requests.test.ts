import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signWebhook } from "../../src/payments/webhook-signature.ts";
import { registerMember, residentId, staffToken, type TestApp, testApp } from "../support/app.ts";
import { type GeneratedRequest, type Operation, operationsOf, requestFor } from "../support/malformed.ts";

/**
 * Malformed requests generated from the API's own OpenAPI document, for every route, as anonymous, a member
 * and every staff role: none may answer 5xx, and every 4xx is problem+json with its registered status.
 * `npm test` runs a seeded, bounded sample; `npm run test:full` raises the count (HUZHU_FUZZ_RUNS).
 */
const RUNS = Number(process.env.HUZHU_FUZZ_RUNS ?? 2_500);
/** Time for the sample on a busy machine (about 10 ms a request), never a timing assertion. */
const TIMEOUT_MS = 60_000 + RUNS * 40;
const SEED = Number(process.env.HUZHU_FUZZ_SEED ?? 20261201);

let t: TestApp;
let operations: Operation[];
const principals: Record<string, Record<string, string>> = { anonymous: {} };

beforeAll(async () => {
  t = await testApp();
  const m = await registerMember(t, "13800000001", residentId("1985-06-01", 1), "王小明");
  principals.member = m.auth;
  for (const role of ["operator", "reviewer", "investigator", "auditor", "admin"] as const)
    principals[role] = await staffToken(t, [role]);
  await seed(m);
  operations = operationsOf((await t.app.inject({ method: "GET", url: "/openapi.json" })).json());
});
afterAll(async () => {
  await t.close();
});

/** A participation, a claim with a document and a proposal, so that ids 1 and 2 reach the use cases. */
async function seed(m: Awaited<ReturnType<typeof registerMember>>) {
  const post = (url: string, headers: Record<string, string>, payload: object) =>
    t.app.inject({ method: "POST", url, headers, payload });
  const join = await post("/participations", m.auth, {
    memberId: m.memberId,
    planId: "xianghubao",
    answers: { major_illness: false, hospitalised: false },
    answersVersion: "V2",
  });
  const participationId = join.json().participationId;
  const claim = await post("/claims", m.auth, { participationId, event: "major", diagnosedOn: "2020-03-01" });
  const doc = await t.app.inject({
    method: "POST",
    url: `/claims/${claim.json().claimId}/documents`,
    headers: { ...m.auth, "content-type": "application/pdf" },
    payload: Buffer.from("%PDF-1.4\n%%EOF\n"),
  });
  const proposal = await post("/proposals", principals.operator!, {
    planId: "xianghubao",
    title: "一个提议",
    text: "理由",
  });
  for (const r of [join, claim, doc, proposal]) if (r.statusCode !== 201) throw new Error(r.body);
}

/** Every other webhook is correctly signed, so that malformed events get past the signature. */
function signed(op: Operation, req: GeneratedRequest, i: number): Record<string, string> {
  if (op.path !== "/payments/webhook" || typeof req.payload !== "string" || i % 2 === 1) return {};
  return { "x-signature": signWebhook(t.deps.webhookSecret, req.payload, Math.floor(t.clock.now() / 1000)) };
}

type Failure = { route: string; as: string; status: number; why: string; request: string };

/** Why an answer breaks the contract, or undefined when it keeps it. */
function broken(status: number, contentType: string, body: string): string | undefined {
  // /readyz's 503 answers about the server (here: no sequencer runs), not about the input
  if (status === 503 && body.includes('"code":"not_ready"')) return undefined;
  if (status >= 500) return `server error: ${body.slice(0, 200)}`;
  if (status < 400) return undefined;
  if (!contentType.startsWith("application/problem+json")) return `a ${status} that is not problem+json`;
  const p = JSON.parse(body) as { status?: number; code?: string; title?: string };
  if (p.status !== status || !p.code) return `a problem whose status or code is wrong: ${body.slice(0, 200)}`;
  if (p.title === p.code) return `an unregistered problem code "${p.code}"`;
  return undefined;
}

describe("malformed requests generated from /openapi.json", () => {
  it("covers every route the API publishes", () => {
    // a route without any declared input still gets malformed paths, queries and bodies
    expect(operations.length).toBeGreaterThan(70);
  });

  it(
    `never answer 5xx, and every 4xx is a registered problem (${RUNS} requests, seed ${SEED})`,
    async () => {
      const arbitrary = fc.tuple(
        fc.constantFrom(...operations).chain((op) => requestFor(op).map((req) => ({ op, req }))),
        fc.constantFrom(...Object.keys(principals)),
      );
      const samples = fc.sample(arbitrary, { seed: SEED, numRuns: RUNS });
      const failures: Failure[] = [];
      const covered = new Set<string>();
      for (const [i, [{ op, req }, as]] of samples.entries()) {
        const r = await t.app.inject({
          method: op.method,
          url: req.url,
          headers: { ...req.headers, ...principals[as], ...signed(op, req, i) },
          ...(req.payload === undefined ? {} : { payload: req.payload }),
        });
        covered.add(`${op.method} ${op.path}`);
        const why = broken(r.statusCode, String(r.headers["content-type"] ?? ""), r.body);
        if (why)
          failures.push({
            route: `${op.method} ${op.path}`,
            as,
            status: r.statusCode,
            why,
            request: `${req.url.slice(0, 120)} ${JSON.stringify(req.headers).slice(0, 120)} ${String(req.payload ?? "").slice(0, 120)}`,
          });
      }
      // distinct failures first, so a regression reads as one line per cause
      const distinct = [...new Map(failures.map((f) => [`${f.route} ${f.status} ${f.why}`, f])).values()];
      expect(distinct).toEqual([]);
      expect(covered.size).toBe(operations.length);
    },
    TIMEOUT_MS,
  );
});
