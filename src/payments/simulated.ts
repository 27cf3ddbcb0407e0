import type { Clock } from "../domain/clock.ts";
import { sha256 } from "../domain/sha256.ts";
import { copyText, type Db, withTransaction } from "../store/db.ts";
import {
  type DebitAuthorisation,
  type MandateResult,
  type PaymentEvent,
  type PaymentProvider,
  type PaymentRequest,
  type PaymentResult,
  PaymentTimeout,
} from "./port.ts";
import { type Answer, type Booked, simulatedRepository } from "./simulated.repository.ts";
import { SimulatedMandates } from "./simulated-mandates.ts";
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
  /** Keys answered only later, by webhook, whatever the rates say (tests). */
  readonly asyncKeys?: ReadonlySet<string>;
  readonly webhookSecret: string;
  readonly clock: Clock;
  /** Delivers a signed webhook: (raw body, signature header). */
  readonly deliver?: (rawBody: string, signature: string) => Promise<void>;
  /**
   * Where the provider keeps its books. Without it they live in this process's memory and die with it;
   * with a database they live in the `sim_provider_` tables (migration 033), so that after a crash of
   * huzhu the provider still knows every key it executed — as a real provider would.
   */
  readonly store?: Db;
  /** An outage from the start (tests; `outage` changes it later). */
  readonly outage?: Outage;
};

/**
 * A provider out of order (tests): `refused` — every call fails to connect (ECONNREFUSED), nothing
 * received; `dropped` — a payment request is lost on the way and never answered, nothing executed;
 * `slow` — a payment request is executed but its answer never comes back. Queries are answered in the
 * last two (the provider's query service is up).
 */
export type Outage = "refused" | "dropped" | "slow";

const never = () => new Promise<never>(() => {});

function refused(): never {
  throw Object.assign(new Error("connect ECONNREFUSED (the simulated payment provider)"), {
    code: "ECONNREFUSED",
  });
}

type Books = {
  /** Books the requests not seen before (their webhooks queued with them) and returns every one's entry. */
  book(entries: readonly Booked[], atMs: number): Promise<Booked[]>;
  get(key: string): Promise<Booked | undefined>;
  /** Webhooks not yet delivered, oldest first. */
  undelivered(): Promise<Array<{ eventId: string; entry: Booked }>>;
  finish(keys: readonly string[]): Promise<void>;
  delivered(eventId: string): Promise<void>;
};

/**
 * Three deterministic numbers in [0, 1) from the seed and a key — failure, async answer, timeout — and
 * the provider's reference for the key, all from one hash.
 */
function draws(seed: string, key: string): [number, number, number, string] {
  const h = sha256(`${seed}|${key}`);
  return [
    h.readUInt32BE(0) / 2 ** 32,
    h.readUInt32BE(4) / 2 ** 32,
    h.readUInt32BE(8) / 2 ** 32,
    `sim_${h.toString("hex", 16, 24)}`,
  ];
}

/**
 * A payment provider that behaves like a real one: executes each key once, answers replays with the
 * first result (or pending while it is still working on it), sometimes fails, sometimes times out after
 * executing, sometimes answers only by a signed webhook later (`flushWebhooks`).
 */
export class SimulatedProvider implements PaymentProvider {
  private readonly books: Books;
  /** Keys executed through this instance (replays not counted). */
  executed = 0;
  /** The provider's outage now, if any (see Outage). */
  outage: Outage | undefined;
  /**
   * Webhooks lost on the way (tests): the provider finishes its work and counts each event sent (as a
   * real one gives up after its redeliveries), but none arrives; only a query finds the answer.
   */
  loseWebhooks = false;

  constructor(private readonly opts: SimulatedProviderOptions) {
    this.books = opts.store ? databaseBooks(opts.store) : memoryBooks();
    this.mandates = new SimulatedMandates(opts.seed, opts.clock, opts.failKeys, opts.store);
    this.outage = opts.outage;
  }

  /** The outage's effect on a payment request: before booking (refused, dropped) or after (slow). */
  private async reach<T>(book: () => Promise<T>): Promise<T> {
    if (this.outage === "refused") refused();
    if (this.outage === "dropped") return never();
    const booked = await book();
    return this.outage === "slow" ? never() : booked;
  }

  /** What the provider would do with a key it has not seen: its outcome and how the answer travels. */
  private decide(req: PaymentRequest, inBatch: boolean): Booked {
    const [fail, async, timeout, ref] = draws(this.opts.seed, req.key);
    const fails =
      this.opts.failKeys?.has(req.key) || (req.kind === "debit" && fail < (this.opts.failureRate ?? 0));
    // A batch file has no per-entry timeout: an entry whose answer would be lost is one the provider is
    // still processing — pending to replays and queries until its webhook is sent, like an async one.
    const answer: Answer =
      this.opts.asyncKeys?.has(req.key) || async < (this.opts.asyncRate ?? 0)
        ? "async"
        : timeout < (this.opts.timeoutRate ?? 0)
          ? inBatch
            ? "async"
            : "timeout"
          : "now";
    return {
      key: req.key,
      kind: req.kind,
      memberId: req.memberId,
      amountFen: req.amountFen,
      result: fails
        ? { status: "failed", providerRef: ref, reason: "insufficient_funds" }
        : { status: "succeeded", providerRef: ref },
      answer,
      finished: answer !== "async",
      fresh: true,
    };
  }

  private async bookAll(reqs: readonly PaymentRequest[], inBatch: boolean): Promise<Booked[]> {
    const booked = await this.books.book(
      reqs.map((r) => this.decide(r, inBatch)),
      this.opts.clock.now(),
    );
    for (let i = 0; i < reqs.length; i++) {
      const b = booked[i]!;
      if (b.amountFen !== reqs[i]!.amountFen || b.kind !== reqs[i]!.kind)
        throw new Error(`the provider refuses key ${b.key}: already used for another ${b.kind} amount`);
      if (b.fresh) this.executed++;
    }
    return booked;
  }

  async execute(req: PaymentRequest): Promise<PaymentResult> {
    const b = (await this.reach(() => this.bookAll([req], false)))[0]!;
    if (b.fresh && b.answer === "timeout") throw new PaymentTimeout(`no answer for ${req.key}`);
    return answerOf(b);
  }

  /** A batch file: every entry booked at once; an entry answers now or by webhook (pending). */
  async executeBatch(reqs: readonly PaymentRequest[]): Promise<PaymentResult[]> {
    if (reqs.length === 0) return [];
    return (await this.reach(() => this.bookAll(reqs, true))).map(answerOf);
  }

  async query(key: string): Promise<PaymentResult | { status: "unknown" }> {
    if (this.outage === "refused") refused();
    const b = await this.books.get(key);
    return b ? answerOf({ ...b, fresh: false }) : { status: "unknown" };
  }

  /**
   * The provider finishes the work it answered later and sends those webhooks, signed, through
   * `deliver`, oldest first; an event counts as delivered only once `deliver` returned (at least once).
   * With `loseWebhooks` none is delivered, and each counts as sent all the same.
   */
  async flushWebhooks(): Promise<number> {
    const events = await this.books.undelivered();
    await this.books.finish(events.map((e) => e.entry.key));
    for (const e of events) {
      const event: PaymentEvent = {
        eventId: e.eventId,
        key: e.entry.key,
        result: e.entry.result,
        at: this.opts.clock.now(),
      };
      const raw = JSON.stringify(event);
      const sig = signWebhook(this.opts.webhookSecret, raw, Math.floor(this.opts.clock.now() / 1000));
      if (!this.loseWebhooks) await this.opts.deliver?.(raw, sig);
      await this.books.delivered(e.eventId);
    }
    return events.length;
  }

  // The 代扣 agreements (issue 17): kept by SimulatedMandates, in the books' store.
  private readonly mandates: SimulatedMandates;

  signDebitAuthorisation(req: { key: string; memberId: number }): Promise<MandateResult> {
    return this.mandates.signDebitAuthorisation(req);
  }

  revokeDebitAuthorisation(agreementRef: string): Promise<MandateResult> {
    return this.mandates.revokeDebitAuthorisation(agreementRef);
  }

  debitAuthorisation(agreementRef: string): Promise<DebitAuthorisation> {
    return this.mandates.debitAuthorisation(agreementRef);
  }
}

/** The answer to a request: the result, or pending while the provider works on it (async, timed out in a batch). */
function answerOf(b: Booked): PaymentResult {
  if (b.fresh ? b.answer !== "now" : !b.finished)
    return { status: "pending", providerRef: b.result.providerRef };
  return b.result;
}

function memoryBooks(): Books {
  const entries = new Map<string, Booked>();
  const outbox: Array<{ eventId: string; key: string }> = [];
  return {
    async book(list) {
      return list.map((e) => {
        const old = entries.get(e.key);
        if (old) return { ...old, fresh: false };
        entries.set(e.key, { ...e, fresh: false });
        if (e.answer !== "now") outbox.push({ eventId: `evt_${e.result.providerRef}`, key: e.key });
        return e;
      });
    },
    async get(key) {
      return entries.get(key);
    },
    async undelivered() {
      return outbox.map((o) => ({ eventId: o.eventId, entry: entries.get(o.key)! }));
    },
    async finish(keys) {
      for (const k of keys) entries.get(k)!.finished = true;
    },
    async delivered(eventId) {
      const i = outbox.findIndex((o) => o.eventId === eventId);
      if (i >= 0) outbox.splice(i, 1);
    },
  };
}

/**
 * The books in the sim_provider_ tables: a batch is booked in one transaction — new keys inserted with
 * their webhooks, known keys only counted — so a batch is executed entirely or not at all.
 */
function databaseBooks(pool: Db): Books {
  return {
    async book(list, atMs) {
      // The batch arrives as a file. Its keys are new but after a crash, so it is first COPYed straight
      // into the books (PostgreSQL's fastest write: 2.2 s instead of 3.1 s for 400k debits, measured),
      // with the webhooks of the entries answered later. A key seen before makes that COPY fail on the
      // unique key; then the file goes into a session-temporary table and one statement books only the
      // new keys and queues their webhooks, and returns the keys it did not book (replays), which are
      // counted and read back after.
      const file = batchFile(list, atMs);
      const replayed = await withTransaction(
        pool,
        async (tx) => {
          if (
            await simulatedRepository.copyNew(
              tx,
              file,
              list.filter((e) => e.answer !== "now"),
            )
          )
            return [];
          return simulatedRepository.bookNewOnly(tx, file);
        },
        { retries: 0 },
      );
      if (replayed.length === 0) return [...list];
      const old = new Map((await simulatedRepository.countReplays(pool, replayed)).map((b) => [b.key, b]));
      return list.map((e) => old.get(e.key) ?? e);
    },
    get: (key) => simulatedRepository.byKey(pool, key),
    undelivered: () => simulatedRepository.undelivered(pool),
    finish: (keys) => simulatedRepository.finish(pool, keys),
    delivered: (eventId) => simulatedRepository.delivered(pool, eventId),
  };
}

/** A batch as the provider's file: one COPY text line per entry, in the order of BOOK_COLUMNS. */
function batchFile(list: readonly Booked[], atMs: number): string {
  const at = new Date(atMs).toISOString();
  return list
    .map(
      (e) =>
        `${copyText(e.key)}\t${e.kind}\t${e.memberId}\t${e.amountFen}\t${e.result.status}\t${
          e.result.status === "failed" ? e.result.reason : "\\N"
        }\t${copyText(e.result.providerRef)}\t${e.answer}\t${e.answer === "async" ? "f" : "t"}\t${at}\n`,
    )
    .join("");
}
