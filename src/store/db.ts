import pg from "pg";

export type Db = pg.Pool;
export type Tx = pg.PoolClient;
/** Anything that runs a query: the pool, or a client inside a transaction. */
export type Queryable = Pick<pg.Pool, "query">;

// int8 (BIGINT: money in fen, counts) as a JS number when it is safe, never silently rounded.
pg.types.setTypeParser(20, (text: string) => {
  const n = Number(text);
  if (!Number.isSafeInteger(n))
    throw new Error(`invariant violated: bigint ${text} exceeds the safe integer range`);
  return n;
});
// NUMERIC stays a string (weights, ratios); DATE stays "YYYY-MM-DD" (a civil date, no time zone).
pg.types.setTypeParser(1700, (text: string) => text);
pg.types.setTypeParser(1082, (text: string) => text);

export function createPool(url: string, max = 10): Db {
  const pool = new pg.Pool({ connectionString: url, max, application_name: "huzhu" });
  // An idle client whose server connection ends (restart, DROP … FORCE) must not crash the process;
  // the next query on the pool reconnects, and a query in flight gets the error itself.
  pool.on("error", () => {});
  return pool;
}

/** Runs `fn` in one transaction; rolls back on any error. Retries serialization failures. */
export async function withTransaction<T>(
  pool: Db,
  fn: (tx: Tx) => Promise<T>,
  opts: { isolation?: "read committed" | "repeatable read" | "serializable"; retries?: number } = {},
): Promise<T> {
  const retries = opts.retries ?? 3;
  for (let attempt = 0; ; attempt++) {
    const client = await pool.connect();
    try {
      await client.query(`BEGIN ISOLATION LEVEL ${(opts.isolation ?? "read committed").toUpperCase()}`);
      const result = await fn(client);
      await client.query("COMMIT");
      return result;
    } catch (e) {
      await client.query("ROLLBACK").catch(() => {});
      const code = (e as { code?: string }).code;
      if ((code === "40001" || code === "40P01") && attempt < retries) continue;
      throw e;
    } finally {
      client.release();
    }
  }
}

/** A value as COPY's text format wants it: backslash, tab, newline and carriage return escaped. */
export const copyText = (v: string): string =>
  v.replace(/[\\\t\n\r]/g, (c) => (c === "\t" ? "\\t" : c === "\n" ? "\\n" : c === "\r" ? "\\r" : "\\\\"));

/**
 * The rows of `COPY (query) TO STDOUT` as text lines, streamed to `onLine`: far faster than row objects
 * for millions of rows, and never one giant string (V8 caps a string near 512 MiB). Values must already
 * be literals in the query (COPY has no parameters): quote them with `client.escapeLiteral`.
 */
export async function copyOutLines(client: Tx, query: string, onLine: (line: string) => void): Promise<void> {
  const { to: copyTo } = await import("pg-copy-streams");
  const stream = client.query(copyTo(`COPY (${query}) TO STDOUT`));
  let rest = "";
  for await (const chunk of stream) {
    const text = rest + (chunk as Buffer).toString("utf8");
    const lines = text.split("\n");
    rest = lines.pop()!;
    for (const line of lines) onLine(line);
  }
  if (rest) onLine(rest);
}
