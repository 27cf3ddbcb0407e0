import { z } from "zod";
import { todayOf } from "../deps.ts";
import { ruleVersionOn } from "../domain/plan/document.ts";
import { authorize } from "../http/app.ts";
import type { RoutePlugin } from "../http/routes/index.ts";
import { CivilDate, js, PlanId, planParams, problems } from "../http/schema.ts";
import { withTransaction } from "../store/db.ts";
import { storePlanDocument } from "./install.ts";
import { PlanListSchema, PlanSchema } from "./plans.schemas.ts";
import { listPlans, loadStoredPlan } from "./stored-plan.ts";

const Params = z.object({ planId: PlanId });
const On = z.strictObject({ on: CivilDate.optional() });

export const planRoutes: RoutePlugin = (app, deps) => {
  app.get(
    "/plans",
    {
      schema: { tags: ["plans"], summary: "Plans, public", security: [], response: { 200: PlanListSchema } },
    },
    async () => ({
      items: await listPlans(deps.pool),
    }),
  );
  app.get(
    "/plans/:planId",
    {
      schema: {
        tags: ["plans"],
        summary: "A plan with every rule version (public: the terms are published)",
        security: [],
        params: planParams,
        querystring: js(On),
        response: { 200: PlanSchema, ...problems(400, 404) },
      },
    },
    async (request) => {
      const { planId } = Params.parse(request.params);
      // without `on`, the version in force today by the application's clock (not the latest one)
      const on = On.parse(request.query).on ?? todayOf(deps);
      const plan = await loadStoredPlan(deps.pool, planId);
      const inForce = ruleVersionOn(plan, on)?.effective ?? null;
      return {
        planId: plan.id,
        name: plan.name,
        status: plan.status,
        currency: plan.currency,
        sources: plan.sources,
        silent: plan.silent,
        assumptions: plan.assumptions,
        inForceOn: inForce,
        asOf: on,
        versions: plan.versions.map((v) => ({
          effective: v.effective,
          summary: v.summary ?? null,
          rules: v.rules,
        })),
      };
    },
  );
  app.post(
    "/plans",
    {
      schema: {
        tags: ["plans"],
        summary:
          "Create a plan from a plan document, or edit a draft (operator); a launched plan's terms change only by an adopted proposal (409)",
        body: { type: "object" },
        response: problems(400, 401, 403, 409),
      },
    },
    async (request, reply) => {
      request.auditTarget = attempted(request.body);
      authorize(request, "plan.manage");
      const r = await withTransaction(deps.pool, (tx) => storePlanDocument(tx, request.body, "draft"));
      return reply.code(r.outcome === "created" ? 201 : 200).send({
        planId: r.plan.id,
        outcome: r.outcome,
        changes: r.changes,
        versions: r.plan.versions.map((v) => v.effective),
      });
    },
  );
};

/** What the audit trail records of a plan document sent: the plan and the versions it gives. */
function attempted(body: unknown): Record<string, unknown> {
  const b = (typeof body === "object" && body !== null ? body : {}) as { id?: unknown; versions?: unknown };
  const versions = Array.isArray(b.versions) ? b.versions : [];
  return {
    planId: typeof b.id === "string" ? b.id.slice(0, 64) : null,
    versions: versions
      .slice(0, 100)
      .map((v) => String((v as { effective?: unknown } | null)?.effective ?? "?").slice(0, 10)),
  };
}
