import { existsSync, unlinkSync } from "node:fs";
import type { ServiceDeps } from "../deps.ts";
import { handOverText, logKeyChain } from "../domain/checkpoint.ts";
import { parseVkey, type Vkey } from "../domain/note.ts";
import { sha256 } from "../domain/sha256.ts";
import { fail } from "../errors.ts";
import { appendLogEntry } from "../log/append.ts";
import { sequenceLog } from "../log/sequencer.ts";
import {
  createLogKeyFile,
  logKeyFile,
  logKeysOfVersion,
  nodeVerifyEd25519,
  publicKeyFromRaw,
  signNoteText,
} from "../log-keys.ts";
import type { Queryable } from "../store/db.ts";
import { withTransaction } from "../store/db.ts";
import { entryOf, readManifest, writeEntry } from "./keyring.ts";
import { keysRepository, type RotationRow } from "./keys.repository.ts";

/*
 * The log-signing key's hand-over (issue 20), in two steps an operator runs with the witnesses between:
 * `announce` makes the next version, records a `log_key` entry carrying the hand-over note (signed by the
 * old key and by the new) and signs the head that includes it with the old key; the operator then adds
 * the new vkey to every witness (`--log`, beside the old) and to the charter; `handOver` makes the new
 * version the one that signs and retires the old (its private key file deleted).
 */

const hash = (b: Uint8Array) => sha256(Buffer.from(b));
type Where = { readonly dataDir: string; readonly keysDir: string };

export async function announceLogKey(
  deps: ServiceDeps,
  where: Where,
): Promise<{ row: RotationRow; note: string }> {
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
  const row = await withTransaction(deps.pool, async (tx) => {
    const r = await keysRepository.insertRotation(tx, {
      purpose: "log-signing",
      fromVersion: entry.current,
      toVersion,
      at: new Date(deps.clock.now()),
    });
    await appendLogEntry(tx, "log_key", { from: deps.logKeys.vkey, to: next.vkey, handOver: note });
    return r;
  });
  // the head that includes the announcement is the old key's last word on it
  await sequenceLog(deps.pool, deps.logKeys, deps.clock);
  deps.logger.info({ fromVersion: entry.current, toVersion, to: next.vkey }, "log key hand-over announced");
  return { row, note };
}

/** The new version signs from now on; the old one's private key is deleted. */
export async function handOverLogKey(deps: ServiceDeps, where: Where): Promise<RotationRow> {
  const r =
    (await keysRepository.running(deps.pool, "log-signing")) ??
    fail("conflict", "no log key hand-over is announced (huzhu keys rotate log-signing)");
  // whatever waits is still signed by the old key, under the announcement
  await sequenceLog(deps.pool, deps.logKeys, deps.clock);
  const entry = entryOf(readManifest(where.keysDir), "log-signing");
  writeEntry(where.keysDir, "log-signing", {
    current: r.toVersion,
    retired: [...new Set([...entry.retired, r.fromVersion])].sort((a, b) => a - b),
  });
  const old = logKeyFile(where.dataDir, r.fromVersion);
  if (existsSync(old)) unlinkSync(old);
  await keysRepository.markRetired(deps.pool, r.rotationId, new Date(deps.clock.now()));
  deps.logKeys.refresh?.();
  deps.logger.info({ retiredVersion: r.fromVersion, currentVersion: r.toVersion }, "log key handed over");
  return r;
}

/** Every hand-over note the log recorded, in log order (served beside the log key, for verifiers). */
export async function handOvers(q: Queryable): Promise<string[]> {
  return (await keysRepository.logKeyEntries(q)).map((e) => (JSON.parse(e) as { handOver: string }).handOver);
}

/**
 * The log keys of the recorded hand-overs (beside the current one, whose heads an audit accepts): the
 * first one's old key and each key well-signed hand-overs chain from it; none when none was recorded.
 */
export async function announcedLogKeys(q: Queryable): Promise<Vkey[]> {
  const notes = await handOvers(q);
  const firstFrom = notes.length ? /\nfrom (\S+)\n/.exec(notes[0]!)?.[1] : undefined;
  const start = firstFrom ? parseVkey(hash, firstFrom) : null;
  return start ? logKeyChain(nodeVerifyEd25519, hash, start, notes) : [];
}

/** A vkey's public key, for the JSON head signatures. */
export const publicKeyOfVkey = (k: Vkey) => publicKeyFromRaw(k.publicKey);
