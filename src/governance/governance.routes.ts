import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { civilDate } from "../domain/calendar.ts";
import { type AppDeps, authorize } from "../http/app.ts";
import type { RoutePlugin } from "../http/routes/index.ts";
import {
  CivilDate,
  IdText,
  idParams,
  js,
  multiLine,
  PageLimit,
  PlanId,
  problems,
  singleLine,
} from "../http/schema.ts";
import { limits } from "../limits.ts";
import { adoptProposal, withdrawProposal } from "./adopt.ts";
import { castBallot, countFromLog, tallyProposal } from "./ballots.ts";
import {
  BallotSchema,
  CommentListSchema,
  PostedCommentSchema,
  ProposalListSchema,
  ProposalSchema,
  RecountSchema,
} from "./governance.schemas.ts";
import { commentOnProposal, publishProposal } from "./publish.ts";
import { decideProposal, evaluateProposal } from "./review.ts";
import { submitProposal } from "./submit.ts";
import { listComments, listProposals, proposalView } from "./views.ts";

/** The bodies and queries of the governance routes (proposals, and the plan's closure text). */
export const text = multiLine(limits.claimTextCharsMax).trim().min(1);
export const Submit = z.strictObject({
  planId: PlanId,
  kind: z.enum(["change", "dissolution"]).default("change"),
  title: singleLine(200).trim().min(1),
  text,
  changes: z.record(z.string(), z.unknown()).optional(),
});
export const Evaluate = z.strictObject({
  role: z.enum(["operator", "expert"]),
  expertName: singleLine(100).optional(),
  recommend: z.boolean(),
  opinion: text,
});
export const Decide = z.strictObject({ accept: z.boolean(), reasons: text });
export const Publish = z.strictObject({ effectiveOn: CivilDate });
export const Ballot = z.strictObject({ inFavour: z.boolean() });
export const Comment = z.strictObject({ text });
export const List = z.strictObject({
  planId: PlanId.optional(),
  cursor: IdText.optional(),
  limit: PageLimit.optional(),
});

export const Page = List.omit({ planId: true });

const idOf = (r: FastifyRequest) => Number((r.params as { proposalId: string }).proposalId);
const tags = ["governance"];

/**
 * A POST that runs a use case and answers its result, with the problems such actions answer (and the
 * result's schema when `answer` gives one).
 */
export function postAction(
  app: FastifyInstance,
  tags: string[],
  path: string,
  summary: string,
  run: (r: FastifyRequest) => Promise<unknown>,
  body?: z.ZodType,
  params: Record<string, unknown> = idParams("proposalId"),
  answer?: Record<string, unknown>,
) {
  app.post(
    path,
    {
      schema: {
        tags,
        summary,
        params,
        ...(body ? { body: js(body) } : {}),
        response: { ...(answer ? { 200: answer } : {}), ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    run,
  );
}

/** The public reads: proposals, a proposal, its comments, the recount from the log. */
function proposalReads(app: FastifyInstance, deps: AppDeps): void {
  app.get(
    "/proposals",
    {
      schema: {
        tags,
        summary: "Proposals, by id (public)",
        security: [],
        querystring: js(List),
        response: { 200: ProposalListSchema, ...problems(400) },
      },
    },
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
        response: { 200: ProposalSchema, ...problems(404) },
      },
    },
    async (request) => proposalView(deps.pool, idOf(request)),
  );
  app.get(
    "/proposals/:proposalId/comments",
    {
      schema: {
        tags,
        summary: "A proposal's comments in order (public)",
        security: [],
        params: idParams("proposalId"),
        querystring: js(Page),
        response: { 200: CommentListSchema, ...problems(400) },
      },
    },
    async (request) => {
      const q = Page.parse(request.query);
      return listComments(deps.pool, idOf(request), { after: q.cursor, limit: q.limit });
    },
  );
  app.get(
    "/proposals/:proposalId/recount",
    {
      schema: {
        tags,
        summary: "The ballots recounted from the transparency log (public)",
        security: [],
        params: idParams("proposalId"),
        response: { 200: RecountSchema },
      },
    },
    async (request) => countFromLog(deps.pool, idOf(request)),
  );
}

/** Evaluation, decision, publication, comments, ballots, the tally, adoption, withdrawal. */
function proposalActions(app: FastifyInstance, deps: AppDeps): void {
  const action = (
    path: string,
    summary: string,
    run: (r: FastifyRequest) => Promise<unknown>,
    body?: z.ZodType,
    answer: Record<string, unknown> = ProposalSchema,
  ) => postAction(app, tags, path, summary, run, body, undefined, answer);
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
    PostedCommentSchema,
  );
  action(
    "/proposals/:proposalId/ballots",
    "Vote (changeable until the window closes; the last ballot counts)",
    (r) => castBallot(deps, authorize(r, "vote.cast"), idOf(r), Ballot.parse(r.body).inFavour),
    Ballot,
    BallotSchema,
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
}

/** Co-deliberation (共议): proposals, evaluation, publication with notice, votes, adoption. */
export const governanceRoutes: RoutePlugin = (app, deps) => {
  app.post(
    "/proposals",
    {
      schema: {
        tags,
        summary: "Submit a suggestion, optionally a concrete change to the rules (a patch)",
        body: js(Submit),
        response: { 201: ProposalSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const p = authorize(request, "proposal.submit");
      return reply.code(201).send(await submitProposal(deps, p, Submit.parse(request.body)));
    },
  );
  proposalReads(app, deps);
  proposalActions(app, deps);
};
