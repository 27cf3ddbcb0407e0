import { z } from "zod";

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

export const Cursor = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

/** Path parameters that are positive integer ids (validated as strings: path parts are text). */
export function idParams(...names: string[]): Record<string, unknown> {
  return {
    type: "object",
    properties: Object.fromEntries(names.map((n) => [n, { type: "string", pattern: "^[1-9][0-9]{0,15}$" }])),
    required: names,
  };
}

/** The cursor query as JSON Schema (query values are text). */
export const CursorQuery = {
  type: "object",
  properties: {
    cursor: { type: "string", maxLength: 200 },
    limit: { type: "string", pattern: "^[1-9][0-9]{0,2}$" },
  },
  additionalProperties: false,
} as const;
