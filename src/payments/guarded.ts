import type { Clock } from "../domain/clock.ts";
import { fail } from "../errors.ts";
import { limits } from "../limits.ts";
import { paymentUnknownAnswers } from "../observability/process-metrics.ts";
import type { Db } from "../store/db.ts";
import { inDoubtRepository, type LostCause } from "./in-doubt.repository.ts";
import { type PaymentProvider, type PaymentRequest, type PaymentResult, PaymentTimeout } from "./port.ts";

/** Socket errors that mean the provider was not reached, or the connection broke before its answer. */
const UNREACHABLE = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "ETIMEDOUT",
  "EPIPE",
  "EAI_AGAIN",
]);

function lostCause(e: unknown): LostCause | undefined {
  if (e instanceof PaymentTimeout) return "timeout";
  const code = (e as { code?: unknown } | undefined)?.code;
  return typeof code === "string" && UNREACHABLE.has(code) ? "unreachable" : undefined;
}

/** The call's answer, or PaymentTimeout after `ms` (a late answer is dropped: its key is in doubt). */
async function bounded<T>(call: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PaymentTimeout(`no answer to ${what} within ${ms} ms`)), ms);
  });
  call.catch(() => {});
  try {
    return await Promise.race([call, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const unavailable = (what: string, cause: LostCause): never =>
  fail(
    "payment_provider_unavailable",
    `the payment provider ${cause === "timeout" ? "did not answer in time" : "cannot be reached"} (${what}); nothing is sent twice: what is in doubt is asked about before it is sent again`,
  );

export type GuardOptions = {
  readonly pool: Db;
  readonly clock: Clock;
  readonly timeoutMs?: number;
  readonly batchTimeoutMs?: number;
};

/**
 * The provider as the use cases call it. Every call is bounded by a timeout. A request whose answer is
 * lost — the call timed out, the provider could not be reached or the connection broke — is recorded in
 * doubt (payment_in_doubt): it may have been executed. A key in doubt is asked about (`query`) before it
 * is sent again, so a retry never charges twice even where a provider would not answer a replay alike:
 * a known answer (paid, refused, still pending) is that request's answer; only a key the provider says
 * it never received is sent. A batch whose answer is lost fails the step (503
 * payment_provider_unavailable) with nothing recorded of it; the step's next run asks first.
 * Everything else of the provider (webhooks, mandates) passes through.
 */
export function guardProvider<P extends PaymentProvider>(inner: P, o: GuardOptions): P {
  const timeoutMs = o.timeoutMs ?? limits.paymentTimeoutMs;
  const batchTimeoutMs = o.batchTimeoutMs ?? limits.paymentBatchTimeoutMs;

  async function ask(key: string): Promise<PaymentResult | { status: "unknown" }> {
    try {
      return await bounded(inner.query(key), timeoutMs, `a query of ${key}`);
    } catch (e) {
      const cause = lostCause(e);
      return cause ? unavailable(`a query of ${key}`, cause) : Promise.reject(e);
    }
  }

  /**
   * The keys in doubt among these, asked about first: what the provider knows, by key (no longer in
   * doubt), and the keys it never received (in doubt until they are sent and answered).
   */
  async function settleDoubts(keys: readonly string[]) {
    const known = new Map<string, PaymentResult>();
    const unknown: string[] = [];
    for (const key of await inDoubtRepository.among(o.pool, keys)) {
      const answer = await ask(key);
      if (answer.status === "unknown") unknown.push(key);
      else known.set(key, answer);
    }
    await inDoubtRepository.clear(o.pool, [...known.keys()]);
    return { known, unknown };
  }

  /** Sends; a lost answer puts the requests in doubt (and counts them) before the error goes on. */
  async function send<T>(reqs: readonly PaymentRequest[], call: () => Promise<T>, ms: number): Promise<T> {
    try {
      return await bounded(call(), ms, `${reqs.length} request(s)`);
    } catch (e) {
      const cause = lostCause(e);
      if (!cause) throw e;
      await inDoubtRepository.mark(o.pool, reqs, cause, new Date(o.clock.now()));
      for (const r of reqs) paymentUnknownAnswers.inc({ kind: r.kind, cause });
      throw e;
    }
  }

  const guarded: Pick<PaymentProvider, "execute" | "executeBatch" | "query"> = {
    async execute(req) {
      const { known, unknown } = await settleDoubts([req.key]);
      const answer = known.get(req.key);
      if (answer) return answer;
      try {
        const result = await send([req], () => inner.execute(req), timeoutMs);
        await inDoubtRepository.clear(o.pool, unknown);
        return result;
      } catch (e) {
        // a timeout stays PaymentTimeout (the caller queries, as the port says); a refusal is a 503
        return lostCause(e) === "unreachable" ? unavailable(req.key, "unreachable") : Promise.reject(e);
      }
    },
    async executeBatch(reqs) {
      if (reqs.length === 0) return [];
      const { known, unknown } = await settleDoubts(reqs.map((r) => r.key));
      const rest = reqs.filter((r) => !known.has(r.key));
      let answers: PaymentResult[] = [];
      try {
        if (rest.length > 0) answers = await send(rest, () => inner.executeBatch(rest), batchTimeoutMs);
      } catch (e) {
        const cause = lostCause(e);
        return cause ? unavailable(`a batch of ${rest.length} debits`, cause) : Promise.reject(e);
      }
      await inDoubtRepository.clear(o.pool, unknown);
      const sent = new Map(rest.map((r, k) => [r.key, answers[k]!]));
      return reqs.map((r) => known.get(r.key) ?? sent.get(r.key)!);
    },
    async query(key) {
      const answer = await ask(key);
      if (answer.status !== "unknown") await inDoubtRepository.clear(o.pool, [key]);
      return answer;
    },
  };
  return new Proxy(inner, {
    get(target, prop) {
      if (prop === "execute" || prop === "executeBatch" || prop === "query") return guarded[prop];
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
