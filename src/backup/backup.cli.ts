import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { x25519PublicKey } from "../audit/sample/seal.ts";
import { cliConfig } from "../cli/database.ts";
import { UserError } from "../cli/user-error.ts";
import type { Config } from "../config.ts";
import { systemClock } from "../deps.ts";
import { limits } from "../limits.ts";
import { parseWitnessList } from "../log/witnessing.ts";
import { openDatabase } from "../store/open.ts";
import { BackupFileError, type Lock, type Unlock } from "./backup-cipher.ts";
import { createBackup } from "./create-backup.ts";
import {
  openBackup,
  passOver,
  refuseNonEmpty,
  restoreBackup,
  StaleBackup,
  TargetNotEmpty,
} from "./restore-backup.ts";

function readText(path: string, option: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    throw new UserError(`${option}: cannot read ${path}`);
  }
}

/** The passphrase from its file (one line) or HUZHU_BACKUP_PASSPHRASE: never from the command line. */
function passphrase(o: { passphraseFile?: string }, cfg: Config): string | undefined {
  const p = o.passphraseFile
    ? readText(o.passphraseFile, "--passphrase-file").replace(/\r?\n$/, "")
    : cfg.backupPassphrase;
  if (p !== undefined && [...p].length < limits.backup.passphraseCharsMin)
    throw new UserError(
      `the backup passphrase must have at least ${limits.backup.passphraseCharsMin} characters`,
    );
  return p;
}

function lockOf(o: { passphraseFile?: string; to?: string }, cfg: Config): Lock {
  if (o.to) {
    const publicKey = x25519PublicKey(readText(o.to, "--to"));
    if (!publicKey)
      throw new UserError("--to: not an X25519 public key in PEM (openssl genpkey -algorithm X25519)");
    return { publicKey };
  }
  const p = passphrase(o, cfg);
  if (p === undefined)
    throw new UserError(
      "no key to encrypt to: --to PUBLIC_PEM, --passphrase-file FILE or HUZHU_BACKUP_PASSPHRASE",
    );
  return { passphrase: p };
}

function unlockOf(o: { passphraseFile?: string; key?: string }, cfg: Config): Unlock {
  if (o.key) return { privateKeyPem: readText(o.key, "--key") };
  const p = passphrase(o, cfg);
  if (p === undefined)
    throw new UserError(
      "no key to open the backup: --key PRIVATE_PEM, --passphrase-file FILE or HUZHU_BACKUP_PASSPHRASE",
    );
  return { passphrase: p };
}

/** The library's refusals as the CLI's: a bad file or a full target is bad input (2), a stale backup a failed check (1). */
async function asUserErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof BackupFileError || e instanceof TargetNotEmpty) throw new UserError(e.message, 2);
    if (e instanceof StaleBackup) throw new UserError(e.message, 1);
    throw e;
  }
}

function registerBackup(program: Command): void {
  program
    .command("backup")
    .argument("<FILE>", "where to write the backup (written beside it, renamed when whole)")
    .description(
      "a consistent copy of the database (one snapshot, every table) with the data dir's keys and files, encrypted to a passphrase or a public key",
    )
    .option("--passphrase-file <FILE>", "the passphrase, the file's first line (or HUZHU_BACKUP_PASSPHRASE)")
    .option(
      "--to <PEM_FILE>",
      "encrypt to this X25519 public key instead (openssl genpkey -algorithm X25519)",
    )
    .action(async (file: string, o: { passphraseFile?: string; to?: string }) => {
      const cfg = cliConfig();
      const lock = lockOf(o, cfg);
      const db = await openDatabase(cfg);
      try {
        const s = await createBackup(db.pool, {
          file,
          lock,
          places: cfg,
          logOrigin: cfg.logOrigin,
          nowMs: systemClock.now(),
        });
        const rows = s.tables.reduce((n, t) => n + t.rows, 0);
        process.stdout.write(
          `backed up ${s.tables.length} tables (${rows} rows) at migration ${s.lastMigration}, ${s.files.length} files (keys, documents, jury lists), the log at ${s.logHead ? `size ${s.logHead.size}` : "no head yet"}: ${file}, ${s.fileBytes} bytes, encrypted to ${"publicKey" in lock ? "the public key" : "the passphrase"}\n`,
        );
      } finally {
        await db.close();
      }
    });
}

const collect = (v: string, all: string[]) => [...all, v];

function registerRestore(program: Command): void {
  program
    .command("restore")
    .argument("<FILE>", "a file `huzhu backup` wrote")
    .description(
      "restore a backup into an empty data dir (or an empty DATABASE_URL database): migrations, rows, keys, checked; refused if older than what the witnesses cosigned",
    )
    .option("--passphrase-file <FILE>", "the passphrase, the file's first line (or HUZHU_BACKUP_PASSPHRASE)")
    .option("--key <PEM_FILE>", "the X25519 private key the backup was encrypted to")
    .option(
      "--witness <VKEY=URL>",
      "a witness of the log to ask (repeat; besides HUZHU_WITNESSES)",
      collect,
      [],
    )
    .action(async (file: string, o: { passphraseFile?: string; key?: string; witness: string[] }) => {
      const cfg = cliConfig();
      const extra = parseWitnessList(o.witness.join(","));
      if (!Array.isArray(extra))
        throw new UserError(`--witness: "${extra.bad}" is not <witness vkey>=<http URL>`);
      const witnesses = [
        ...cfg.witnesses,
        ...extra.filter((w) => !cfg.witnesses.some((c) => c.vkey === w.vkey)),
      ];
      await asUserErrors(async () => {
        const b = openBackup(file, unlockOf(o, cfg));
        const content = await passOver(b);
        await refuseNonEmpty(undefined, cfg);
        const db = await openDatabase(cfg);
        try {
          const s = await restoreBackup(db.pool, b, content, { places: cfg, witnesses });
          process.stdout.write(
            `restored ${s.tables} tables (${s.rows} rows) at migration ${s.lastMigration} and ${s.files} files into ${db.embedded ? cfg.dataDir : "DATABASE_URL"}; every table's rows match the backup's manifest; the log at ${s.logHead ? `size ${s.logHead.size}, root ${s.logHead.rootHash}` : "no head"}; witnesses: ${s.witnessed.length > 0 ? s.witnessed.join(", ") : "none asked"}; log origin ${s.logOrigin} (HUZHU_LOG_ORIGIN)\n`,
          );
        } finally {
          await db.close();
        }
      });
    });
}

export function registerBackupCommands(program: Command): void {
  registerBackup(program);
  registerRestore(program);
}
