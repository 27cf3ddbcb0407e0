import { authorize } from "../http/app.ts";
import type { RoutePlugin } from "../http/routes/index.ts";
import { Cursor, CursorQuery, ID_TEXT_PATTERN, js, PlanId, problems } from "../http/schema.ts";
import { limits } from "../limits.ts";
import { confirmShare, declineShare } from "./confirm.ts";
import {
  ConfirmedShareSchema,
  CycleListSchema,
  MemberSharesSchema,
  ShareProofSchema,
} from "./cycles.schemas.ts";
import { memberShareProofs, shareProof } from "./proofs.ts";
import { listCycles } from "./run.ts";

/** A page of a plan's cycles: the cursor is the last cycle id seen. */
const PlanQuery = Cursor.extend({ plan: PlanId });

/** Every cycle's disclosure, public and kept forever; a member's proof that their share is in a total. */
export const cycleRoutes: RoutePlugin = (app, deps) => {
  disclosureRoutes(app, deps);
  proofRoutes(app, deps);
  confirmRoutes(app, deps);
};

/** Every cycle's disclosure of a plan. */
const disclosureRoutes: RoutePlugin = (app, deps) => {
  app.get(
    "/cycles",
    {
      schema: {
        tags: ["cycles"],
        summary: "Every cycle's disclosure of a plan (public), in announcement order, by cursor",
        security: [],
        querystring: js(PlanQuery),
        response: { 200: CycleListSchema, ...problems(400) },
      },
    },
    async (request) => {
      const q = PlanQuery.parse(request.query);
      return listCycles(deps.pool, q.plan, { after: q.cursor, limit: q.limit });
    },
  );
};

/** A member's proof for one cycle, and for every cycle with their share. */
const proofRoutes: RoutePlugin = (app, deps) => {
  app.get(
    "/cycles/:cycleId/shares/:pseudonym/proof",
    {
      schema: {
        tags: ["cycles"],
        summary: "Proof that a member's share is in the cycle's published total (Merkle-sum tree)",
        security: [],
        params: {
          type: "object",
          properties: {
            cycleId: { type: "string", pattern: ID_TEXT_PATTERN },
            pseudonym: { type: "string", pattern: "^[0-9a-f]{32}$" },
          },
        },
        response: { 200: ShareProofSchema, ...problems(404, 409) },
      },
    },
    async (request) => {
      const p = request.params as { cycleId: string; pseudonym: string };
      return shareProof(deps.pool, Number(p.cycleId), p.pseudonym);
    },
  );
  app.get(
    "/cycles/members/:pseudonym/shares",
    {
      schema: {
        tags: ["cycles"],
        summary:
          "A member's shares in every cycle with their proofs and the log entry of each cycle's root, by cursor",
        security: [],
        params: { type: "object", properties: { pseudonym: { type: "string", pattern: "^[0-9a-f]{32}$" } } },
        querystring: CursorQuery,
        response: { 200: MemberSharesSchema, ...problems(400) },
      },
    },
    async (request) => {
      const q = Cursor.parse(request.query);
      const { pseudonym } = request.params as { pseudonym: string };
      return memberShareProofs(deps.pool, pseudonym, { after: q.cursor, limit: q.limit });
    },
  );
};

const ANSWER_SCHEMA = {
  params: { type: "object", properties: { cycleId: { type: "string", pattern: ID_TEXT_PATTERN } } },
  body: {
    type: "object",
    properties: { memberId: { type: "integer", minimum: 1, maximum: limits.idMax } },
    required: ["memberId"],
    additionalProperties: false,
  },
  response: { 200: ConfirmedShareSchema, ...problems(400, 401, 403, 404, 409) },
} as const;

/**
 * A member who confirms each cycle (or whose share is over their limit) confirms or declines a share
 * between the announcement and the collection; after it, 409.
 */
const confirmRoutes: RoutePlugin = (app, deps) => {
  for (const [path, answer, summary] of [
    [
      "/cycles/:cycleId/confirm",
      confirmShare,
      "Confirm your (or your dependant's) share before collection, if you chose to confirm each cycle",
    ],
    [
      "/cycles/:cycleId/decline",
      declineShare,
      "Decline your (or your dependant's) share before the collection day; the plan's rule for an unconfirmed share applies",
    ],
  ] as const) {
    app.post(path, { schema: { tags: ["cycles"], summary, ...ANSWER_SCHEMA } }, async (request) => {
      const p = authorize(request, "participation.self");
      const { cycleId } = request.params as { cycleId: string };
      return answer(deps, p, Number(cycleId), (request.body as { memberId: number }).memberId);
    });
  }
};
