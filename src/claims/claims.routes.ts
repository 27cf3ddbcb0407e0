import { z } from "zod";
import { can } from "../domain/access.ts";
import { CLAIM_STATES } from "../domain/claim/state.ts";
import { authorize } from "../http/app.ts";
import type { RoutePlugin } from "../http/routes/index.ts";
import {
  CivilDate,
  Cursor,
  CursorQuery,
  Id,
  IdText,
  idParams,
  js,
  multiLine,
  PageLimit,
  PlanId,
  planParams,
  problems,
  singleLine,
} from "../http/schema.ts";
import { limits } from "../limits.ts";
import { AnnouncementsSchema, ObjectionOutcomesSchema } from "./announcements.schemas.ts";
import { appeal } from "./appeal.ts";
import { claimAction, claimIdOf, claimTags as tags } from "./claim-action.routes.ts";
import { claimDocumentRoutes } from "./claim-documents.routes.ts";
import { juryCaseRoutes, juryRecordRoutes, juryVoteRoutes } from "./claim-jury.routes.ts";
import { claimReviewRoutes } from "./claim-review.routes.ts";
import { ClaimListSchema, ClaimSchema, ObjectionSchema } from "./claims.schemas.ts";
import { objectionOutcomes } from "./objection-views.ts";
import { explainClaim, objectToClaim } from "./objections.ts";
import { recordDeath, reportClaim, submitClaim, withdrawClaim } from "./report.ts";
import { advanceClaims } from "./sweeps.ts";
import { getClaim, listAnnouncements, listClaims } from "./views.ts";

const text = multiLine(limits.claimTextCharsMax).trim().min(1);
const Report = z.strictObject({
  participationId: Id,
  event: singleLine(64).min(1),
  diagnosedOn: CivilDate,
  afterDeath: z.boolean().default(false),
  description: text.optional(),
});
const Death = z.strictObject({ diedOn: CivilDate });
const Grounds = z.strictObject({ grounds: text });
const Explain = z.strictObject({ text });
const Withdraw = z.strictObject({ reason: multiLine(limits.claimTextCharsMax).default("") });
const ListQuery = z.strictObject({
  state: z.enum(CLAIM_STATES).optional(),
  planId: PlanId.optional(),
  cursor: IdText.optional(),
  limit: PageLimit.optional(),
});

/** The report, and a claim or the list as its reader may see them. */
const reportRoutes: RoutePlugin = (app, deps) => {
  app.post(
    "/claims",
    {
      schema: {
        tags,
        summary: "Report a claim for yourself or a dependant (staff: for an heir after a death)",
        body: js(Report),
        response: { 201: ClaimSchema, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const p = authorize(request, "claim.report");
      const body = Report.parse(request.body);
      return reply
        .code(201)
        .send(await reportClaim(deps, p, { ...body, diagnosedOn: body.diagnosedOn as never }));
    },
  );
  app.get(
    "/claims",
    {
      schema: {
        tags,
        summary: "Your claims (members) or every claim (staff), by id, paginated",
        querystring: js(ListQuery),
        response: { 200: ClaimListSchema, ...problems(400, 401) },
      },
    },
    async (request) => {
      const p = authorize(
        request,
        can(request.principal, "claim.read_any") ? "claim.read_any" : "claim.report",
      );
      const q = ListQuery.parse(request.query);
      const limit = q.limit ?? limits.pageSizeDefault;
      return listClaims(deps, p, { state: q.state, planId: q.planId, after: q.cursor, limit });
    },
  );
  app.get(
    "/claims/:claimId",
    {
      schema: {
        tags,
        params: idParams("claimId"),
        response: { 200: ClaimSchema, ...problems(401, 404) },
      },
    },
    async (request) => {
      if (!request.principal) authorize(request, "claim.report");
      return getClaim(deps, request.principal!, claimIdOf(request), can(request.principal, "claim.read_any"));
    },
  );
};

/** What the applicant (or the operator for an heir) does on the claim, and a member's objection. */
const applicantRoutes: RoutePlugin = (app, deps) => {
  claimAction(app, "submit", "Hand in the documents: the review starts", (r) =>
    submitClaim(deps, authorize(r, "claim.report"), claimIdOf(r)),
  );
  claimAction(
    app,
    "withdraw",
    "Withdraw the claim before it is shared (a held deposit is refunded)",
    (r) =>
      withdrawClaim(deps, authorize(r, "claim.report"), claimIdOf(r), Withdraw.parse(r.body ?? {}).reason),
    Withdraw,
  );
  claimAction(app, "appeal", "Appeal a refusal to the jury (the jurors are drawn verifiably)", (r) =>
    appeal(deps, authorize(r, "claim.report"), claimIdOf(r)),
  );
  claimAction(
    app,
    "explanation",
    "Answer an objection",
    (r) => explainClaim(deps, authorize(r, "claim.report"), claimIdOf(r), Explain.parse(r.body).text),
    Explain,
  );
  claimAction(
    app,
    "objections",
    "Object to a published case, with grounds (a member sharing in the plan, once, during the publicity period)",
    (r) => objectToClaim(deps, authorize(r, "claim.object"), claimIdOf(r), Grounds.parse(r.body).grounds),
    Grounds,
    ObjectionSchema,
  );
};

const deathRoutes: RoutePlugin = (app, deps) => {
  app.post(
    "/members/:memberId/death",
    {
      schema: {
        tags,
        summary: "Record a member's death (operator): an heir's claim after a death needs it",
        params: idParams("memberId"),
        body: js(Death),
        response: problems(400, 401, 403, 404, 409),
      },
    },
    async (request) => {
      const p = authorize(request, "member.record_death");
      const memberId = Number((request.params as { memberId: string }).memberId);
      return recordDeath(deps, p, memberId, Death.parse(request.body).diedOn as never);
    },
  );
};

/** The plan's announcements (members object to them) and the scheduler run by hand. */
const announcementRoutes: RoutePlugin = (app, deps) => {
  app.get(
    "/plans/:planId/announcements",
    {
      schema: {
        tags,
        summary: "Cases in their publicity period, masked, paginated; open to anyone, members may object",
        security: [],
        params: planParams,
        querystring: CursorQuery,
        response: { 200: AnnouncementsSchema, ...problems(400) },
      },
    },
    async (request) => {
      // 公示 is public: the masked cases are what anyone reads (issue 18's signed-out pages)
      const q = Cursor.parse(request.query);
      const limit = q.limit ?? limits.announcementsPageSizeMax;
      return listAnnouncements(deps, (request.params as { planId: string }).planId, {
        after: q.cursor,
        limit,
      });
    },
  );
  app.get(
    "/plans/:planId/objections",
    {
      schema: {
        tags,
        summary: "Cases members objected to, masked, with how many objections and what became of each",
        security: [],
        params: planParams,
        response: { 200: ObjectionOutcomesSchema },
      },
    },
    async (request) => objectionOutcomes(deps.pool, (request.params as { planId: string }).planId),
  );
  app.post(
    "/admin/claims/advance",
    {
      schema: {
        tags,
        summary: "Run the claims scheduler now: lapse, close juries, end publicity, mark paid",
        response: problems(401, 403),
      },
    },
    async (request) => {
      authorize(request, "batch.run");
      return advanceClaims(deps);
    },
  );
};

/**
 * The claim lifecycle of domain.md §4: report → documents → review → decision → publicity → sharing → paid.
 * The parts are registered in the order the routes have always had (the OpenAPI document lists them so).
 */
export const claimRoutes: RoutePlugin = async (app, deps) => {
  for (const routes of [
    reportRoutes,
    claimDocumentRoutes,
    applicantRoutes,
    claimReviewRoutes,
    juryVoteRoutes,
    deathRoutes,
    juryRecordRoutes,
    announcementRoutes,
    juryCaseRoutes,
  ])
    await routes(app, deps);
};
