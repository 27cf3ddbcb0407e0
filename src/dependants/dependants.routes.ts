import { createHash } from "node:crypto";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { todayOf } from "../deps.ts";
import { documentContentOk, documentTypes } from "../documents/content-check.ts";
import { fail } from "../errors.ts";
import { authorize } from "../http/app.ts";
import type { RoutePlugin } from "../http/routes/index.ts";
import { idParams, js, multiLine, PersonName, problems, singleLine } from "../http/schema.ts";
import { limits } from "../limits.ts";
import { memberFor } from "../members/member-for.ts";
import { MemberSchema } from "../members/members.schemas.ts";
import { presentMember } from "../members/view.ts";
import { confirmDependant } from "./confirm.ts";
import {
  DependantRequestListSchema,
  DependantRequestSchema,
  ReviewQueueSchema,
} from "./dependants.schemas.ts";
import { attachGuardianshipDocument, readGuardianshipDocument } from "./guardianship.ts";
import { listRequests, requestDependant } from "./request.ts";
import { decideRequest, reviewQueue } from "./review.ts";

const Dependant = z.strictObject({
  name: PersonName,
  residentId: singleLine(20).min(1),
  relation: z.enum(["child", "parent", "spouse"]),
  mobile: singleLine(20).min(1).optional(),
  consentVersion: singleLine(50).min(1),
});
const Confirmation = z.strictObject({ code: z.string().regex(/^\d{6}$/, "a 6-digit code") });
const Decision = z.strictObject({ accept: z.boolean(), reason: multiLine(500).default("") });
const idOf = (r: FastifyRequest, name: string) => Number((r.params as Record<string, string>)[name]);
const tags = ["members"];

/** The guardian of the route's member: the member themselves (a dependant cannot enrol dependants). */
async function guardianOf(deps: Parameters<RoutePlugin>[1], request: FastifyRequest) {
  const p = authorize(request, "member.self");
  const guardian = await memberFor(deps.pool, p, idOf(request, "memberId"), false);
  if (guardian.kind !== "member") fail("forbidden", "a dependant cannot enrol dependants");
  return guardian;
}

/**
 * Enrolling a family member without an identity oracle: a request first (the same answer whether or not
 * the ID is registered), then the person's own code (an adult) or a reviewed guardianship document (a minor).
 */
export const dependantRoutes: RoutePlugin = (app, deps) => {
  app.addContentTypeParser(
    documentTypes,
    { parseAs: "buffer", bodyLimit: limits.documentBytesMax },
    (_request, body, done) => done(null, body),
  );
  requestRoutes(app, deps);
  documentRoutes(app, deps);
  reviewRoutes(app, deps);
};

/** The guardian's requests: start one, list them, confirm an adult's with their code. */
const requestRoutes: RoutePlugin = (app, deps) => {
  app.post(
    "/members/:memberId/dependants",
    {
      schema: {
        tags,
        summary:
          "Start enrolling a dependant: an adult gets a code on their mobile, a minor needs a document",
        params: idParams("memberId"),
        body: js(Dependant),
        response: { 202: DependantRequestSchema, ...problems(400, 401, 403, 404, 409, 422, 429) },
      },
    },
    async (request, reply) => {
      const guardian = await guardianOf(deps, request);
      return reply.code(202).send(await requestDependant(deps, guardian, Dependant.parse(request.body)));
    },
  );
  app.get(
    "/members/:memberId/dependant-requests",
    {
      schema: {
        tags,
        summary: "Your dependant enrolments",
        params: idParams("memberId"),
        response: { 200: DependantRequestListSchema, ...problems(401, 403, 404) },
      },
    },
    async (request) => ({ items: await listRequests(deps.pool, (await guardianOf(deps, request)).memberId) }),
  );
  app.post(
    "/members/:memberId/dependant-requests/:requestId/confirmation",
    {
      schema: {
        tags,
        summary: "The adult's own code (sent to their mobile): the dependant is enrolled",
        params: idParams("memberId", "requestId"),
        body: js(Confirmation),
        response: { 201: MemberSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const guardian = await guardianOf(deps, request);
      const { code } = Confirmation.parse(request.body);
      const m = await confirmDependant(deps, guardian.memberId, idOf(request, "requestId"), code);
      return reply.code(201).send(presentMember(m, "subject", todayOf(deps)));
    },
  );
};

/** A minor's guardianship document, uploaded by the guardian. */
const documentRoutes: RoutePlugin = (app, deps) => {
  app.put(
    "/members/:memberId/dependant-requests/:requestId/document",
    {
      schema: {
        tags,
        summary: `A minor's guardianship document (${documentTypes.join(", ")}): a reviewer checks it`,
        params: idParams("memberId", "requestId"),
        response: { 200: DependantRequestSchema, ...problems(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request) => {
      const guardian = await guardianOf(deps, request);
      const contentType = (request.headers["content-type"] ?? "").split(";")[0]!.trim();
      const bytes = request.body;
      if (!Buffer.isBuffer(bytes) || bytes.length === 0 || !documentContentOk(contentType, bytes))
        fail("document_type", `a document is one of ${documentTypes.join(", ")}`, "content-type");
      const sha256 = createHash("sha256")
        .update(bytes as Buffer)
        .digest("hex");
      return attachGuardianshipDocument(deps, guardian.memberId, idOf(request, "requestId"), {
        contentType,
        sha256,
        bytes: bytes as Buffer,
      });
    },
  );
};

/** The reviewers' side: the queue, the document (an audited read), the decision. */
const reviewRoutes: RoutePlugin = (app, deps) => {
  app.get(
    "/dependant-requests",
    {
      schema: {
        tags,
        summary: "Guardianship documents waiting for a reviewer",
        response: { 200: ReviewQueueSchema, ...problems(401, 403) },
      },
    },
    async (request) => {
      authorize(request, "dependant.review");
      return reviewQueue(deps);
    },
  );
  app.get(
    "/dependant-requests/:requestId/document",
    {
      schema: {
        tags,
        summary: "The guardianship document (the read is written to the audit trail)",
        params: idParams("requestId"),
        response: problems(401, 403, 404),
      },
    },
    async (request, reply) => {
      const doc = await readGuardianshipDocument(
        deps,
        authorize(request, "dependant.review"),
        idOf(request, "requestId"),
      );
      return reply
        .type(doc.contentType)
        .header("content-disposition", "attachment")
        .header("cache-control", "no-store")
        .send(doc.bytes);
    },
  );
  app.post(
    "/dependant-requests/:requestId/decision",
    {
      schema: {
        tags,
        summary: "Accept (the child is enrolled) or refuse a guardianship document",
        params: idParams("requestId"),
        body: js(Decision),
        response: { 200: DependantRequestSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      decideRequest(
        deps,
        authorize(request, "dependant.review"),
        idOf(request, "requestId"),
        Decision.parse(request.body),
      ),
  );
};
