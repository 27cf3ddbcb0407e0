import { existsSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import type { ServiceDeps } from "../deps.ts";
import { entryOf, keyFileName, readManifest, writeEntry } from "./keyring.ts";
import { keysRepository, type RotationRow } from "./keys.repository.ts";
import { type DataPurpose, ringOf } from "./rotate.ts";

/**
 * Retires a rotation's old version once nothing uses it: the manifest marks it retired (so it is never
 * made again), its file is deleted, then the rotation is recorded as done. A crash between the steps is
 * taken up again by the next run: each step is idempotent. An older data dir's version 1, derived from
 * `secret.key`, has no file of its own: it is no longer derived (the master file still gives the
 * pseudonym key).
 */
export async function retireOld(deps: ServiceDeps, purpose: DataPurpose, r: RotationRow): Promise<void> {
  const ring = ringOf(deps.secrets, purpose);
  const entry = entryOf(readManifest(ring.keysDir), purpose);
  if (!entry.retired.includes(r.fromVersion))
    writeEntry(ring.keysDir, purpose, {
      current: entry.current,
      retired: [...entry.retired, r.fromVersion].sort((a, b) => a - b),
    });
  const file = join(ring.keysDir, keyFileName(purpose, r.fromVersion));
  if (existsSync(file)) unlinkSync(file);
  await keysRepository.markRetired(deps.pool, r.rotationId, new Date(deps.clock.now()));
  ring.refresh();
  deps.logger.info(
    { purpose, retiredVersion: r.fromVersion, currentVersion: r.toVersion },
    "key version retired",
  );
}
