import type { Command } from "commander";
import { serviceDeps, withDatabase } from "../cli/database.ts";
import { UserError } from "../cli/user-error.ts";
import type { Config } from "../config.ts";
import type { ServiceDeps } from "../deps.ts";
import type { Database } from "../store/open.ts";
import { runBatches } from "./batches.ts";
import { announceLogKey, handOverLogKey } from "./log-key.ts";
import { type DataPurpose, startRotation } from "./rotate.ts";
import { keysStatus } from "./status.ts";

const PURPOSES = ["personal-data", "lookup-hash", "log-signing"] as const;

/** The log key: announce (old key signs the hand-over), or hand over (the new one signs from now). */
async function rotateLogKey(handOver: boolean): Promise<void> {
  await withKeyDeps(async (deps, cfg) => {
    const where = { dataDir: cfg.dataDir, keysDir: cfg.keysDir };
    if (handOver) {
      const r = await handOverLogKey(deps, where);
      process.stdout.write(
        `log-signing: version ${r.toVersion} signs from now on; version ${r.fromVersion} is retired (its private key deleted)\n`,
      );
      process.stdout.write(
        "remove the old key's --log from every witness once it has cosigned a checkpoint of the new key\n",
      );
      return;
    }
    const { row, note, proposals } = await announceLogKey(deps, where);
    const to = /\nto (\S+)\n/.exec(note)?.[1] ?? "";
    process.stdout.write(
      `log-signing: version ${row.toVersion} announced in the log, signed by version ${row.fromVersion}\n`,
    );
    process.stdout.write(`new verifier key: ${to}\n`);
    for (const p of proposals)
      process.stdout.write(
        `plan ${p.planId}: proposal ${p.proposalId} published, notice until ${p.effectiveOn}${p.voteRequired ? `, the members vote until ${p.votingClosesOn}` : ""}\n`,
      );
    const on = proposals
      .map((p) => p.effectiveOn!)
      .sort()
      .at(-1);
    process.stdout.write(
      `add it to every witness (--log, beside the old), then${on ? ` on or after ${on}` : ""}: huzhu keys rotate log-signing --hand-over\n`,
    );
  });
}

async function withKeyDeps<T>(fn: (deps: ServiceDeps, cfg: Config) => Promise<T>): Promise<T> {
  return withDatabase(async (db: Database, cfg) => {
    const deps = serviceDeps(db, cfg, { logLevel: "warn", provider: {} });
    await deps.clock.refresh?.();
    return fn(deps, cfg);
  });
}

async function rotate(purpose: DataPurpose, wait: boolean): Promise<void> {
  await withKeyDeps(async (deps) => {
    const r = await startRotation(deps, purpose);
    process.stdout.write(`${purpose}: rotating from version ${r.fromVersion} to ${r.toVersion}\n`);
    if (!wait)
      return void process.stdout.write("the worker's keys.rotate job moves the data (huzhu keys status)\n");
    for (;;) {
      const outcome = await runBatches(deps, purpose);
      if (outcome === "more") continue;
      if (outcome === "retired" || outcome === "none")
        process.stdout.write(
          `${purpose}: every row is under version ${r.toVersion}; version ${r.fromVersion} is retired\n`,
        );
      else
        process.stdout.write(
          `${purpose}: rows moved; waiting for live one-time codes under the old version to expire (run it again, or let the worker finish)\n`,
        );
      return;
    }
  });
}

/** `huzhu keys rotate|status` (docs/operations.md §Rotating keys). */
export function registerKeysCommands(program: Command): void {
  const keys = program.command("keys").description("the keys' versions, and rotating them online");
  keys
    .command("rotate")
    .argument("<PURPOSE>", `the key: ${PURPOSES.join(" or ")}`)
    .option("--no-wait", "only start: the worker's keys.rotate job moves the data")
    .option("--hand-over", "log-signing: after the announcement, the new key signs from now on")
    .description(
      "a new key version: new data under it at once, stored data moved in resumable batches, the old one retired when unused",
    )
    .action((purpose: string, o: { wait: boolean; handOver?: boolean }) => {
      if (!(PURPOSES as readonly string[]).includes(purpose))
        throw new UserError(`keys rotate: ${purpose} is not a key that rotates (${PURPOSES.join(", ")})`);
      if (purpose === "log-signing") return rotateLogKey(o.handOver === true);
      if (o.handOver) throw new UserError("keys rotate: --hand-over is for log-signing only");
      return rotate(purpose as DataPurpose, o.wait);
    });
  keys
    .command("status")
    .description("each key's current, live and retired versions, and the rotation in progress")
    .action(() =>
      withKeyDeps(async (deps, cfg) => {
        for (const s of await keysStatus(deps, cfg.keysDir)) {
          const r = s.rotation;
          const progress = r
            ? `; rotating ${r.fromVersion} → ${r.toVersion}: ${r.batchesDone} batches, ${r.rowsDone} rows moved, ${r.left ?? "?"} left (pass ${r.progress.pass})`
            : "";
          process.stdout.write(
            `${s.purpose}: current v${s.current}, live ${s.live.map((v) => `v${v}`).join(" ")}, retired ${s.retired.length ? s.retired.map((v) => `v${v}`).join(" ") : "none"}${progress}\n`,
          );
        }
      }),
    );
}
