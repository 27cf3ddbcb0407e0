import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { type ServiceDeps, todayOf } from "../deps.ts";
import { fail, ProblemError } from "../errors.ts";
import { importMembers } from "../import/import.ts";

/**
 * `huzhu members import` over HTTP: the uploaded CSV is written to a private temporary file (mode 0600,
 * removed after) and imported as the CLI imports it — all rows or none, every bad row reported by line.
 */
export async function importUpload(
  deps: ServiceDeps,
  upload: Readable & { truncated?: boolean },
  depositSource?: string,
) {
  const dir = mkdtempSync(join(tmpdir(), "huzhu-upload-"));
  const path = join(dir, "members.csv");
  try {
    await pipeline(upload, createWriteStream(path, { mode: 0o600 }));
    if (upload.truncated)
      return fail("payload_too_large", "the file is larger than the import accepts", "file");
    const r = await importMembers(deps.pool, deps.secrets, path, todayOf(deps), {
      at: new Date(deps.clock.now()),
      ...(depositSource === undefined ? {} : { depositSource }),
    });
    if (r.ok) return { members: r.members, participations: r.participations };
    throw new ProblemError({
      code: "validation",
      message: `${r.problems.length} bad row(s); nothing was imported`,
      field: "file",
      errors: r.problems.map((p) => ({ field: `line ${p.line}: ${p.field}`, message: p.message })),
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
