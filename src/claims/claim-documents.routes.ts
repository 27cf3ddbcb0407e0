import type { FastifyReply, FastifyRequest } from "fastify";
import { documentExtension, documentTypes } from "../documents/content-check.ts";
import type { AppDeps } from "../http/app.ts";
import { authorize } from "../http/app.ts";
import type { RoutePlugin } from "../http/routes/index.ts";
import { ID_TEXT_PATTERN, idParams, problems } from "../http/schema.ts";
import { limits } from "../limits.ts";
import { claimIdOf, claimTags as tags } from "./claim-action.routes.ts";
import { UploadedDocumentSchema } from "./claims.schemas.ts";
import { readDocument, uploadDocument } from "./documents.ts";

const DocParams = {
  type: "object",
  properties: {
    claimId: { type: "string", pattern: ID_TEXT_PATTERN },
    sha256: { type: "string", pattern: "^[0-9a-f]{64}$" },
  },
  required: ["claimId", "sha256"],
} as const;

/** The upload: a body that is no accepted type arrives unparsed, and is refused as problem+json. */
async function upload(deps: AppDeps, request: FastifyRequest, reply: FastifyReply) {
  const p = authorize(request, "claim.report");
  const contentType = (request.headers["content-type"] ?? "").split(";")[0]!.trim();
  if (!Buffer.isBuffer(request.body)) {
    return reply
      .code(415)
      .type("application/problem+json")
      .send({
        type: "https://huzhu.dev/problems/document-type",
        title: "This kind of document is not accepted",
        status: 415,
        code: "document_type",
        detail: `documents are ${documentTypes.join(", ")}; not ${contentType || "(none)"}`,
        field: "content-type",
      });
  }
  const kind = (request.query as { kind?: string }).kind ?? "diagnosis";
  return reply
    .code(201)
    .send(await uploadDocument(deps, p, claimIdOf(request), { contentType, kind, bytes: request.body }));
}

/** A claim's documents: the upload (the bytes as the body) and the read, as an attachment. */
export const claimDocumentRoutes: RoutePlugin = (app, deps) => {
  app.addContentTypeParser(
    documentTypes,
    { parseAs: "buffer", bodyLimit: limits.documentBytesMax },
    (_request, body, done) => done(null, body),
  );
  app.post(
    "/claims/:claimId/documents",
    {
      schema: {
        tags,
        summary: `Upload a document (${documentTypes.join(", ")}, at most ${limits.documentBytesMax} bytes); stored by its SHA-256`,
        params: idParams("claimId"),
        querystring: {
          type: "object",
          properties: { kind: { type: "string", pattern: "^[a-z_]{1,32}$" } },
          additionalProperties: false,
        },
        response: { 201: UploadedDocumentSchema, ...problems(400, 401, 404, 409, 413, 415) },
      },
    },
    (request, reply) => upload(deps, request, reply),
  );
  app.get(
    "/claims/:claimId/documents/:sha256",
    {
      schema: {
        tags,
        summary: "A document: only the applicant, the assigned reviewer and the assigned investigator",
        params: DocParams,
        response: problems(401, 404),
      },
    },
    async (request, reply) => {
      if (!request.principal) authorize(request, "claim.report");
      const { sha256 } = request.params as { sha256: string };
      const doc = await readDocument(deps, request.principal!, claimIdOf(request), sha256);
      // an attachment of its checked type: saved, never rendered in the API's origin
      return reply
        .type(doc.contentType)
        .header(
          "content-disposition",
          `attachment; filename="${sha256}.${documentExtension[doc.contentType] ?? "bin"}"`,
        )
        .header("x-content-type-options", "nosniff")
        .send(doc.bytes);
    },
  );
};
