import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { civilDate } from "../../domain/calendar.ts";
import { limits } from "../../limits.ts";
import {
  adoptProposal,
  castBallot,
  changePlanStatus,
  chartersOf,
  closePlan,
  commentOnProposal,
  countFromLog,
  decideProposal,
  evaluateProposal,
  listComments,
  listProposals,
  proposalView,
  publishProposal,
  setCharter,
  submitProposal,
  tallyProposal,
  watchMembership,
  withdrawProposal,
} from "../../services/governance.service.ts";
import {
  getPreferences,
  inbox,
  markRead,
  NOTIFICATION_KINDS,
  setPreferences,
} from "../../services/notifications.service.ts";
import { authorize } from "../app.ts";
import { registerProblems } from "../problems.ts";
import {
  CivilDate,
  IdText,
  idParams,
  js,
  multiLine,
  PageLimit,
  PlanId,
  planParams,
  problems,
  singleLine,
} from "../schema.ts";
import type { RoutePlugin } from "./index.ts";

registerProblems({
  proposal_wrong_state: { status: 409, title: "The proposal is not in a state that allows this" },
  notice_too_short: { status: 422, title: "The notice is shorter than the charter asks" },
  vote_required: { status: 409, title: "This change needs the members' vote" },
  voting_closed: { status: 409, title: "The vote has closed" },
  voting_open: { status: 409, title: "The vote is still open" },
});

const text = multiLine(limits.claimTextCharsMax).trim().min(1);
const Submit = z.strictObject({
  planId: PlanId,
  kind: z.enum(["change", "dissolution"]).default("change"),
  title: singleLine(200).trim().min(1),
  text,
  changes: z.record(z.string(), z.unknown()).optional(),
});
const Evaluate = z.strictObject({
  role: z.enum(["operator", "expert"]),
  expertName: singleLine(100).optional(),
  recommend: z.boolean(),
  opinion: text,
});
const Decide = z.strictObject({ accept: z.boolean(), reasons: text });
const Publish = z.strictObject({ effectiveOn: CivilDate });
const Ballot = z.strictObject({ inFavour: z.boolean() });
const Comment = z.strictObject({ text });
const Close = z.strictObject({ closingOn: CivilDate, reason: text });
const Prefs = z.strictObject({
  sms: z.boolean(),
  email: z.boolean(),
  emailAddress: singleLine(320).nullable().optional(),
  kinds: z.array(z.enum(NOTIFICATION_KINDS)).default([...NOTIFICATION_KINDS]),
});
const List = z.strictObject({
  planId: PlanId.optional(),
  cursor: IdText.optional(),
  limit: PageLimit.optional(),
});

const idOf = (r: FastifyRequest) => Number((r.params as { proposalId: string }).proposalId);
const planOf = (r: FastifyRequest) => (r.params as { planId: string }).planId;
const tags = ["governance"];

/** Co-deliberation (共议): proposals, evaluation, publication with notice, votes, adoption; the inbox. */
export const governanceRoutes: RoutePlugin = (app, deps) => {
  const action = (
    path: string,
    summary: string,
    run: (r: FastifyRequest) => Promise<unknown>,
    body?: z.ZodType,
    params: Record<string, unknown> = idParams("proposalId"),
  ) =>
    app.post(
      path,
      {
        schema: {
          tags,
          summary,
          params,
          ...(body ? { body: js(body) } : {}),
          response: problems(400, 401, 403, 404, 409, 422),
        },
      },
      run,
    );

  app.post(
    "/proposals",
    {
      schema: {
        tags,
        summary: "Submit a suggestion, optionally a concrete change to the rules (a patch)",
        body: js(Submit),
        response: problems(400, 401, 403, 404, 409),
      },
    },
    async (request, reply) => {
      const p = authorize(request, "proposal.submit");
      return reply.code(201).send(await submitProposal(deps, p, Submit.parse(request.body)));
    },
  );
  app.get(
    "/proposals",
    { schema: { tags, summary: "Proposals, by id (public)", security: [], querystring: js(List) } },
    async (request) => {
      const q = List.parse(request.query);
      return listProposals(deps.pool, {
        planId: q.planId,
        after: q.cursor,
        limit: q.limit ?? limits.pageSizeDefault,
      });
    },
  );
  app.get(
    "/proposals/:proposalId",
    {
      schema: {
        tags,
        summary: "A proposal: its diff, class, evaluations, events and result (public)",
        security: [],
        params: idParams("proposalId"),
        response: problems(404),
      },
    },
    async (request) => proposalView(deps.pool, idOf(request)),
  );
  app.get(
    "/proposals/:proposalId/comments",
    { schema: { tags, security: [], params: idParams("proposalId") } },
    async (request) => listComments(deps.pool, idOf(request)),
  );
  app.get(
    "/proposals/:proposalId/recount",
    {
      schema: {
        tags,
        summary: "The ballots recounted from the transparency log (public)",
        security: [],
        params: idParams("proposalId"),
      },
    },
    async (request) => countFromLog(deps.pool, idOf(request)),
  );
  action(
    "/proposals/:proposalId/evaluations",
    "The operator's or an expert's evaluation, with reasons",
    (r) => evaluateProposal(deps, authorize(r, "proposal.manage"), idOf(r), Evaluate.parse(r.body)),
    Evaluate,
  );
  action(
    "/proposals/:proposalId/decision",
    "Accept the proposal for publication, or decline it with reasons",
    (r) => decideProposal(deps, authorize(r, "proposal.manage"), idOf(r), Decide.parse(r.body)),
    Decide,
  );
  action(
    "/proposals/:proposalId/publish",
    "Publish with notice (the charter's days) and open the vote where needed",
    (r) =>
      publishProposal(
        deps,
        authorize(r, "proposal.manage"),
        idOf(r),
        civilDate(Publish.parse(r.body).effectiveOn),
      ),
    Publish,
  );
  action(
    "/proposals/:proposalId/comments",
    "Comment during the notice period",
    (r) => commentOnProposal(deps, authorize(r, "vote.cast"), idOf(r), Comment.parse(r.body).text),
    Comment,
  );
  action(
    "/proposals/:proposalId/ballots",
    "Vote (changeable until the window closes; the last ballot counts)",
    (r) => castBallot(deps, authorize(r, "vote.cast"), idOf(r), Ballot.parse(r.body).inFavour),
    Ballot,
  );
  action("/proposals/:proposalId/tally", "Count the vote after the window, by the charter", (r) =>
    tallyProposal(deps, `staff:${authorize(r, "proposal.manage").id}`, idOf(r)),
  );
  action(
    "/proposals/:proposalId/adopt",
    "Adopt: a new rule version on the published date, or the wind-down",
    (r) => adoptProposal(deps, authorize(r, "proposal.manage"), idOf(r)),
  );
  action("/proposals/:proposalId/withdraw", "Withdraw before publication", (r) =>
    withdrawProposal(deps, authorize(r, "proposal.submit"), idOf(r)),
  );

  app.get(
    "/plans/:planId/charter",
    {
      schema: {
        tags,
        summary: "The plan's charter (会员公约), every version",
        security: [],
        params: planParams,
      },
    },
    async (request) => ({ items: await chartersOf(deps.pool, planOf(request)) }),
  );
  action(
    "/plans/:planId/charter",
    "A new charter version (draft or consultation plans only)",
    (r) => setCharter(deps, authorize(r, "plan.manage"), planOf(r), r.body as never),
    undefined,
    planParams,
  );
  action(
    "/plans/:planId/consultation",
    "draft → consultation",
    (r) => changePlanStatus(deps, authorize(r, "plan.manage"), planOf(r), "consult"),
    undefined,
    planParams,
  );
  action(
    "/plans/:planId/launch",
    "Launch: publishes the terms (rules and charter digests) to the log",
    (r) => changePlanStatus(deps, authorize(r, "plan.manage"), planOf(r), "launch"),
    undefined,
    planParams,
  );
  action(
    "/plans/:planId/close",
    "Close by the operator with notice, where the charter does not reserve it to a vote",
    (r) => {
      const b = Close.parse(r.body);
      return closePlan(deps, authorize(r, "plan.manage"), planOf(r), civilDate(b.closingOn), b.reason);
    },
    Close,
    planParams,
  );
  app.get(
    "/plans/:planId/membership",
    {
      schema: {
        tags,
        summary: "Membership against the minimum, with the warning band",
        params: planParams,
        response: problems(401, 403),
      },
    },
    async (request) => {
      authorize(request, "plan.read");
      return watchMembership(deps, planOf(request));
    },
  );

  app.get(
    "/notifications",
    {
      schema: {
        tags,
        summary: "Your inbox, newest first",
        querystring: js(List.omit({ planId: true })),
        response: problems(401, 403),
      },
    },
    async (request) => {
      const p = authorize(request, "notifications.self");
      const q = List.parse(request.query);
      return inbox(deps, p, {
        before: q.cursor,
        limit: q.limit ?? limits.pageSizeDefault,
      });
    },
  );
  action(
    "/notifications/:notificationId/read",
    "Mark a notice read",
    (r) =>
      markRead(
        deps,
        authorize(r, "notifications.self"),
        Number((r.params as { notificationId: string }).notificationId),
      ),
    undefined,
    idParams("notificationId"),
  );
  app.get("/notifications/preferences", { schema: { tags, response: problems(401, 403) } }, async (request) =>
    getPreferences(deps, authorize(request, "notifications.self")),
  );
  app.put(
    "/notifications/preferences",
    {
      schema: {
        tags,
        summary: "SMS and e-mail beside the inbox, by kind",
        body: js(Prefs),
        response: problems(400, 401, 403),
      },
    },
    async (request) => {
      const b = Prefs.parse(request.body);
      return setPreferences(deps, authorize(request, "notifications.self"), { ...b, kinds: [...b.kinds] });
    },
  );
};
