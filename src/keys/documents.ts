import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ServiceDeps } from "../deps.ts";
import { cipherKeyVersion, decryptPersonalBytes, encryptPersonal } from "../secrets.ts";
import { writeAtomically } from "./atomic-file.ts";
import type { RotationRow } from "./keys.repository.ts";

/*
 * The claim documents (src/claims/documents.ts): files under the data dir, `documents/<2 hex>/<sha>`,
 * encrypted as the columns are. The personal-data rotation's last target, in name order.
 */

const root = (deps: ServiceDeps) => join(deps.dataDir, "documents");

/** Every document's path under documents/, sorted ("ab/abcdef…"). */
function documentNames(deps: ServiceDeps): string[] {
  const dir = root(deps);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((d) =>
      readdirSync(join(dir, d))
        .filter((f) => !f.endsWith(".tmp"))
        .sort()
        .map((f) => `${d}/${f}`),
    );
}

/** Re-encrypts up to `limit` documents after the cursor under the current version (each replaced whole). */
export function documentsBatch(deps: ServiceDeps, r: RotationRow, limit: number) {
  const after = r.progress.cursor?.[0] ?? "";
  const names = documentNames(deps)
    .filter((n) => n > after)
    .slice(0, limit);
  let rows = 0;
  for (const name of names) {
    const file = join(root(deps), name);
    const blob = readFileSync(file);
    if (cipherKeyVersion(blob) === r.toVersion) continue;
    writeAtomically(file, encryptPersonal(deps.secrets, decryptPersonalBytes(deps.secrets, blob)), 0o600);
    rows++;
  }
  return { rows, cursor: names.length === limit ? [names.at(-1)!] : null };
}

/** Documents not under `version`. */
export function documentsStale(deps: ServiceDeps, version: number): number {
  return documentNames(deps).filter((n) => cipherKeyVersion(readFileSync(join(root(deps), n))) !== version)
    .length;
}
