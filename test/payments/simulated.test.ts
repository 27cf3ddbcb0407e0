import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/domain/clock.ts";
import type { PaymentRequest } from "../../src/payments/port.ts";
import { SimulatedProvider } from "../../src/payments/simulated.ts";
import { type TestDatabase, testDatabase } from "../support/db.ts";

let db: TestDatabase;
beforeAll(async () => {
  db = await testDatabase();
});
afterAll(async () => {
  await db.close();
});

const debit = (key: string, amountFen = 10): PaymentRequest => ({
  key,
  kind: "debit",
  memberId: 1,
  amountFen,
});

describe("the simulated provider's books in the database", () => {
  it("books a new batch once, and answers a batch sent again alike, booking only its new keys", async () => {
    const sent: string[] = [];
    const provider = new SimulatedProvider({
      seed: "books",
      webhookSecret: "x",
      clock: fixedClock(Date.UTC(2020, 0, 7)),
      failKeys: new Set(["b"]),
      asyncKeys: new Set(["c"]),
      store: db.pool,
      deliver: async (raw) => {
        sent.push(JSON.parse(raw).key);
      },
    });
    const first = await provider.executeBatch([debit("a"), debit("b"), debit("c")]);
    expect(first.map((r) => r.status)).toEqual(["succeeded", "failed", "pending"]);
    expect(provider.executed).toBe(3);
    // Sent again with one new key (a crash between sending and recording): the old keys are not
    // executed again, their answers are the first ones, and only "d" is booked.
    const again = await provider.executeBatch([debit("a"), debit("b"), debit("c"), debit("d")]);
    expect(again).toEqual([...first, again[3]]);
    expect(again[3]!.status).toBe("succeeded");
    expect(provider.executed).toBe(4);
    const books = await db.pool.query(
      "SELECT idem_key, status, requests, finished FROM sim_provider_payments ORDER BY idem_key",
    );
    expect(books.rows).toEqual([
      { idem_key: "a", status: "succeeded", requests: 2, finished: true },
      { idem_key: "b", status: "failed", requests: 2, finished: true },
      { idem_key: "c", status: "succeeded", requests: 2, finished: false },
      { idem_key: "d", status: "succeeded", requests: 1, finished: true },
    ]);
    // One webhook, for the entry answered later, queued once although its key came twice.
    expect(await provider.flushWebhooks()).toBe(1);
    expect(sent).toEqual(["c"]);
  });

  it("refuses a key already used for another amount", async () => {
    const provider = new SimulatedProvider({
      seed: "books",
      webhookSecret: "x",
      clock: fixedClock(0),
      store: db.pool,
    });
    await expect(provider.executeBatch([debit("a", 11)])).rejects.toThrow(/already used/);
  });
});
