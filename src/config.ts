import { isAbsolute, join, resolve } from "node:path";
import { z } from "zod";
import { parseWitnessList, type WitnessEndpoint } from "./log/witnessing.ts";
import { DEFAULT_LOG_ORIGIN } from "./log-keys.ts";

/** Configuration from the environment, validated once at start (architecture.md §7). */
export type Config = {
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly port: number;
  readonly secretKeyFile: string;
  /** One key file per purpose (generated on first start, mode 0600), or put there by the operator. */
  readonly keysDir: string;
  readonly logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  readonly production: boolean;
  /** Issue 19: the checkpoints' origin line (HUZHU_LOG_ORIGIN) and the witnesses submitted to (HUZHU_WITNESSES). */
  readonly logOrigin: string;
  readonly witnesses: readonly WitnessEndpoint[];
  /** Issue 20: the passphrase `huzhu backup` encrypts to and `huzhu restore` opens with (or --passphrase-file). */
  readonly backupPassphrase: string | undefined;
  /**
   * The CPU niceness `huzhu worker` runs at, with its sessions of the embedded database (0–19; 0: as
   * the server): batch work gives the CPU to member requests first.
   */
  readonly workerNice: number;
};

const Env = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
    .optional(),
  HUZHU_DATA_DIR: z.string().min(1).default("./.huzhu"),
  HUZHU_PORT: z
    .string()
    .regex(/^\d{1,5}$/, "must be a port number")
    .transform(Number)
    .refine((n) => n >= 0 && n <= 65_535, "must be a port from 0 to 65535")
    .default(3000),
  HUZHU_SECRET_KEY_FILE: z.string().min(1).optional(),
  HUZHU_KEYS_DIR: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  NODE_ENV: z.string().optional(),
  HUZHU_LOG_ORIGIN: z
    .string()
    .regex(/^[^\s+]+$/, "must be a key name: no spaces, no +")
    .default(DEFAULT_LOG_ORIGIN),
  HUZHU_WITNESSES: z
    .string()
    .default("")
    .transform((s, ctx) => {
      const list = parseWitnessList(s);
      if (!Array.isArray(list)) {
        ctx.addIssue({ code: "custom", message: `"${list.bad}" is not <witness vkey>=<http URL>` });
        return [];
      }
      return list;
    }),
  HUZHU_BACKUP_PASSPHRASE: z.string().min(1).optional(),
  HUZHU_WORKER_NICE: z
    .string()
    .regex(/^\d{1,2}$/, "must be a niceness from 0 to 19")
    .transform(Number)
    .refine((n) => n <= 19, "must be a niceness from 0 to 19")
    .default(10),
});

export class ConfigError extends Error {}

/** The only place that reads process.env; a bad value names the variable. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`${String(issue.path[0])}: ${issue.message}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.HUZHU_DATA_DIR);
  return {
    databaseUrl: e.DATABASE_URL,
    dataDir,
    port: e.HUZHU_PORT,
    secretKeyFile: e.HUZHU_SECRET_KEY_FILE
      ? isAbsolute(e.HUZHU_SECRET_KEY_FILE)
        ? e.HUZHU_SECRET_KEY_FILE
        : resolve(e.HUZHU_SECRET_KEY_FILE)
      : join(dataDir, "secret.key"),
    keysDir: e.HUZHU_KEYS_DIR ? resolve(e.HUZHU_KEYS_DIR) : join(dataDir, "keys"),
    logLevel: e.LOG_LEVEL,
    production: e.NODE_ENV === "production",
    logOrigin: e.HUZHU_LOG_ORIGIN,
    witnesses: e.HUZHU_WITNESSES,
    backupPassphrase: e.HUZHU_BACKUP_PASSPHRASE,
    workerNice: e.HUZHU_WORKER_NICE,
  };
}
