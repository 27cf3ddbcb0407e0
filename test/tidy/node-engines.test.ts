import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

// semver comes with npm's own tree (fastify depends on it); only its `satisfies` and `minVersion` are used.
const semver = createRequire(import.meta.url)("semver") as {
  satisfies(version: string, range: string): boolean;
  minVersion(range: string): { version: string } | null;
};

type Lock = { packages: Record<string, { version?: string; engines?: { node?: string } }> };

const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { engines: { node: string } };
const lock = JSON.parse(readFileSync("package-lock.json", "utf8")) as Lock;
const oldestNode = semver.minVersion(pkg.engines.node)?.version ?? "";

describe("the Node.js version the README and package.json promise", () => {
  it("package.json's engines and the README say the same oldest Node.js", () => {
    // ">=20.19" → 20.19.0, and the README's requirement line names 20.19
    expect(oldestNode).toBe("20.19.0");
    expect(readFileSync("README.md", "utf8")).toContain("Node.js ≥ 20.19");
  });

  it("every installed package (package-lock.json) supports that Node.js", () => {
    const conflicts = Object.entries(lock.packages)
      .filter(([, p]) => p.engines?.node && !semver.satisfies(oldestNode, p.engines.node))
      .map(([path, p]) => `${path}@${p.version}: node ${p.engines?.node}`);
    expect(conflicts).toEqual([]);
  });
});
