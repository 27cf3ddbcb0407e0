import type { paths } from "./schema.d.ts";

type Json<R> = R extends { content: { "application/json": infer J } } ? J : never;

/** The JSON a route answers on success (200, else 201, else 202), from the generated types. */
export type Answer<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  responses: infer R;
}
  ? R extends { 200: infer A }
    ? Json<A>
    : R extends { 201: infer A }
      ? Json<A>
      : R extends { 202: infer A }
        ? Json<A>
        : never
  : never;
