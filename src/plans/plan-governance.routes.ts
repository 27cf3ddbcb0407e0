import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { civilDate } from "../domain/calendar.ts";
import { chartersOf, setCharter } from "../governance/charter.ts";
import { postAction, text } from "../governance/governance.routes.ts";
import { pendingLogKey } from "../governance/log-key-proposals.ts";
import { authorize } from "../http/app.ts";
import type { RoutePlugin } from "../http/routes/index.ts";
import { CivilDate, planParams, problems } from "../http/schema.ts";
import { logKeysServed } from "../keys/served.ts";
import { closePlan } from "./close.ts";
import { changePlanStatus } from "./lifecycle.ts";
import { watchMembership } from "./membership-watch.ts";
import { CharterPageSchema } from "./plans.schemas.ts";

const Close = z.strictObject({ closingOn: CivilDate, reason: text });

const planOf = (r: FastifyRequest) => (r.params as { planId: string }).planId;
const tags = ["governance"];

/** A plan's governance: its charter, consultation, launch, closure by the operator, the membership watch. */
export const planGovernanceRoutes: RoutePlugin = (app, deps) => {
  const action = (
    path: string,
    summary: string,
    run: (r: FastifyRequest) => Promise<unknown>,
    body?: z.ZodType,
  ) => postAction(app, tags, path, summary, run, body, planParams);
  app.get(
    "/plans/:planId/charter",
    {
      schema: {
        tags,
        summary:
          "The plan's charter (会员公约), every version, with the log's key, its hand-overs and its witnesses",
        security: [],
        params: planParams,
        response: { 200: CharterPageSchema, ...problems(404) },
      },
    },
    async (request) => ({
      items: await chartersOf(deps.pool, planOf(request)),
      // issue 19/20: what verifiers pin, published with the members' charter, and the key announced
      log: { ...(await logKeysServed(deps)), pending: await pendingLogKey(deps.pool, planOf(request)) },
    }),
  );
  action("/plans/:planId/charter", "A new charter version (draft or consultation plans only)", (r) =>
    setCharter(deps, authorize(r, "plan.manage"), planOf(r), r.body as never),
  );
  action("/plans/:planId/consultation", "draft → consultation", (r) =>
    changePlanStatus(deps, authorize(r, "plan.manage"), planOf(r), "consult"),
  );
  action("/plans/:planId/launch", "Launch: publishes the terms (rules and charter digests) to the log", (r) =>
    changePlanStatus(deps, authorize(r, "plan.manage"), planOf(r), "launch"),
  );
  action(
    "/plans/:planId/close",
    "Close by the operator with notice, where the charter does not reserve it to a vote",
    (r) => {
      const b = Close.parse(r.body);
      return closePlan(deps, authorize(r, "plan.manage"), planOf(r), civilDate(b.closingOn), b.reason);
    },
    Close,
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
};
