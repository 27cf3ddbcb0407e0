import { z } from "zod";
import { authorize } from "../http/app.ts";
import type { RoutePlugin } from "../http/routes/index.ts";
import { IdText, idParams, js, PageLimit, problems } from "../http/schema.ts";
import { limits } from "../limits.ts";
import { exportableMember, memberExport } from "./export.ts";
import { MemberExportSchema, PersonalReadPageSchema } from "./privacy.schemas.ts";
import { listPersonalReads } from "./read-trail.ts";

const MemberParams = z.object({ memberId: IdText });

const ReadsQuery = z.strictObject({
  member: IdText.optional(),
  cursor: IdText.optional(),
  limit: PageLimit.optional(),
});

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
};
