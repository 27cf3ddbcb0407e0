import type { Config } from "../config.ts";
import { limits } from "../limits.ts";
import { createPool, type Db } from "./db.ts";
import { databaseUrlOf, type EmbeddedServer, startEmbeddedPostgres } from "./embedded.ts";
import { lowerSessionPriority } from "./priority.ts";

export type Database = {
  readonly pool: Db;
  readonly url: string;
  readonly embedded: boolean;
  /** The embedded server belongs to another process on the same data dir (a command beside `npm start`). */
  readonly shared: boolean;
  close(): Promise<void>;
};

/**
 * DATABASE_URL when given; otherwise the embedded server with its data under the data dir — the one
 * already running there when another process started it (`share`, the default), never stopped by us.
 * `sessionNice`: this pool's sessions at that CPU niceness where their backends run here (priority.ts).
 */
export async function openDatabase(
  config: Config,
  opts: { share?: boolean; sessionNice?: number } = {},
): Promise<Database> {
  let server: EmbeddedServer | undefined;
  let url = config.databaseUrl;
  if (!url) {
    server = await startEmbeddedPostgres(config.dataDir, { persistent: true, share: opts.share ?? true });
    const admin = createPool(server.url, 1);
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = 'huzhu'");
    if (exists.rows.length === 0) await admin.query("CREATE DATABASE huzhu");
    await admin.end();
    url = databaseUrlOf(server.url, "huzhu");
  }
  const pool = createPool(url, limits.poolConnectionsMax);
  // a backend on this machine is ours to renice (a worker's, after requests); priority.ts says which
  if (opts.sessionNice) lowerSessionPriority(pool, opts.sessionNice);
  return {
    pool,
    url,
    embedded: server !== undefined,
    shared: server?.shared ?? false,
    close: async () => {
      await pool.end();
      await server?.stop();
    },
  };
}
