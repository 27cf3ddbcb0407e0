import { readFileSync, writeFileSync } from "node:fs";
import type { Command } from "commander";
import { withDatabase } from "../../cli/database.ts";
import { UserError } from "../../cli/user-error.ts";
import { civilDateOfInstant } from "../../domain/calendar.ts";
import type { SeedPins } from "../../domain/public-audit/sample.ts";
import { detectionProbability } from "../../domain/public-audit/sample.ts";
import { limits } from "../../limits.ts";
import { loadLogKeys } from "../../log-keys.ts";
import { appClock } from "../../operations/dev-clock.ts";
import { loadSecrets } from "../../secrets.ts";
import { parsePins } from "../../verify/checkpoint.ts";
import { loadPublicExport } from "../public/run-public-audit.ts";
import { buildSampleBundle, openSampleBundle, type SampleBundle } from "./sample.ts";
import { x25519PublicKey } from "./seal.ts";

type SampleOptions = {
  auditorKey: string;
  n: string;
  out: string;
  cycle?: string;
  witness: string[];
  quorum?: string;
};
type OpenOptions = {
  key: string;
  bundle: string;
  public: string;
  logKey: string;
  witness: string[];
  quorum?: string;
  show?: boolean;
};

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

const collect = (v: string, all: string[]) => [...all, v];

/** The seed's pins: the log's key and the witnesses (a bad one is a usage error naming it). */
function seedPins(logKey: string, witnesses: readonly string[], quorum: string | undefined): SeedPins {
  if (witnesses.length === 0)
    throw new UserError(
      "--witness: none pinned (or configured in HUZHU_WITNESSES): the sample's seed must be a checkpoint witnesses cosigned",
    );
  const q = quorum === undefined ? witnesses.length : Number(quorum);
  if (quorum !== undefined && !/^[0-9]{1,3}$/.test(quorum)) throw new UserError("--quorum: a whole number");
  const pins = parsePins({ logKey, witnesses, quorum: q, nowMs: 0 }, logKey);
  if (typeof pins === "string") throw new UserError(pins);
  return { ...pins, quorum: q };
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
      "the cycle whose sharing members are sampled (default: the latest with a later cosigned checkpoint)",
    )
    .option(
      "--witness <VKEY>",
      "a witness whose cosignature the seed needs (repeat; default: those in HUZHU_WITNESSES)",
      collect,
      [],
    )
    .option("--quorum <N>", "how many of the witnesses must have cosigned the seed (default: all)")
    .action(async (o: SampleOptions) => {
      const auditorKey = x25519PublicKey(readText(o.auditorKey, "--auditor-key"));
      if (!auditorKey) throw new UserError("--auditor-key: not an X25519 public key in PEM");
      const n = sampleSize(o.n);
      const cycle = cycleOption(o.cycle);
      await withDatabase(async (db, cfg) => {
        const clock = appClock(db.pool, cfg.production);
        await clock.refresh?.();
        const keys = loadLogKeys(cfg.dataDir, cfg.logOrigin, cfg.keysDir);
        const witnesses = o.witness.length > 0 ? o.witness : cfg.witnesses.map((w) => w.vkey);
        const pins = seedPins(keys.vkey, witnesses, o.quorum);
        const bundle = await buildSampleBundle(db.pool, loadSecrets(cfg), keys.publicKeyPem, {
          auditorKey,
          n,
          cycle,
          pins,
          clock,
        });
        if (typeof bundle === "string") throw new UserError(bundle, 1);
        writeFileSync(o.out, JSON.stringify(bundle, null, 2));
        process.stdout.write(
          `drew ${bundle.pseudonyms.length} of ${bundle.population} members of cycle ${bundle.cycle} (seed: the cosigned checkpoint of size ${bundle.seed.size}); evidence sealed to the auditor in ${o.out}\n`,
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
    .requiredOption("--log-key <VKEY>", "the log's verifier key, as the plan's charter publishes it")
    .option("--witness <VKEY>", "a witness whose cosignature the seed needs (repeat)", collect, [])
    .option("--quorum <N>", "how many of the witnesses must have cosigned the seed (default: all)")
    .option("--show", "print the evidence (real names) to stdout")
    .action(async (o: OpenOptions) => {
      const pins = seedPins(o.logKey, o.witness, o.quorum);
      let bundle: SampleBundle;
      try {
        bundle = JSON.parse(readText(o.bundle, "--bundle")) as SampleBundle;
      } catch (e) {
        throw e instanceof UserError ? e : new UserError(`--bundle: ${o.bundle} is not JSON`);
      }
      if (bundle?.kind !== "huzhu-sampling-audit" || !Array.isArray(bundle.pseudonyms))
        throw new UserError(`--bundle: ${o.bundle} is not a sampling-audit bundle`);
      const today = civilDateOfInstant(Date.now());
      const exp = await loadPublicExport(o.public);
      const r = await openSampleBundle(bundle, readText(o.key, "--key"), exp, { today, pins });
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
