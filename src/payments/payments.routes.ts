import { z } from "zod";
import { fail } from "../errors.ts";
import { authorize } from "../http/app.ts";
import type { RoutePlugin } from "../http/routes/index.ts";
import { IdText, idParams, js, problems } from "../http/schema.ts";
import { memberFor } from "../members/member-for.ts";
import { disputeRoutes, mandateRoutes, moneyViewRoutes } from "./money.routes.ts";
import {
  BalanceSchema,
  TopUpRefusedSchema,
  TopUpSchema,
  WebhookAnswerSchema,
  WithdrawalSchema,
} from "./payments.schemas.ts";
import { heldFen, topUp, topUpStatus } from "./top-up.ts";
import { handleWebhook } from "./webhook.ts";
import { withdraw } from "./withdraw.ts";

const Params = z.object({ memberId: IdText });
const TopUp = z.strictObject({
  amountFen: z.number().int().positive(),
  /** A first deposit before joining: the prepaid plan it is for. */
  planId: z.string().min(1).max(64).optional(),
});

/** A top-up read back by its key (the checkout's "check the payment"). */
const topUpStatusRoutes: RoutePlugin = (app, deps) => {
  app.get(
    "/members/:memberId/top-ups/:key",
    {
      schema: {
        tags: ["balances"],
        summary:
          "Where a top-up stands, by the Idempotency-Key it was sent with (a pending one's later result)",
        params: {
          ...idParams("memberId"),
          properties: {
            ...idParams("memberId").properties!,
            key: { type: "string", minLength: 1, maxLength: 200 },
          },
          required: ["memberId", "key"],
        },
        response: { 200: TopUpSchema, ...problems(400, 401, 404) },
      },
    },
    async (request) => {
      const p = authorize(request, "balance.self");
      const { key } = request.params as { key: string };
      return topUpStatus(deps, p, Params.parse(request.params).memberId, key);
    },
  );
};

export const paymentRoutes: RoutePlugin = async (app, deps) => {
  app.post(
    "/members/:memberId/top-ups",
    {
      schema: {
        tags: ["balances"],
        summary:
          "Top up a prepaid balance through the payment provider (Idempotency-Key required): into a prepaid participation, or a first deposit naming the prepaid plan (planId)",
        params: idParams("memberId"),
        body: js(TopUp),
        response: {
          201: TopUpSchema,
          202: TopUpSchema,
          ...problems(400, 401, 404, 409, 422),
          402: TopUpRefusedSchema,
        },
      },
    },
    async (request, reply) => {
      const p = authorize(request, "balance.self");
      const key = request.headers["idempotency-key"];
      if (typeof key !== "string")
        return fail("validation", "a top-up needs an Idempotency-Key header", "Idempotency-Key");
      const { memberId } = Params.parse(request.params);
      const body = TopUp.parse(request.body);
      const r = await topUp(deps, p, memberId, body.amountFen, key, body.planId);
      return reply.code(r.status === "succeeded" ? 201 : r.status === "pending" ? 202 : 402).send(r);
    },
  );
  withdrawalRoute(app, deps);
  app.get(
    "/members/:memberId/balance",
    {
      schema: {
        tags: ["balances"],
        params: idParams("memberId"),
        response: { 200: BalanceSchema, ...problems(401, 404) },
      },
    },
    async (request) => {
      const p = authorize(request, "balance.self");
      const m = await memberFor(deps.pool, p, Params.parse(request.params).memberId, false);
      return { memberId: m.memberId, balanceFen: await heldFen(deps, m.memberId) };
    },
  );
  app.post(
    "/payments/webhook",
    {
      schema: {
        tags: ["payments"],
        summary: "Signed webhook of the payment provider",
        security: [],
        response: { 200: WebhookAnswerSchema, ...problems(401) },
      },
    },
    async (request) =>
      handleWebhook(deps, request.rawBody ?? "", request.headers["x-signature"] as string | undefined),
  );
  await topUpStatusRoutes(app, deps);
  await mandateRoutes(app, deps);
  await disputeRoutes(app, deps);
  await moneyViewRoutes(app, deps);
};

/** Withdrawals from the prepaid balance (issue 17). */
const withdrawalRoute: RoutePlugin = (app, deps) => {
  app.post(
    "/members/:memberId/withdrawals",
    {
      schema: {
        tags: ["balances"],
        summary:
          "Withdraw from the prepaid balance what no open cycle has claimed (Idempotency-Key required)",
        params: idParams("memberId"),
        body: js(TopUp),
        response: { 201: WithdrawalSchema, ...problems(400, 401, 404, 409) },
      },
    },
    async (request, reply) => {
      const p = authorize(request, "balance.self");
      const key = request.headers["idempotency-key"];
      if (typeof key !== "string")
        return fail("validation", "a withdrawal needs an Idempotency-Key header", "Idempotency-Key");
      const { memberId } = Params.parse(request.params);
      return reply
        .code(201)
        .send(await withdraw(deps, p, memberId, TopUp.parse(request.body).amountFen, key));
    },
  );
};
