import { z } from "zod";
import { civilDateSchema } from "../domain/civil-date-schema.ts";
import { limits } from "../limits.ts";

/** A zod schema as the JSON Schema Fastify validates with and OpenAPI publishes. */
export function js(schema: z.ZodType): Record<string, unknown> {
  const out = z.toJSONSchema(schema, { target: "draft-7", io: "input", unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
  delete out.$schema;
  return out;
}

export const ProblemSchema = {
  type: "object",
  description: "RFC 9457 problem details",
  properties: {
    type: { type: "string" },
    title: { type: "string" },
    status: { type: "integer" },
    detail: { type: "string" },
    code: { type: "string" },
    field: { type: "string" },
    errors: {
      type: "array",
      items: { type: "object", properties: { field: { type: "string" }, message: { type: "string" } } },
    },
  },
} as const;

/** Standard error responses to list in a route's OpenAPI entry. */
export const problems = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [s, { ...ProblemSchema, description: `problem+json (${s})` }]));

/** Every date of every body, query and path: YYYY-MM-DD that exists in the calendar. */
export const CivilDate = civilDateSchema;

/** An id in a body: a positive integer that fits both a JS number and the database's bigint. */
export const Id = z.number().int().min(1).max(limits.idMax);

/** An id as text (path parts, cursors): at most 15 digits, so it is exact and within `limits.idMax`. */
export const ID_TEXT_PATTERN = "^[1-9][0-9]{0,14}$";
export const IdText = z
  .string()
  .regex(new RegExp(ID_TEXT_PATTERN), "a positive whole number of at most 15 digits")
  .transform(Number);

/** A plan's id, as the plan documents define it (lower case, digits, - and _), bounded. */
export const PLAN_ID_PATTERN = "^[a-z][a-z0-9_-]{0,63}$";
export const PlanId = z.string().regex(new RegExp(PLAN_ID_PATTERN), "a plan id (a-z, 0-9, - and _)");

/**
 * Characters no text field takes: C0 and C1 controls (NUL included: PostgreSQL cannot store it) and the
 * bidi overrides and isolates (U+202A–U+202E, U+2066–U+2069) that make text display other than it reads.
 * Multi-line fields allow tab, line feed and carriage return.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: naming the control characters is how they are refused
const SINGLE_LINE = /^[^\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]*$/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: naming the control characters is how they are refused
const MULTI_LINE = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]*$/u;
/** The characters refused anywhere in a request, whatever the field (see `refusedCharacterIn`). */
export const REFUSED_ANYWHERE = MULTI_LINE;

/** One line of text (a title, a username, a code): no control or bidi-override characters. */
export const singleLine = (maxChars: number) =>
  z.string().max(maxChars).regex(SINGLE_LINE, "must not contain control or bidi-override characters");

/** Free text (grounds, findings, a description): line breaks and tabs allowed, other controls not. */
export const multiLine = (maxChars: number) =>
  z.string().max(maxChars).regex(MULTI_LINE, "must not contain control or bidi-override characters");

/**
 * A person's name: one line, normalised to NFC, trimmed, and holding at least one letter and no
 * invisible format character (Unicode Cf: zero-width spaces and joiners, soft hyphens, tags), which
 * would make a name that displays as someone else's.
 */
export const PersonName = singleLine(limits.nameCharsMax * 4)
  .transform((s) => s.normalize("NFC").trim())
  .pipe(
    z
      .string()
      .min(1)
      .max(limits.nameCharsMax)
      .regex(/\p{L}/u, "a name contains at least one letter")
      .regex(/^\P{Cf}*$/u, "a name holds no invisible (format) characters"),
  );

/** How many items a page holds (query text), at most `limits.pageSizeMax`. */
export const PageLimit = z
  .string()
  .regex(/^[1-9][0-9]{0,2}$/, "a whole number from 1")
  .transform(Number)
  .pipe(z.number().max(limits.pageSizeMax));

/** A page of a list: the cursor is the last id seen (as text), the limit at most `limits.pageSizeMax`. */
export const Cursor = z.strictObject({ cursor: IdText.optional(), limit: PageLimit.optional() });

/** The cursor query as JSON Schema (query values are text). */
export const CursorQuery = js(Cursor);

/** Path parameters that are positive integer ids (validated as strings: path parts are text). */
export function idParams(...names: string[]): Record<string, unknown> {
  return {
    type: "object",
    properties: Object.fromEntries(names.map((n) => [n, { type: "string", pattern: ID_TEXT_PATTERN }])),
    required: names,
  };
}

/** Path parameters holding a plan id. */
export const planParams = {
  type: "object",
  properties: { planId: { type: "string", pattern: PLAN_ID_PATTERN } },
  required: ["planId"],
} as const;

/** The first character of a text that no field takes, with where it is, or undefined. */
export function refusedCharacterIn(text: string): string | undefined {
  if (REFUSED_ANYWHERE.test(text)) return undefined;
  const c = [...text].find((ch) => !REFUSED_ANYWHERE.test(ch))!;
  return `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
}
