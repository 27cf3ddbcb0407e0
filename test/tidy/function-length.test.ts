import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

/**
 * Biome enforces the 70-line function limit (`complexity/noExcessiveLinesPerFunction` in biome.jsonc,
 * run by `npm run lint`). Its exceptions are overrides that turn the rule off per file: this test keeps
 * that list honest, so an entry does not outlive the long function it excused.
 */
type Override = { includes?: string[]; linter?: { rules?: { complexity?: Record<string, unknown> } } };

type BiomeConfig = { linter: { rules: { complexity: Record<string, unknown> } }; overrides: Override[] };

/** biome.jsonc without its comments: every comment there is a whole line. */
function biomeConfig(): BiomeConfig {
  const text = readFileSync("biome.jsonc", "utf8")
    .split("\n")
    .filter((l) => !l.trimStart().startsWith("//"))
    .join("\n");
  return JSON.parse(text);
}

const ruleName = "noExcessiveLinesPerFunction";

describe("the function-length exceptions", () => {
  const excused = biomeConfig()
    .overrides.filter((o) => o.linter?.rules?.complexity?.[ruleName] === "off")
    .flatMap((o) => o.includes ?? []);

  it("the rule is on for src/, bench/ and bin/ at 70 lines", () => {
    expect(biomeConfig().linter.rules.complexity[ruleName]).toEqual({
      level: "error",
      options: { maxLines: 70 },
    });
    expect(excused.filter((p) => /^(src|bench|bin)\/\*\*$/.test(p))).toEqual([]);
  });

  it("only test/** is exempt as a folder; every other exception names a file that exists", () => {
    const files = excused.filter((p) => p !== "test/**");
    expect(files.filter((p) => p.includes("*"))).toEqual([]);
    expect(files.filter((p) => !existsSync(p))).toEqual([]);
  });
});
