import { type Config, ConfigError, loadConfig } from "../config.ts";
import { migrate } from "../store/migrate.ts";
import { type Database, openDatabase } from "../store/open.ts";
import { UserError } from "./user-error.ts";

/** The configuration from the environment; a bad variable is a usage error (exit code 2). */
export function cliConfig(): Config {
  try {
    return loadConfig(process.env);
  } catch (e) {
    throw e instanceof ConfigError ? new UserError(e.message) : e;
  }
}

/** Opens the configured database (embedded or DATABASE_URL), migrated, for one command; always closed. */
export async function withDatabase<T>(fn: (db: Database, config: Config) => Promise<T>): Promise<T> {
  const config = cliConfig();
  const db = await openDatabase(config);
  try {
    await migrate(db.pool);
    return await fn(db, config);
  } finally {
    await db.close();
  }
}
