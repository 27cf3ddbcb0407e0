import { z } from "zod";
import { authorize } from "../http/app.ts";
import type { RoutePlugin } from "../http/routes/index.ts";
import { js, planParams, problems } from "../http/schema.ts";
import { limits } from "../limits.ts";
import { invitationCounts, issueInvitations } from "./issue.ts";

const tags = ["invitations"];
const Issue = z.strictObject({
  count: z.number().int().min(1).max(limits.invitationCodesPerIssueMax).default(1),
});
const planIdOf = (params: unknown) => (params as { planId: string }).planId;

/** Invitation codes of a plan that requires one: issued by staff or members, counted, used at a join. */
export const invitationRoutes: RoutePlugin = (app, deps) => {
  app.post(
    "/plans/:planId/invitations",
    {
      schema: {
        tags,
        summary:
          "Issue invitation codes (staff: a batch; a member sharing in the plan: their own, a few at once)",
        params: planParams,
        body: js(Issue),
        response: problems(400, 401, 403, 404, 409),
      },
    },
    async (request, reply) => {
      const p = authorize(request, "invitation.issue");
      const { count } = Issue.parse(request.body ?? {});
      return reply.code(201).send(await issueInvitations(deps, p, planIdOf(request.params), count));
    },
  );
  app.get(
    "/plans/:planId/invitations",
    {
      schema: {
        tags,
        summary:
          "The plan's invitation codes counted (issued, by staff, by members, used); a member's own codes",
        params: planParams,
        response: problems(401, 403, 404, 409),
      },
    },
    async (request) => {
      const p = authorize(request, "plan.read");
      return invitationCounts(deps, p, planIdOf(request.params));
    },
  );
};
