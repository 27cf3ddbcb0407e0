import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isRegisteredProblem, problemBody } from "../../src/http/problems.ts";
import "../../src/http/routes/index.ts"; // the routes add their codes to the registry as they load

const SRC = join(import.meta.dirname, "..", "..", "src");
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );

/**
 * Every code a refusal can carry, read from the source: `fail("code", …)`, a domain `problem("code", …)`
 * (use cases pass those on with `fail(r.error.code, …)`), and `code: "…"` in a problem object.
 */
function raisedCodes(): Map<string, string> {
  const found = new Map<string, string>();
  const patterns = [/\bfail\(\s*"([a-z_]+)"/g, /\bproblem\(\s*"([a-z_]+)"/g, /\bcode:\s*"([a-z_]+)"/g];
  for (const file of files(SRC)) {
    // the import's local `problem(field, message)` names a column, not a code
    if (file.endsWith(join("import", "rows.ts"))) continue;
    // a checkpoint's failure codes are what a verifier translates for its reader, never an HTTP refusal
    if (file.endsWith(join("domain", "checkpoint.ts"))) continue;
    const text = readFileSync(file, "utf8");
    for (const re of patterns)
      for (const m of text.matchAll(re)) if (m[1] !== "custom") found.set(m[1]!, file.slice(SRC.length + 1)); // zod's issue kind, not ours
  }
  return found;
}

describe("the problem registry", () => {
  it("registers every code that src raises", () => {
    const codes = raisedCodes();
    expect(codes.size).toBeGreaterThan(40);
    const missing = [...codes].filter(([code]) => !isRegisteredProblem(code)).map(([c, f]) => `${c} (${f})`);
    expect(missing).toEqual([]);
  });

  it("gives a registered code its own status and title, not 400 with the code as title", () => {
    expect(problemBody({ code: "invalid_amount", message: "x" })).toMatchObject({ status: 400 });
    expect(problemBody({ code: "not_covered", message: "x" })).toMatchObject({
      status: 422,
      title: "The plan does not cover this",
    });
  });
});
