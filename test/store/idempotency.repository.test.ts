import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { idempotencyRepository } from "../../src/store/idempotency.repository.ts";
import { type TestDatabase, testDatabase } from "../support/db.ts";

let db: TestDatabase;
beforeAll(async () => {
  db = await testDatabase();
});
afterAll(async () => {
  await db.close();
});

describe("the idempotency rows run on the application clock", () => {
  // 2020, far from the database's own clock: any SQL now() would show as an age of years
  const at = new Date(Date.UTC(2020, 2, 1, 2, 0, 0));
  const key = {
    principal: "member:1",
    key: "k1",
    method: "POST",
    route: "/x",
    bodyHash: Buffer.from("h"),
    at,
    expiresAt: new Date(at.getTime() + 24 * 3_600_000),
  };

  it("a key's age and its take-over are measured from the clock passed in", async () => {
    expect(await idempotencyRepository.claim(db.pool, key)).toBe(true);
    expect(await idempotencyRepository.claim(db.pool, key)).toBe(false);
    const later = new Date(at.getTime() + 31_000);
    expect((await idempotencyRepository.find(db.pool, "member:1", "k1", later))?.ageMs).toBe(31_000);
    await idempotencyRepository.takeOver(db.pool, "member:1", "k1", later);
    expect((await idempotencyRepository.find(db.pool, "member:1", "k1", later))?.ageMs).toBe(0);
  });

  it("expiry is by the clock too: a second before, nothing is purged; at expiry, the row goes", async () => {
    expect(await idempotencyRepository.purgeExpired(db.pool, new Date(key.expiresAt.getTime() - 1_000))).toBe(
      0,
    );
    await idempotencyRepository.deleteIfExpired(db.pool, "member:1", "k1", at);
    expect(await idempotencyRepository.find(db.pool, "member:1", "k1", at)).toBeDefined();
    expect(await idempotencyRepository.purgeExpired(db.pool, key.expiresAt)).toBe(1);
    expect(await idempotencyRepository.find(db.pool, "member:1", "k1", at)).toBeUndefined();
  });
});
