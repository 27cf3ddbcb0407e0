import type { FastifyInstance, FastifyRequest } from "fastify";
import { limits } from "../limits.ts";
import { fail } from "./problems.ts";
import { refusedCharacterIn } from "./schema.ts";

/**
 * The nesting depth of a JSON text, counted without parsing (one pass, no recursion), stopping as soon
 * as it passes `max`: deep bodies are refused before anything (a digest, a stringify) recurses over them.
 */
export function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/** The JSON body parser: depth first, then JSON.parse; both refusals are 400 problems. */
export function parseJsonBody(text: string): unknown {
  if (text.length === 0) return undefined;
  if (jsonDepthExceeds(text, limits.jsonDepthMax))
    return fail("validation", `the body nests deeper than ${limits.jsonDepthMax} levels`, "body");
  try {
    return JSON.parse(text);
  } catch {
    return fail("validation", "the body is not valid JSON", "body");
  }
}

/** The first string (key or value) holding a refused character, with its dotted path. */
function findRefused(value: unknown, path: string): { field: string; char: string } | undefined {
  if (typeof value === "string") {
    const char = refusedCharacterIn(value);
    return char ? { field: path, char } : undefined;
  }
  if (value === null || typeof value !== "object" || Buffer.isBuffer(value)) return undefined;
  for (const [k, v] of Object.entries(value)) {
    const at = path ? `${path}.${k}` : k;
    const inKey = refusedCharacterIn(k);
    if (inKey) return { field: at, char: inKey };
    const found = findRefused(v, at);
    if (found) return found;
  }
  return undefined;
}

/**
 * Control characters (NUL included) and bidi overrides are refused in every part of every request, before
 * the route's schema runs; the route's schemas refuse line breaks where a field is one line.
 */
export function installInputGuards(app: FastifyInstance): void {
  app.addHook("preValidation", async (request: FastifyRequest) => {
    const parts = [
      ["params", request.params],
      ["query", request.query],
      ["body", request.body],
    ] as const;
    for (const [part, value] of parts) {
      const found = findRefused(value, "");
      if (found)
        fail(
          "validation",
          `${found.field || part}: must not contain control or bidi-override characters (${found.char})`,
          found.field || part,
        );
    }
  });
}
