import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/** A file longer than this is more than one role (style.md: small single-role modules). */
const fileLinesMax = 600;

/**
 * The files allowed over the limit, each with its reason (none since issue 16's feature folders).
 */
const exceptions: Readonly<Record<string, string>> = {};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.(ts|mts|js|mjs)$/.test(e.name) ? [path] : [];
  });
}

const linesOf = (path: string) => readFileSync(path, "utf8").split("\n").length;

describe("no source file is over 600 lines", () => {
  it("every file under src/ is at most fileLinesMax lines, or listed with its reason", () => {
    const over = sourceFiles("src")
      .filter((f) => linesOf(f) > fileLinesMax && !(f in exceptions))
      .map((f) => `${f}: ${linesOf(f)} lines`);
    expect(over).toEqual([]);
  });

  it("every exception still needs to be one (remove an entry whose file is gone or short enough)", () => {
    const stale = Object.keys(exceptions).filter((f) => !existsSync(f) || linesOf(f) <= fileLinesMax);
    expect(stale).toEqual([]);
  });
});
