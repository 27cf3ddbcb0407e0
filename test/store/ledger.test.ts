import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listMigrations } from "../../src/store/migrate.ts";
import { type TestDatabase, testDatabase } from "../support/db.ts";

let db: TestDatabase;
beforeAll(async () => {
  db = await testDatabase();
});
afterAll(async () => {
  await db.close();
});

async function account(id: string) {
  await db.pool.query(
    "INSERT INTO ledger_accounts (account_id, kind) VALUES ($1, 'test') ON CONFLICT DO NOTHING",
    [id],
  );
}

describe("migrations and the ledger's guarantees in the database", () => {
  it("applied every migration to the template", async () => {
    const { rows } = await db.pool.query("SELECT version FROM schema_migrations ORDER BY version");
    expect(rows.map((r) => r.version)).toEqual(listMigrations().map((m) => m.version));
  });

  it("refuses a transaction whose postings do not sum to zero, at commit", async () => {
    await account("a");
    await account("b");
    const client = await db.pool.connect();
    try {
      await client.query("BEGIN");
      const { rows } = await client.query(
        "INSERT INTO ledger_transactions (idem_key, kind, at) VALUES ('t1', 'test', now()) RETURNING txn_id",
      );
      await client.query("INSERT INTO ledger_postings VALUES ($1, 'a', 100), ($1, 'b', -99)", [
        rows[0].txn_id,
      ]);
      await expect(client.query("COMMIT")).rejects.toThrow(/does not balance/);
    } finally {
      client.release();
    }
    const { rows } = await db.pool.query("SELECT count(*)::int AS n FROM ledger_transactions");
    expect(rows[0].n).toBe(0);
  });

  it("keeps cached balances equal to the postings, and refuses updates and deletes", async () => {
    await account("c");
    await account("d");
    const client = await db.pool.connect();
    await client.query("BEGIN");
    const { rows } = await client.query(
      "INSERT INTO ledger_transactions (idem_key, kind, at) VALUES ('t2', 'test', now()) RETURNING txn_id",
    );
    await client.query("INSERT INTO ledger_postings VALUES ($1, 'c', 250), ($1, 'd', -250)", [
      rows[0].txn_id,
    ]);
    await client.query("COMMIT");
    client.release();
    const bal = await db.pool.query(
      "SELECT account_id, balance_fen FROM account_balances_now WHERE account_id IN ('c','d') ORDER BY 1",
    );
    expect(bal.rows).toEqual([
      { account_id: "c", balance_fen: 250 },
      { account_id: "d", balance_fen: -250 },
    ]);
    await expect(db.pool.query("UPDATE ledger_postings SET amount_fen = 1")).rejects.toThrow(/append-only/);
    await expect(db.pool.query("DELETE FROM ledger_transactions")).rejects.toThrow(/append-only/);
  });

  it("postTransactionSet writes a selected set of postings once, and refuses one that does not balance", async () => {
    const { postTransactionSet } = await import("../../src/store/ledger.repository.ts");
    const { withTransaction } = await import("../../src/store/db.ts");
    await account("set:a");
    await account("set:b");
    const t = { kind: "test", at: new Date(0) };
    const select = "SELECT 'set:a'::text, $2::bigint UNION ALL SELECT 'set:b'::text, -$2::bigint";
    const first = await withTransaction(db.pool, (tx) =>
      postTransactionSet(tx, { ...t, idemKey: "set1" }, select, [250]),
    );
    const again = await withTransaction(db.pool, (tx) =>
      postTransactionSet(tx, { ...t, idemKey: "set1" }, select, [250]),
    );
    expect(first.replayed).toBe(false);
    expect(again).toEqual({ ...first, replayed: true });
    const unbalanced = "SELECT 'set:a'::text, $2::bigint UNION ALL SELECT 'set:b'::text, 1 - $2::bigint";
    await expect(
      withTransaction(db.pool, (tx) => postTransactionSet(tx, { ...t, idemKey: "set2" }, unbalanced, [250])),
    ).rejects.toMatchObject({ problem: { code: "unbalanced" } });
    const kept = await db.pool.query("SELECT 1 FROM ledger_transactions WHERE idem_key = 'set2'");
    expect(kept.rows).toHaveLength(0);
  });
});
