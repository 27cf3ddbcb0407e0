import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";

// Issue 16's "Done when": SQL only in a feature's repository (and src/store/), and the HTTP edge imported
// only by itself and the feature routes.

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.(ts|mts)$/.test(e.name) ? [path] : [];
  });
}

const mayQuery = (f: string) => f.endsWith(".repository.ts") || f.startsWith(join("src", "store"));

/**
 * Calls named `.query` that are no SQL, each with its reason: the call-site text. (Files of other
 * packages, if any, would be listed here as "owned by another package"; there are none today.)
 */
const notSql: Readonly<Record<string, string>> = {
  "deps.payments.query(": "the payment provider port asks the provider what it knows of a key: no SQL",
  "inner.query(key)": "the payment guard (payments/guarded.ts) passes a query on to the provider: no SQL",
  "payments.query(req.key)": "executeOrAsk (payments/port.ts) asks the provider after a timeout: no SQL",
};

/** Every `.query(` or `.query<` call of a file outside a repository and src/store/, as `file:line: text`. */
function queryCalls(file: string, source: string): string[] {
  if (mayQuery(file)) return [];
  return source
    .split("\n")
    .map((text, i) => ({ text, line: i + 1 }))
    .filter(({ text }) => /\.query\s*[(<]/.test(text))
    .filter(({ text }) => !Object.keys(notSql).some((allowed) => text.includes(allowed)))
    .map(({ text, line }) => `${file}:${line}: ${text.trim()}`);
}

/** Every import of a module under src/http/ by a file outside src/http/ that is no `*.routes.ts`. */
function httpImports(file: string, source: string): string[] {
  const http = join("src", "http");
  if (file.startsWith(`${http}/`) || file.endsWith(".routes.ts")) return [];
  return [...source.matchAll(/(?:from\s+|import\s*\(\s*)["'](\.[^"']+)["']/g)]
    .map((m) => relative(".", join(dirname(file), m[1]!)))
    .filter((target) => target.startsWith(`${http}/`))
    .map((target) => `${file} imports ${target}`);
}

describe("the layers' boundaries (issue 16)", () => {
  const files = sourceFiles("src").map((f) => ({ f, source: readFileSync(f, "utf8") }));

  it("nothing outside a feature's *.repository.ts and src/store/ calls .query (SQL)", () => {
    expect(files.flatMap(({ f, source }) => queryCalls(f, source))).toEqual([]);
  });

  it("the check finds SQL calls in a use case, and passes over the provider port's and a repository's", () => {
    const source = [
      "  await deps.pool.query(`SELECT 1`);",
      "  const { rows } = await tx.query<{ n: number }>(",
      "  await deps.payments.query(key);",
      "  const q = Page.parse(request.query);",
    ].join("\n");
    expect(queryCalls("src/payments/probe.ts", source)).toEqual([
      "src/payments/probe.ts:1: await deps.pool.query(`SELECT 1`);",
      "src/payments/probe.ts:2: const { rows } = await tx.query<{ n: number }>(",
    ]);
    expect(queryCalls("src/payments/payments.repository.ts", source)).toEqual([]);
    expect(queryCalls("src/store/db.ts", source)).toEqual([]);
  });

  it("every allowed call site still exists (remove an entry nothing calls)", () => {
    const stale = Object.keys(notSql).filter(
      (allowed) => !files.some(({ source }) => source.includes(allowed)),
    );
    expect(stale).toEqual([]);
  });

  it("nothing outside src/http/ and the feature routes imports from src/http/", () => {
    expect(files.flatMap(({ f, source }) => httpImports(f, source))).toEqual([]);
  });

  it("the import check sees static and dynamic imports into src/http/, and lets routes and src/http/ be", () => {
    const source = 'import { x } from "../http/problems.ts";\nconst m = await import("../http/app.ts");';
    expect(httpImports("src/cycles/announce.ts", source)).toEqual([
      "src/cycles/announce.ts imports src/http/problems.ts",
      "src/cycles/announce.ts imports src/http/app.ts",
    ]);
    expect(httpImports("src/cycles/cycles.routes.ts", source)).toEqual([]);
    expect(httpImports("src/http/server.ts", 'import { y } from "./app.ts";')).toEqual([]);
  });
});
