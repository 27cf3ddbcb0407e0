import { z } from "zod";
import { authorize } from "../http/app.ts";
import type { RoutePlugin } from "../http/routes/index.ts";
import { Cursor, IdText, idParams, js, problems, singleLine } from "../http/schema.ts";
import { limits } from "../limits.ts";
import { decideErasure, listErasureRequests, requestErasure } from "./erasure.ts";
import { exportableMember, memberExport } from "./export.ts";
import {
  ErasureRequestListSchema,
  ErasureRequestSchema,
  MemberExportSchema,
  PersonalReadPageSchema,
} from "./privacy.schemas.ts";
import { listPersonalReads } from "./read-trail.ts";

const MemberParams = z.object({ memberId: IdText });

const RequestParams = z.object({ requestId: IdText });
const ErasureQuery = z.strictObject({ status: z.enum(["requested", "refused", "erased"]).optional() });
const ErasureDecision = z.strictObject({
  erase: z.boolean(),
  reason: singleLine(limits.privacy.erasureReasonCharsMax).trim().min(1).optional(),
});
const tags = ["privacy"];

const ReadsQuery = z.strictObject({ member: IdText.optional(), ...Cursor.shape });

/** Personal data (issue 20): the staff read trail; a member's export; erasure requests and decisions. */
export const privacyRoutes: RoutePlugin = (app, deps) => {
  app.get(
    "/operations/personal-data-reads",
    {
      schema: {
        tags: ["operations"],
        summary: "Every staff read of personal data, newest first, of one member or all (auditor, admin)",
        querystring: js(ReadsQuery),
        response: { 200: PersonalReadPageSchema, ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      authorize(request, "privacy.reads");
      const q = ReadsQuery.parse(request.query);
      return listPersonalReads(deps, {
        cursor: q.cursor,
        limit: q.limit ?? limits.pageSizeDefault,
        subjectId: q.member,
      });
    },
  );
  app.get(
    "/members/:memberId/export",
    {
      schema: {
        tags: ["members"],
        summary: "Everything held about you (or your dependant), as JSON: identity in plain, for you only",
        params: idParams("memberId"),
        response: { 200: MemberExportSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const p = authorize(request, "member.self");
      const { memberId } = MemberParams.parse(request.params);
      const m = await exportableMember(deps.pool, p, memberId);
      reply.header("content-disposition", `attachment; filename="huzhu-member-${memberId}.json"`);
      return memberExport(deps, m);
    },
  );
  erasureRoutes(app, deps);
};

/** A member's erasure request; the staff's list and decision (an erasure is executed with its decision). */
const erasureRoutes: RoutePlugin = (app, deps) => {
  app.post(
    "/members/:memberId/erasure",
    {
      schema: {
        tags,
        summary: "Ask for your personal data (or your dependant's) to be erased; staff decide",
        params: idParams("memberId"),
        response: { 202: ErasureRequestSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const p = authorize(request, "member.self");
      const { memberId } = MemberParams.parse(request.params);
      return reply.code(202).send(await requestErasure(deps, p, memberId));
    },
  );
  app.get(
    "/operations/erasure-requests",
    {
      schema: {
        tags,
        summary: "Erasure requests of a status (default: waiting), each with what still blocks it",
        querystring: js(ErasureQuery),
        response: { 200: ErasureRequestListSchema, ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      authorize(request, "erasure.read");
      return listErasureRequests(deps, ErasureQuery.parse(request.query).status ?? "requested");
    },
  );
  app.post(
    "/operations/erasure-requests/:requestId/decision",
    {
      schema: {
        tags,
        summary: "Erase now (admin), or refuse with the legal ground; in the audit trail",
        params: idParams("requestId"),
        body: js(ErasureDecision),
        response: { 200: ErasureRequestSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const p = authorize(request, "erasure.decide");
      const { requestId } = RequestParams.parse(request.params);
      return decideErasure(deps, p, requestId, ErasureDecision.parse(request.body));
    },
  );
};
