import pg from "pg";
import { limits } from "../limits.ts";

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

/**
 * Names of parameterised statements by their SQL text, for the whole process: the same text always has
 * the same name, so each connection parses it once (a named prepared statement) instead of at every
 * call. Why: the session lookup took 0.71–0.85× the time named, plans kept custom (below; 0.48–0.73×
 * with generic plans allowed), 10,000 calls on one connection, and a member read is two or three such
 * statements. Capped, in case SQL is ever built from values:
 * past the cap a text simply runs unnamed.
 */
const statementNames = new Map<string, string>();

function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < limits.preparedStatementsMax) {
    name = `huzhu_${statementNames.size}`;
    statementNames.set(text, name);
  }
  return name;
}

const plainQuery = pg.Client.prototype.query;

/**
 * A client that runs every `query(text, values)` as the text's named statement. It also listens for its
 * own `error` event: the pool listens only while a client is idle, so a lent client whose server ended
 * the session between two statements (a restart, pg_terminate_backend) threw an uncaught exception and
 * took the process down. Its next statement fails instead ("not queryable"), a database_unavailable.
 */
class NamingClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    this.on("error", () => {});
  }
}
NamingClient.prototype.query = function (
  this: pg.Client,
  config: unknown,
  values?: unknown,
  callback?: unknown,
) {
  const name = typeof config === "string" && Array.isArray(values) ? statementName(config) : undefined;
  const call = plainQuery as (...args: unknown[]) => unknown;
  if (name === undefined) return call.call(this, config, values, callback);
  const named = { text: config, values, name };
  return callback === undefined ? call.call(this, named) : call.call(this, named, callback);
} as typeof plainQuery;

/**
 * A prepared statement whose result columns changed under it (a migration altered a column's type while
 * this process ran) fails with SQLSTATE 0A000 on that connection until it is re-prepared; such a
 * connection is dropped rather than returned to the pool.
 */
const staleStatement = (e: unknown): boolean => (e as { code?: string }).code === "0A000";

/**
 * Plans stay custom (each call planned for its values, from the table's statistics of the moment): a
 * generic plan cached while a table was small is kept as it grows. The load benchmark met it: the
 * inbox's charges query, planned generic while the cycle's shares were empty, scanned the million rows
 * the announcement then wrote at every request (p99 15 s). Parsing once is what is kept. Set at
 * connection start, after any `options` the URL gives (which would otherwise replace ours).
 */
function withCustomPlans(url: string): { connectionString: string; options: string } {
  const own = "-c plan_cache_mode=force_custom_plan";
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { connectionString: url, options: own };
  }
  const given = u.searchParams.get("options");
  if (given === null) return { connectionString: url, options: own };
  u.searchParams.delete("options");
  return { connectionString: u.toString(), options: `${given} ${own}` };
}

export function createPool(url: string, max = 10): Db {
  const pool = new pg.Pool({ ...withCustomPlans(url), max, application_name: "huzhu", Client: NamingClient });
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
    let stale: Error | undefined;
    try {
      await client.query(`BEGIN ISOLATION LEVEL ${(opts.isolation ?? "read committed").toUpperCase()}`);
      const result = await fn(client);
      await client.query("COMMIT");
      return result;
    } catch (e) {
      await client.query("ROLLBACK").catch(() => {});
      if (staleStatement(e)) stale = e as Error;
      const code = (e as { code?: string }).code;
      if ((code === "40001" || code === "40P01") && attempt < retries) continue;
      throw e;
    } finally {
      client.release(stale);
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
