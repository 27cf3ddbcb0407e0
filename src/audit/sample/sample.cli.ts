import { readFileSync, writeFileSync } from "node:fs";
import type { Command } from "commander";
import { withDatabase } from "../../cli/database.ts";
import { UserError } from "../../cli/user-error.ts";
import { civilDateOfInstant } from "../../domain/calendar.ts";
import { detectionProbability } from "../../domain/public-audit/sample.ts";
import { limits } from "../../limits.ts";
import { loadLogKeys } from "../../log-keys.ts";
import { appClock } from "../../operations/dev-clock.ts";
import { loadSecrets } from "../../secrets.ts";
import { loadPublicExport } from "../public/run-public-audit.ts";
import { buildSampleBundle, openSampleBundle, type SampleBundle } from "./sample.ts";
import { x25519PublicKey } from "./seal.ts";

function readText(path: string, option: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    throw new UserError(`${option}: cannot read ${path}`);
  }
}

function sampleSize(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1 || n > limits.sampleAuditMembersMax)
    throw new UserError(`--n: a whole number from 1 to ${limits.sampleAuditMembersMax}`);
  return n;
}

function cycleOption(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^[0-9]{1,15}$/.test(text)) throw new UserError("--cycle: a cycle id");
  return Number(text);
}

function registerSample(audit: Command): void {
  audit
    .command("sample")
    .description(
      "draw the sampling audit's pseudonyms from a later head and seal their real-name evidence to an auditor",
    )
    .requiredOption(
      "--auditor-key <PEM_FILE>",
      "the auditor's X25519 public key (openssl genpkey -algorithm X25519)",
    )
    .requiredOption("--n <N>", "how many pseudonyms to draw")
    .requiredOption("--out <FILE>", "where to write the sealed bundle (JSON)")
    .option(
      "--cycle <ID>",
      "the cycle whose sharing members are sampled (default: the latest with a later head)",
    )
    .action(async (o: { auditorKey: string; n: string; out: string; cycle?: string }) => {
      const auditorKey = x25519PublicKey(readText(o.auditorKey, "--auditor-key"));
      if (!auditorKey) throw new UserError("--auditor-key: not an X25519 public key in PEM");
      const n = sampleSize(o.n);
      const cycle = cycleOption(o.cycle);
      await withDatabase(async (db, cfg) => {
        const clock = appClock(db.pool, cfg.production);
        await clock.refresh?.();
        const bundle = await buildSampleBundle(
          db.pool,
          loadSecrets(cfg),
          loadLogKeys(cfg.dataDir).publicKeyPem,
          { auditorKey, n, cycle, clock },
        );
        if (typeof bundle === "string") throw new UserError(bundle, 1);
        writeFileSync(o.out, JSON.stringify(bundle, null, 2));
        process.stdout.write(
          `drew ${bundle.pseudonyms.length} of ${bundle.population} members of cycle ${bundle.cycle} (seed: head of size ${bundle.seed.size}); evidence sealed to the auditor in ${o.out}\n`,
        );
      });
    });
}

function registerOpen(audit: Command): void {
  audit
    .command("sample-open")
    .description(
      "the auditor's side: redraw the sample from the public export, open the evidence and check it",
    )
    .requiredOption("--key <PEM_FILE>", "the auditor's X25519 private key")
    .requiredOption("--bundle <FILE>", "the bundle `huzhu audit sample` wrote")
    .requiredOption("--public <FILE|URL>", "the published log export")
    .option("--show", "print the evidence (real names) to stdout")
    .action(async (o: { key: string; bundle: string; public: string; show?: boolean }) => {
      let bundle: SampleBundle;
      try {
        bundle = JSON.parse(readText(o.bundle, "--bundle")) as SampleBundle;
      } catch (e) {
        throw e instanceof UserError ? e : new UserError(`--bundle: ${o.bundle} is not JSON`);
      }
      if (bundle?.kind !== "huzhu-sampling-audit" || !Array.isArray(bundle.pseudonyms))
        throw new UserError(`--bundle: ${o.bundle} is not a sampling-audit bundle`);
      const today = civilDateOfInstant(Date.now());
      const r = openSampleBundle(bundle, readText(o.key, "--key"), await loadPublicExport(o.public), today);
      if (o.show) process.stdout.write(`${JSON.stringify(r.evidence, null, 2)}\n`);
      if (r.problems.length > 0) {
        process.stderr.write(`huzhu audit sample-open: ${r.problems.join("\n  also: ")}\n`);
        process.exitCode = 1;
        return;
      }
      const k = Math.max(1, Math.ceil(bundle.population / 100));
      process.stdout.write(
        `sample verified: ${bundle.pseudonyms.length} of ${bundle.population} drawn by the seed, every record opened and valid; were ${k} of them fake (1%), a sample this size would draw one with probability ${detectionProbability(bundle.population, k, bundle.pseudonyms.length).toFixed(3)}\n`,
      );
    });
}

/** The sampling audit's two sides, as subcommands of `huzhu audit` (registered after the log's commands). */
export function registerSampleCommands(program: Command): void {
  const audit = program.commands.find((c) => c.name() === "audit");
  if (!audit) throw new Error("invariant violated: `huzhu audit` is registered before its subcommands");
  registerSample(audit);
  registerOpen(audit);
}
