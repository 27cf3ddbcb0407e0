import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/** A file longer than this is more than one role (style.md: small single-role modules). */
const fileLinesMax = 600;

/**
 * The files allowed over the limit, each with its reason. Expected empty once issue 16 is merged:
 * each entry is a file its package splits (RESTRUCTURE-PLAN §1), and goes with it.
 */
const exceptions: Readonly<Record<string, string>> = {
  "src/services/claims.service.ts": "issue 16: package C splits it into src/claims/* (plan §1.3)",
  "src/services/cycles.service.ts": "issue 16: package B splits it into src/cycles/* (plan §1.2)",
  "src/services/governance.service.ts": "issue 16: package D splits it into src/governance/* (plan §1.4)",
};

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
