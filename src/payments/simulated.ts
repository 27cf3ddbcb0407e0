import { createHash } from "node:crypto";
import type { Clock } from "../domain/clock.ts";
import {
  type PaymentEvent,
  type PaymentProvider,
  type PaymentRequest,
  type PaymentResult,
  PaymentTimeout,
} from "./port.ts";
import { signWebhook } from "./webhook-signature.ts";

export type SimulatedProviderOptions = {
  /** Seed for every random choice: the same seed and keys give the same outcomes. */
  readonly seed: string;
  /** Probability a debit fails for insufficient funds (top-ups never do). */
  readonly failureRate?: number;
  /** Probability the answer is lost (the call times out) although the provider executed it. */
  readonly timeoutRate?: number;
  /** Probability the answer comes later, by webhook only. */
  readonly asyncRate?: number;
  /** Keys that fail whatever the rates say (tests). */
  readonly failKeys?: ReadonlySet<string>;
  readonly webhookSecret: string;
  readonly clock: Clock;
  /** Delivers a signed webhook: (raw body, signature header). */
  readonly deliver?: (rawBody: string, signature: string) => Promise<void>;
};

/** A deterministic number in [0, 1) from the seed, a purpose and a key. */
function draw(seed: string, purpose: string, key: string): number {
  return createHash("sha256").update(`${seed}|${purpose}|${key}`).digest().readUInt32BE(0) / 2 ** 32;
}

/**
 * A payment provider that behaves like a real one: executes each key once, answers replays with the
 * first result, sometimes fails, sometimes times out after executing, sometimes answers only by a
 * signed webhook later (`flushWebhooks`).
 */
export class SimulatedProvider implements PaymentProvider {
  private readonly results = new Map<string, PaymentResult>();
  private readonly outbox: PaymentEvent[] = [];
  executed = 0;

  constructor(private readonly opts: SimulatedProviderOptions) {}

  async execute(req: PaymentRequest): Promise<PaymentResult> {
    let result = this.results.get(req.key);
    if (!result) {
      this.executed++;
      const ref = `sim_${createHash("sha256").update(req.key).digest("hex").slice(0, 16)}`;
      const fails =
        this.opts.failKeys?.has(req.key) ||
        (req.kind === "debit" && draw(this.opts.seed, "fail", req.key) < (this.opts.failureRate ?? 0));
      const final: PaymentResult = fails
        ? { status: "failed", providerRef: ref, reason: "insufficient_funds" }
        : { status: "succeeded", providerRef: ref };
      result = final;
      this.results.set(req.key, final);
      if (draw(this.opts.seed, "async", req.key) < (this.opts.asyncRate ?? 0)) {
        this.outbox.push({ eventId: `evt_${ref}`, key: req.key, result: final, at: this.opts.clock.now() });
        return { status: "pending", providerRef: ref };
      }
      if (draw(this.opts.seed, "timeout", req.key) < (this.opts.timeoutRate ?? 0)) {
        this.outbox.push({ eventId: `evt_${ref}`, key: req.key, result: final, at: this.opts.clock.now() });
        throw new PaymentTimeout(`no answer for ${req.key}`);
      }
    }
    return result;
  }

  async executeBatch(reqs: readonly PaymentRequest[]): Promise<PaymentResult[]> {
    const out: PaymentResult[] = [];
    for (const r of reqs) {
      // A batch file has no per-entry timeouts: an entry answers now or by webhook (pending).
      out.push(await this.execute(r).catch(() => ({ status: "pending" as const, providerRef: "" })));
    }
    return out;
  }

  async query(key: string): Promise<PaymentResult | { status: "unknown" }> {
    return this.results.get(key) ?? { status: "unknown" };
  }

  /** Sends the queued webhook events, signed, through `deliver`; returns how many were sent. */
  async flushWebhooks(): Promise<number> {
    const events = this.outbox.splice(0, this.outbox.length);
    for (const e of events) {
      const raw = JSON.stringify(e);
      const sig = signWebhook(this.opts.webhookSecret, raw, Math.floor(this.opts.clock.now() / 1000));
      await this.opts.deliver?.(raw, sig);
    }
    return events.length;
  }
}
