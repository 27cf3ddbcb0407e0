import type { ServiceDeps } from "../deps.ts";
import { staleCount } from "./batches.ts";
import { entryOf, type KeyPurpose, liveVersions, ROTATABLE, readManifest } from "./keyring.ts";
import { keysRepository, type RotationRow } from "./keys.repository.ts";

export type KeyStatus = {
  readonly purpose: KeyPurpose;
  readonly current: number;
  readonly live: number[];
  readonly retired: number[];
  readonly rotation: (RotationRow & { readonly left: number | null }) | null;
};

/** Each rotatable key's versions, and its rotation in progress with what is left under older versions. */
export async function keysStatus(deps: ServiceDeps, keysDir: string): Promise<KeyStatus[]> {
  const manifest = readManifest(keysDir);
  const out: KeyStatus[] = [];
  for (const purpose of ROTATABLE) {
    const entry = entryOf(manifest, purpose);
    const r = await keysRepository.running(deps.pool, purpose);
    const left = r && purpose !== "log-signing" ? await staleCount(deps, purpose, r.toVersion) : null;
    out.push({
      purpose,
      current: entry.current,
      live: liveVersions(entry),
      retired: entry.retired,
      rotation: r ? { ...r, left } : null,
    });
  }
  return out;
}
