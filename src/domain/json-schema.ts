import { z } from "zod";

/*
 * Response schemas (issue 18), pure JSON Schema builders with no HTTP in them: what each route
 * answers, published in /openapi.json so the member app's types are generated from it (web/api-types.ts). Objects stay open (`additionalProperties`), so a
 * schema documents and types an answer without Fastify's serializer ever dropping a field from it.
 */

type Json = Record<string, unknown>;

/** An object answer: its properties, all required unless listed in `optional`. */
export function obj(properties: Record<string, Json>, optional: readonly string[] = []): Json {
  return {
    type: "object",
    properties,
    required: Object.keys(properties).filter((k) => !optional.includes(k)),
    additionalProperties: true,
  };
}

export const str: Json = { type: "string" };
export const int: Json = { type: "integer" };
export const bool: Json = { type: "boolean" };
export const num: Json = { type: "number" };
export const any: Json = {};
export const nullable = (s: Json): Json => ({ anyOf: [s, { type: "null" }] });
export const arr = (items: Json): Json => ({ type: "array", items });
export const strEnum = (...values: string[]): Json => ({ type: "string", enum: values });
/** A page of a list: the items and the cursor of the next page (null at the end). */
export const page = (item: Json): Json =>
  obj({ items: arr(item), nextCursor: nullable(str) }, ["nextCursor"]);
export const list = (item: Json): Json => obj({ items: arr(item) });

/** A zod schema's output as JSON Schema (a plan's rules: the parsed document is what is answered). */
export function outputJs(schema: z.ZodType): Json {
  const out = z.toJSONSchema(schema, { target: "draft-7", io: "output", unrepresentable: "any" }) as Json;
  delete out.$schema;
  return out;
}
