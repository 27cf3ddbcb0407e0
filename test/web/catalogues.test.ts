import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { splitCatalogue } from "../../web/catalogue-split.ts";
import en from "../../web/src/i18n/en.json" with { type: "json" };
import zhCN from "../../web/src/i18n/zh-CN.json" with { type: "json" };

const webSrc = join(import.meta.dirname, "..", "..", "web", "src");

/** Every leaf key of a catalogue, dotted. */
function keys(o: object, prefix = ""): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    typeof v === "object" && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

function sources(dir = webSrc): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".tsx") ? [join(dir, e.name)] : [],
  );
}

// Attributes a person reads or hears (screen readers); their values must come from the catalogues.
const VISIBLE_ATTRIBUTES = new Set([
  "aria-label",
  "title",
  "placeholder",
  "alt",
  "label",
  "aria-description",
]);

/** The literal texts a person would see in a .tsx file: JSX text and visible attributes given as strings. */
function literalTexts(file: string): string[] {
  const source = ts.createSourceFile(
    file,
    readFileSync(file, "utf8"),
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.TSX,
  );
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && /[\p{L}\p{N}]/u.test(node.text)) found.push(node.text.trim());
    if (
      ts.isJsxExpression(node) &&
      ts.isJsxElement(node.parent) &&
      node.expression &&
      ts.isStringLiteralLike(node.expression) &&
      /\p{L}/u.test(node.expression.text)
    )
      found.push(node.expression.text);
    if (ts.isJsxAttribute(node) && VISIBLE_ATTRIBUTES.has(node.name.getText()) && node.initializer) {
      const init = node.initializer;
      const literal = ts.isStringLiteral(init)
        ? init
        : ts.isJsxExpression(init) && init.expression && ts.isStringLiteralLike(init.expression)
          ? init.expression
          : undefined;
      if (literal && /\p{L}/u.test(literal.text)) found.push(`${node.name.getText()}="${literal.text}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The keys the code asks for with t("…") as a literal. */
function usedKeys(file: string): string[] {
  return [...readFileSync(file, "utf8").matchAll(/\bt\(\s*"([a-zA-Z0-9_.]+)"/g)].map((m) => m[1]!);
}

describe("the member app's message catalogues", () => {
  it("zh-CN and en have the same keys, none empty", () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
    const empty = [en, zhCN].flatMap((c) =>
      keys(c).filter(
        (k) => k.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], c) === "",
      ),
    );
    expect(empty).toEqual([]);
  });

  it("no user-visible string in a component is outside the catalogues", () => {
    const offenders = sources().flatMap((f) =>
      literalTexts(f).map((s) => `${f.slice(webSrc.length + 1)}: ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  it("the scanner finds literal text and visible attributes (so the check above can fail)", () => {
    const probe = join(import.meta.dirname, "fixtures", "literal.tsx.txt");
    expect(literalTexts(probe)).toEqual(['aria-label="Close"', "Pay now", 'placeholder="Mobile"', "Later"]);
  });

  it("every key the code asks for is in the catalogues", () => {
    const all = new Set(keys(zhCN));
    const missing = sources().flatMap((f) =>
      usedKeys(f)
        .filter((k) => !all.has(k))
        .map((k) => `${f.slice(webSrc.length + 1)}: ${k}`),
    );
    expect(missing).toEqual([]);
  });

  it("split at build time, the first screen's part has every key the first screen asks for, and the parts are the catalogue", () => {
    // the first chunk's screens and components (routes.tsx imports them eagerly); the nav's labels by key
    const first = ["components/layout.tsx", "components/status.tsx", "pages/home.tsx", "pages/not-found.tsx"];
    const navKeys = [
      ...readFileSync(join(webSrc, "components/layout.tsx"), "utf8").matchAll(/key: "([a-zA-Z.]+)"/g),
    ].map((m) => m[1]!);
    expect(navKeys).toContain("claims.nav");
    for (const c of [zhCN, en]) {
      const { shell, screens } = splitCatalogue(c);
      const inShell = new Set(keys(shell));
      const asked = [...first.flatMap((f) => usedKeys(join(webSrc, f))), ...navKeys, "app.languages.en"];
      expect(asked.filter((k) => !inShell.has(k))).toEqual([]);
      // every leaf in exactly one part
      expect([...keys(shell), ...keys(screens)].sort()).toEqual(keys(c).sort());
      // the claims screens' strings are not in the first chunk
      expect([...inShell].filter((k) => k.startsWith("claims."))).toEqual(["claims.nav"]);
    }
  });
});
