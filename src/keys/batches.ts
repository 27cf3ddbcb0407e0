import type { ServiceDeps } from "../deps.ts";
import { limits } from "../limits.ts";
import {
  cipherKeyVersion,
  decryptPersonal,
  decryptPersonalBytes,
  decryptPersonalRecord,
  encryptPersonal,
  lookupHashUnder,
} from "../secrets.ts";
import { type Tx, withTransaction } from "../store/db.ts";
import { documentsBatch, documentsStale } from "./documents.ts";
import { keysRepository, lookupColumns, type RotationRow } from "./keys.repository.ts";
import { retireOld } from "./retire.ts";
import { type DataPurpose, ringOf } from "./rotate.ts";
import { CIPHER_TARGETS, LOOKUP_TARGETS, type LookupTarget } from "./targets.ts";

/** Targets of a purpose: its tables, then (personal data) the claim documents' files. */
const targetCount = (purpose: DataPurpose) =>
  purpose === "personal-data" ? CIPHER_TARGETS.length + 1 : LOOKUP_TARGETS.length;

type Moved = { rows: number; cursor: string[] | null };

/** One batch of a table's ciphertexts, decrypted under their version and encrypted under the current. */
async function cipherStep(deps: ServiceDeps, tx: Tx, r: RotationRow, limit: number): Promise<Moved> {
  const t = CIPHER_TARGETS[r.progress.target]!;
  const rows = await keysRepository.cipherBatch(tx, t, {
    version: r.toVersion,
    cursor: r.progress.cursor,
    limit,
  });
  for (const row of rows) {
    const values = row.values.map((v) =>
      v && cipherKeyVersion(v) !== r.toVersion
        ? encryptPersonal(deps.secrets, decryptPersonalBytes(deps.secrets, v))
        : null,
    );
    await keysRepository.setCiphers(tx, t, { key: row.key, values });
  }
  return { rows: rows.length, cursor: rows.length === limit ? rows.at(-1)!.key : null };
}

/** The value a lookup hash is of: the personal record's field, else the per-field ciphertext. */
function lookupValues(deps: ServiceDeps, t: LookupTarget, values: (Buffer | null)[]): (string | null)[] {
  const cols = lookupColumns(t);
  const at = (c: string) => values[cols.indexOf(c)] ?? null;
  const recordCipher = cols.includes("personal_cipher") ? at("personal_cipher") : null;
  const record = recordCipher ? decryptPersonalRecord(deps.secrets, recordCipher) : null;
  return t.lookups.map((l) => {
    if (record && l.recordField) return record[l.recordField];
    const c = l.valueCipher ? at(l.valueCipher) : null;
    return c ? decryptPersonal(deps.secrets, c) : null;
  });
}

/** One batch of a table's lookup hashes, recomputed under the current version from the values beside them. */
async function lookupStep(deps: ServiceDeps, tx: Tx, r: RotationRow, limit: number): Promise<Moved> {
  const t = LOOKUP_TARGETS[r.progress.target]!;
  const key = ringOf(deps.secrets, "lookup-hash").get(r.toVersion)!;
  const rows = await keysRepository.lookupBatch(tx, t, {
    version: r.toVersion,
    cursor: r.progress.cursor,
    limit,
  });
  for (const row of rows) {
    const plain = lookupValues(deps, t, row.values);
    const values = t.lookups.map((l, i) => {
      const old = row.values[i];
      const value = plain[i];
      const current = old && old.length === 33 && old[0] === r.toVersion;
      return old && !current && value !== null && value !== undefined
        ? lookupHashUnder(r.toVersion, key, l.kind, value)
        : null;
    });
    await keysRepository.setLookups(tx, t, { key: row.key, values });
  }
  return { rows: rows.length, cursor: rows.length === limit ? rows.at(-1)!.key : null };
}

/** One batch and its progress, in one transaction; "check" once every target is passed. */
async function oneBatch(deps: ServiceDeps, purpose: DataPurpose, limit: number) {
  return withTransaction(deps.pool, async (tx) => {
    const r = await keysRepository.running(tx, purpose, true);
    if (!r) return { step: "none" as const };
    if (r.progress.target >= targetCount(purpose)) return { step: "check" as const, r };
    const moved =
      purpose === "lookup-hash"
        ? await lookupStep(deps, tx, r, limit)
        : r.progress.target === CIPHER_TARGETS.length
          ? documentsBatch(deps, r, limit)
          : await cipherStep(deps, tx, r, limit);
    // the crash tests' hook: a kill here loses this batch's work and its progress together
    deps.checkpoint?.("keys.batch");
    const next = moved.cursor
      ? { ...r.progress, cursor: moved.cursor }
      : { target: r.progress.target + 1, cursor: null, pass: r.progress.pass };
    await keysRepository.saveProgress(tx, r.rotationId, next, moved.rows);
    return { step: "batch" as const, rows: moved.rows };
  });
}

/** What is still under another version than the current, across every target. */
export async function staleCount(deps: ServiceDeps, purpose: DataPurpose, version: number): Promise<number> {
  let n = 0;
  if (purpose === "personal-data") {
    for (const t of CIPHER_TARGETS) n += await keysRepository.cipherStaleCount(deps.pool, t, version);
    return n + documentsStale(deps, version);
  }
  for (const t of LOOKUP_TARGETS) n += await keysRepository.lookupStaleCount(deps.pool, t, version);
  return n + (await keysRepository.liveCodesNotUnder(deps.pool, version, new Date(deps.clock.now())));
}

export type BatchOutcome = "none" | "more" | "retired" | "waiting";

/**
 * Moves up to `maxBatches` batches of a purpose's running rotation. After the last target it counts
 * what is still under an older version (written by a process that had not yet seen the new one, or
 * live one-time codes): none, and the old version is retired; some, and another pass starts (or, for
 * codes that cannot be recomputed, the rotation waits for them to expire).
 */
export async function runBatches(
  deps: ServiceDeps,
  purpose: DataPurpose,
  o: { maxBatches?: number; batchRows?: number } = {},
): Promise<BatchOutcome> {
  ringOf(deps.secrets, purpose).refresh();
  for (let i = 0; i < (o.maxBatches ?? limits.keys.batchesPerJob); i++) {
    const b = await oneBatch(deps, purpose, o.batchRows ?? limits.keys.batchRows);
    if (b.step === "none") return "none";
    if (b.step === "batch") continue;
    const left = await staleCount(deps, purpose, b.r.toVersion);
    if (left === 0) {
      await retireOld(deps, purpose, b.r);
      return "retired";
    }
    const tableRowsLeft = left - (purpose === "lookup-hash" ? await liveCodes(deps, b.r.toVersion) : 0);
    if (tableRowsLeft === 0) return "waiting";
    await keysRepository.saveProgress(
      deps.pool,
      b.r.rotationId,
      { target: 0, cursor: null, pass: b.r.progress.pass + 1 },
      0,
    );
    deps.logger.info({ purpose, left, pass: b.r.progress.pass + 1 }, "key rotation: another pass");
  }
  return "more";
}

const liveCodes = (deps: ServiceDeps, version: number) =>
  keysRepository.liveCodesNotUnder(deps.pool, version, new Date(deps.clock.now()));
