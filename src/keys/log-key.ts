import { existsSync, unlinkSync } from "node:fs";
import type { ServiceDeps } from "../deps.ts";
import { handOversInEntries, handOverText } from "../domain/checkpoint.ts";
import { parseNote } from "../domain/note.ts";
import { fail } from "../errors.ts";
import type { ProposalRow } from "../governance/governance.repository.ts";
import {
  adoptLogKeyProposals,
  checkHandOverAllowed,
  proposeLogKey,
} from "../governance/log-key-proposals.ts";
import { appendLogEntry } from "../log/append.ts";
import { logRepository } from "../log/log.repository.ts";
import { sequenceLog } from "../log/sequencer.ts";
import { cosignNote, type Post, type WitnessEndpoint } from "../log/witnessing.ts";
import { createLogKeyFile, logKeyFile, logKeysOfVersion, signNoteText } from "../log-keys.ts";
import type { Queryable } from "../store/db.ts";
import { withTransaction } from "../store/db.ts";
import { entryOf, readManifest, writeEntry } from "./keyring.ts";
import { keysRepository, type RotationRow } from "./keys.repository.ts";

/*
 * The log-signing key's hand-over (issue 20), in two steps with the charter's notice and the witnesses
 * between: `announce` makes the next version, records a `log_key` entry carrying the hand-over note
 * (signed by the old key and by the new), publishes it in every plan as a `log_key` proposal under its
 * charter (src/governance/log-key-proposals.ts) and signs the head that includes it with the old key;
 * `handOver`, once every charter allows it and every configured witness cosigns a checkpoint signed by
 * the new key alone, makes the new version the one that signs and retires the old (its file deleted).
 */

type Where = { readonly dataDir: string; readonly keysDir: string };

export async function announceLogKey(
  deps: ServiceDeps,
  where: Where,
): Promise<{ row: RotationRow; note: string; proposals: ProposalRow[] }> {
  if (await keysRepository.running(deps.pool, "log-signing"))
    fail(
      "conflict",
      "a log key hand-over is already announced: finish it (huzhu keys rotate log-signing --hand-over)",
    );
  const entry = entryOf(readManifest(where.keysDir), "log-signing");
  const toVersion = Math.max(entry.current, ...entry.retired) + 1;
  createLogKeyFile(where.dataDir, toVersion);
  const next = logKeysOfVersion(where.dataDir, toVersion, deps.logKeys.origin);
  const text = handOverText(deps.logKeys.origin, deps.logKeys.vkey, next.vkey);
  const note = `${text}\n${signNoteText(deps.logKeys, text)}${signNoteText(next, text)}`;
  const { row, proposals } = await withTransaction(deps.pool, async (tx) => {
    const r = await keysRepository.insertRotation(tx, {
      purpose: "log-signing",
      fromVersion: entry.current,
      toVersion,
      at: new Date(deps.clock.now()),
    });
    await appendLogEntry(tx, "log_key", { from: deps.logKeys.vkey, to: next.vkey, handOver: note });
    const ps = await proposeLogKey(deps, tx, r.rotationId, { from: deps.logKeys.vkey, to: next.vkey });
    return { row: r, proposals: ps };
  });
  // the head that includes the announcement is the old key's last word on it
  await sequenceLog(deps.pool, deps.logKeys, deps.clock);
  deps.logger.info({ fromVersion: entry.current, toVersion, to: next.vkey }, "log key hand-over announced");
  return { row, note, proposals };
}

/**
 * Every configured witness cosigns the newest head's checkpoint signed by the new key alone: it has
 * been given the new key, so the log's checkpoints keep being witnessed after the hand-over.
 */
async function witnessesAcceptNewKey(deps: ServiceDeps, where: Where, r: RotationRow, opts: HandOverOptions) {
  const witnesses = opts.witnesses ?? deps.witnesses ?? [];
  const head = await logRepository.latestHead(deps.pool);
  if (witnesses.length === 0 || !head?.checkpoint) return;
  const next = logKeysOfVersion(where.dataDir, r.toVersion, deps.logKeys.origin);
  const text = parseNote(head.checkpoint)!.text;
  const note = `${text}\n${signNoteText(next, text)}`;
  for (const w of witnesses) {
    try {
      await cosignNote(deps.pool, w, { size: head.size, note, nowMs: deps.clock.now() }, opts.post);
    } catch (e) {
      fail(
        "conflict",
        `a witness has not accepted the new key: give it --log ${next.vkey} beside the old, then hand over (${(e as Error).message})`,
      );
    }
  }
}

export type HandOverOptions = {
  /** The witnesses to ask (default: the configured ones) and how (tests inject the witness). */
  readonly witnesses?: readonly WitnessEndpoint[];
  readonly post?: Post;
};

/**
 * The new version signs from now on; the old one's private key is deleted. Refused before every plan's
 * charter allows it (the notice, the vote) and while a configured witness refuses the new key.
 */
export async function handOverLogKey(
  deps: ServiceDeps,
  where: Where,
  opts: HandOverOptions = {},
): Promise<RotationRow> {
  const r =
    (await keysRepository.running(deps.pool, "log-signing")) ??
    fail("conflict", "no log key hand-over is announced (huzhu keys rotate log-signing)");
  await checkHandOverAllowed(deps, deps.pool, r.rotationId);
  // whatever waits is still signed by the old key, under the announcement
  await sequenceLog(deps.pool, deps.logKeys, deps.clock);
  await witnessesAcceptNewKey(deps, where, r, opts);
  // the manifest first: a hand-over stopped after it is finished by running it again
  const entry = entryOf(readManifest(where.keysDir), "log-signing");
  writeEntry(where.keysDir, "log-signing", {
    current: r.toVersion,
    retired: [...new Set([...entry.retired, r.fromVersion])].sort((a, b) => a - b),
  });
  await withTransaction(deps.pool, async (tx) => {
    await adoptLogKeyProposals(deps, tx, r.rotationId);
    await keysRepository.markRetired(tx, r.rotationId, new Date(deps.clock.now()));
  });
  const old = logKeyFile(where.dataDir, r.fromVersion);
  if (existsSync(old)) unlinkSync(old);
  deps.logKeys.refresh?.();
  deps.logger.info({ retiredVersion: r.fromVersion, currentVersion: r.toVersion }, "log key handed over");
  return r;
}

/** Every hand-over note the log recorded, in log order (served beside the log key, for verifiers). */
export async function handOvers(q: Queryable): Promise<string[]> {
  return handOversInEntries(await keysRepository.logKeyEntries(q));
}
