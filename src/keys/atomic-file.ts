import { closeSync, fsyncSync, openSync, renameSync, writeSync } from "node:fs";

/** Writes a file so that a reader (or a restart after a crash) sees the old or the new content, whole. */
export function writeAtomically(file: string, content: string | Uint8Array, mode = 0o644): void {
  const tmp = `${file}.tmp`;
  const fd = openSync(tmp, "w", mode);
  try {
    writeSync(fd, typeof content === "string" ? Buffer.from(content, "utf8") : content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}
