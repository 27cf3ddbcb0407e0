import { join } from "node:path";
import type { ServiceDeps } from "../deps.ts";
import { fail } from "../errors.ts";
import { loadKeyFile, type Secrets } from "../secrets.ts";
import { withTransaction } from "../store/db.ts";
import { entryOf, type KeyRing, keyFileName, readManifest, writeEntry } from "./keyring.ts";
import { keysRepository, type RotationRow } from "./keys.repository.ts";

/** The purposes whose stored data a rotation walks (the log's signing key: log-key.ts). */
export type DataPurpose = "personal-data" | "lookup-hash";

export function ringOf(secrets: Secrets, purpose: DataPurpose): KeyRing & { keysDir: string } {
  const ring = purpose === "personal-data" ? secrets.personalRing : secrets.lookupRing;
  if (!ring?.keysDir)
    return fail("conflict", `the ${purpose} key is not kept in files here: nothing to rotate`);
  return ring as KeyRing & { keysDir: string };
}

/**
 * Starts rotating a purpose's key: a new version's file, a rotation row, then the manifest names the new
 * version current — from then on every process encrypts (or hashes) under it (a running one within
 * seconds, keyring.ts) and reads under both. The batches (batches.ts) then move what is stored; the old
 * version retires when nothing uses it. Asked again while one runs, it answers that one (and finishes
 * its start, should a crash have cut it short).
 */
export async function startRotation(deps: ServiceDeps, purpose: DataPurpose): Promise<RotationRow> {
  const ring = ringOf(deps.secrets, purpose);
  const running = await keysRepository.running(deps.pool, purpose);
  const entry = entryOf(readManifest(ring.keysDir), purpose);
  if (running) {
    if (entry.current !== running.toVersion)
      writeEntry(ring.keysDir, purpose, { ...entry, current: running.toVersion });
    ring.refresh();
    return running;
  }
  const toVersion = Math.max(entry.current, ...entry.retired) + 1;
  if (toVersion > 255)
    fail("conflict", `the ${purpose} key has had 254 rotations: no version number is left`);
  loadKeyFile(join(ring.keysDir, keyFileName(purpose, toVersion)));
  const row = await withTransaction(deps.pool, (tx) =>
    keysRepository.insertRotation(tx, {
      purpose,
      fromVersion: entry.current,
      toVersion,
      at: new Date(deps.clock.now()),
    }),
  );
  writeEntry(ring.keysDir, purpose, { ...entry, current: toVersion });
  ring.refresh();
  deps.logger.info({ purpose, fromVersion: entry.current, toVersion }, "key rotation started");
  return row;
}
