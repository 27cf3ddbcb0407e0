import type { FastifyInstance, FastifyRequest } from "fastify";
import type { z } from "zod";
import { idParams, js, problems } from "../http/schema.ts";
import { ClaimSchema } from "./claims.schemas.ts";

export const claimTags = ["claims"];
export const claimIdOf = (r: FastifyRequest) => Number((r.params as { claimId: string }).claimId);

/**
 * A POST on one claim (`/claims/{claimId}/{path}`), its body validated by `body` when it has one; it
 * answers the claim as its reader sees it unless `answer` says otherwise.
 */
export function claimAction(
  app: FastifyInstance,
  path: string,
  summary: string,
  run: (request: FastifyRequest) => Promise<unknown>,
  body?: z.ZodType,
  answer: Record<string, unknown> = ClaimSchema,
): void {
  app.post(
    `/claims/:claimId/${path}`,
    {
      schema: {
        tags: claimTags,
        summary,
        params: idParams("claimId"),
        ...(body ? { body: js(body) } : {}),
        response: { 200: answer, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    run,
  );
}
