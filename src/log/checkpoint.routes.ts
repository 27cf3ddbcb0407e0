import { fail } from "../errors.ts";
import type { RoutePlugin } from "../http/routes/index.ts";
import { problems } from "../http/schema.ts";
import { logKeysServed } from "../keys/served.ts";
import { cosignedCheckpoint, servedCheckpoint } from "./heads.ts";

const text = (description: string) => ({
  description,
  content: { "text/plain": { schema: { type: "string" } } },
});
const CheckpointText = text(
  "A C2SP checkpoint signed note: the log's signature, then each witness's cosignature",
);

/**
 * The log's heads as C2SP checkpoints (issue 19), readable by standard tools: the newest witnessed one,
 * one of any size, the log's verifier key, and the witnesses it submits to.
 */
export const checkpointRoutes: RoutePlugin = (app, deps) => {
  const tags = ["transparency log"];
  app.get(
    "/log/checkpoint",
    {
      schema: {
        tags,
        summary: "The newest checkpoint a witness cosigned (else the newest), with every cosignature",
        security: [],
        response: { 200: CheckpointText, ...problems(404) },
      },
    },
    async (_req, reply) => {
      const note = await servedCheckpoint(deps.pool);
      return note
        ? reply.type("text/plain; charset=utf-8").send(note)
        : fail("not_found", "the log has no checkpoint yet");
    },
  );
  app.get(
    "/log/checkpoints/:size",
    {
      schema: {
        tags,
        summary: "The checkpoint of a size with its cosignatures (heads written before issue 19 have none)",
        security: [],
        params: { type: "object", properties: { size: { type: "string", pattern: "^[0-9]{1,15}$" } } },
        response: { 200: CheckpointText, ...problems(404) },
      },
    },
    async (request, reply) => {
      const note = await cosignedCheckpoint(deps.pool, Number((request.params as { size: string }).size));
      return note
        ? reply.type("text/plain; charset=utf-8").send(note)
        : fail("not_found", "no checkpoint of that size");
    },
  );
  app.get(
    "/log/witnesses",
    {
      schema: {
        tags,
        summary:
          "The log's verifier key (C2SP vkey) and the witnesses it submits to: compare with the charter's",
        security: [],
        response: {
          200: {
            type: "object",
            required: ["logKey", "witnesses", "handOvers"],
            properties: {
              logKey: { type: "string" },
              handOvers: {
                type: "array",
                description:
                  "Every log key hand-over the log recorded (signed notes, old key then new), in order",
                items: { type: "string" },
              },
              witnesses: {
                type: "array",
                items: { type: "object", properties: { name: { type: "string" }, vkey: { type: "string" } } },
              },
            },
          },
        },
      },
    },
    async () => logKeysServed(deps),
  );
};
