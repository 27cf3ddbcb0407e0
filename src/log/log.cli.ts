import { readFileSync, writeFileSync } from "node:fs";
import type { Command } from "commander";
import { publicExport } from "../audit/public/public-export.ts";
import { runPublicAudit } from "../audit/public/run-public-audit.ts";
import { withDatabase } from "../cli/database.ts";
import { UserError } from "../cli/user-error.ts";
import { systemClock } from "../deps.ts";
import type { SignedTreeHead } from "../domain/tree-head.ts";
import { loadLogKeys } from "../log-keys.ts";
import { auditChecks } from "../operations/audit-run.ts";
import type { WitnessPolicy } from "../verify/checkpoint.ts";
import { type Check, type LogExport, verifyExport, verifyServer } from "../verify/verify.ts";

function readJson<T>(path: string, what: string): T {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as T;
  } catch {
    throw new UserError(`${what}: cannot read ${path} as JSON`);
  }
}

function report(checks: readonly Check[]): number {
  for (const c of checks)
    process.stdout.write(`${c.ok ? "ok      " : "MISMATCH"} ${c.what}${c.detail ? ` — ${c.detail}` : ""}\n`);
  const bad = checks.filter((c) => !c.ok);
  if (bad.length > 0) {
    process.stderr.write(`huzhu verify: ${bad.length} check(s) failed: ${bad[0]!.detail ?? bad[0]!.what}\n`);
    return 1;
  }
  process.stdout.write(`all ${checks.length} checks passed\n`);
  return 0;
}

const collect = (v: string, all: string[]) => [...all, v];

/** The checkpoint is required once a log key or a witness is pinned; the freshness is on this machine's clock. */
function witnessPolicy(o: {
  logKey?: string;
  witness: string[];
  quorum?: string;
}): WitnessPolicy | undefined {
  if (!o.logKey && o.witness.length === 0) return undefined;
  if (o.quorum !== undefined && !/^\d{1,3}$/.test(o.quorum)) throw new UserError("--quorum: a whole number");
  return {
    logKey: o.logKey,
    witnesses: o.witness,
    quorum: o.quorum === undefined ? undefined : Number(o.quorum),
    nowMs: systemClock.now(),
  };
}

function registerVerifyCommand(program: Command): void {
  program
    .command("verify")
    .description(
      "verify the transparency log as a member or auditor: head signature, consistency with a saved head, your own entries",
    )
    .option("--server <URL>", "the huzhu server", "http://127.0.0.1:3000")
    .option("--file <EXPORT>", "verify an exported log file instead of a server")
    .option("--public-key <PEM_FILE>", "the log key you trust (default: the one the server publishes)")
    .option("--saved-head <FILE>", "a tree head saved earlier: the log must extend it")
    .option("--save-head <FILE>", "save the verified head for the next time")
    .option(
      "--member <PSEUDONYM>",
      "check this member's entries are in the log and their history is complete (each links to the one before)",
    )
    .option("--log-key <VKEY>", "the log's verifier key (C2SP vkey) from the plan's charter: pins it")
    .option(
      "--witness <VKEY>",
      "a witness's verifier key to require (repeat); the checkpoint must be cosigned",
      collect,
      [],
    )
    .option("--quorum <N>", "cosignatures required (default: every --witness)")
    .action(
      async (opts: {
        logKey?: string;
        witness: string[];
        quorum?: string;
        server: string;
        file?: string;
        publicKey?: string;
        savedHead?: string;
        saveHead?: string;
        member?: string;
      }) => {
        const trustedKeyPem = opts.publicKey ? readFileSync(opts.publicKey, "utf8") : undefined;
        const savedHead = opts.savedHead
          ? readJson<SignedTreeHead>(opts.savedHead, "--saved-head")
          : undefined;
        if (opts.file) {
          process.exitCode = report(
            await verifyExport(readJson<LogExport>(opts.file, "--file"), {
              trustedKeyPem,
              savedHead,
              member: opts.member,
            }),
          );
          return;
        }
        const get = async (path: string) => {
          const r = await fetch(new URL(path, opts.server)).catch(() => undefined);
          if (!r?.ok)
            throw new UserError(`--server: ${opts.server}${path} did not answer${r ? ` (${r.status})` : ""}`);
          return r.headers.get("content-type")?.includes("json") ? r.json() : r.text();
        };
        const { checks, head } = await verifyServer(get, {
          trustedKeyPem,
          savedHead,
          member: opts.member,
          witness: witnessPolicy(opts),
        });
        const code = report(checks);
        if (code === 0 && opts.saveHead && head) writeFileSync(opts.saveHead, JSON.stringify(head, null, 2));
        process.exitCode = code;
      },
    );
}

function registerExportCommand(program: Command): void {
  const log = program.command("log").description("the transparency log");
  log
    .command("export")
    .argument("<FILE>", "where to write the export (JSON)")
    .description(
      "export every entry and signed head, the cycles' disclosures and the rule documents, for offline verification and the public audit",
    )
    .action(async (file: string) => {
      await withDatabase(async (db, cfg) => {
        const exp = await publicExport(
          db.pool,
          loadLogKeys(cfg.dataDir, cfg.logOrigin, cfg.keysDir).publicKeyPem,
        );
        writeFileSync(file, JSON.stringify(exp));
        process.stdout.write(
          `exported ${exp.entries.length} entries and ${exp.heads.length} signed heads to ${file}\n`,
        );
      });
    });
}

function registerAuditCommand(program: Command): void {
  program
    .command("audit")
    .description(
      "check the ledger (every transaction balances, every balance equals its postings) and the log (entries, nodes, heads, facts)",
    )
    .option("--public <FILE|URL>", "audit a published log export alone: no database, no key (issue 19)")
    .option("--public-key <PEM_FILE>", "with --public: the log key you trust, pinned")
    // audit's own options stop at a subcommand, else it takes `sample-open --public FILE` for itself
    .enablePositionalOptions()
    .action(async (opts: { public?: string; publicKey?: string }) => {
      if (opts.public) {
        process.exitCode = await runPublicAudit(opts.public, opts.publicKey);
        return;
      }
      await withDatabase(async (db, cfg) => {
        const problems = await auditChecks(
          db.pool,
          loadLogKeys(cfg.dataDir, cfg.logOrigin, cfg.keysDir).publicKey,
        );
        if (problems.length > 0) {
          process.stderr.write(
            `huzhu audit: ${problems[0]}\n${problems
              .slice(1)
              .map((p) => `  also: ${p}`)
              .join("\n")}\n`,
          );
          process.exitCode = 1;
          return;
        }
        process.stdout.write(
          "audit passed: the ledger balances, every cycle conserves, the log is intact and agrees with the records\n",
        );
      });
    });
}

export function registerLogCommands(program: Command): void {
  registerVerifyCommand(program);
  registerExportCommand(program);
  registerAuditCommand(program);
}
