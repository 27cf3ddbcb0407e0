import { z } from "zod";
import { authorize } from "../http/app.ts";
import type { RoutePlugin } from "../http/routes/index.ts";
import { Id, IdText, idParams, js, problems } from "../http/schema.ts";
import { DISPUTE_REASONS, decideDispute, memberDisputes, openDispute, openDisputes } from "./disputes.ts";
import { authorisationOf, revokeAuthorisation, signAuthorisation } from "./mandates.ts";
import { moneyOf } from "./money-view.ts";
import { AuthorisationSchema, DisputeSchema, DisputesSchema, MoneySchema } from "./payments.schemas.ts";

const Params = z.object({ memberId: IdText });
const DisputeParams = z.object({ disputeId: IdText });
const NewDispute = z.strictObject({ cycleId: Id, reason: z.enum(DISPUTE_REASONS) });
const Decision = z.strictObject({ refund: z.boolean() });

/** The member's debit authorisation (代扣签约) through the payment provider. */
export const mandateRoutes: RoutePlugin = (app, deps) => {
  const auth = {
    tags: ["balances"],
    params: idParams("memberId"),
  };
  app.get(
    "/members/:memberId/debit-authorisation",
    {
      schema: {
        ...auth,
        summary: "The member's debit authorisation",
        response: { 200: AuthorisationSchema, ...problems(401, 404) },
      },
    },
    async (request) =>
      authorisationOf(deps, authorize(request, "balance.self"), Params.parse(request.params).memberId),
  );
  app.post(
    "/members/:memberId/debit-authorisation",
    {
      schema: {
        ...auth,
        summary: "Sign the debit authorisation with the payment provider (代扣签约)",
        response: { 201: AuthorisationSchema, ...problems(401, 402, 404) },
      },
    },
    async (request, reply) => {
      const p = authorize(request, "balance.self");
      return reply.code(201).send(await signAuthorisation(deps, p, Params.parse(request.params).memberId));
    },
  );
  app.delete(
    "/members/:memberId/debit-authorisation",
    {
      schema: {
        ...auth,
        summary: "Revoke the debit authorisation: the next share is then unconfirmed",
        response: { 200: AuthorisationSchema, ...problems(401, 404, 409) },
      },
    },
    async (request) =>
      revokeAuthorisation(deps, authorize(request, "balance.self"), Params.parse(request.params).memberId),
  );
};

/** A member's disputes of deductions; staff decide them. */
export const disputeRoutes: RoutePlugin = (app, deps) => {
  const auth = { tags: ["balances"], params: idParams("memberId") };
  app.post(
    "/members/:memberId/disputes",
    {
      schema: {
        ...auth,
        summary: "Dispute one's collected share of a cycle",
        body: js(NewDispute),
        response: { 201: DisputeSchema, ...problems(400, 401, 404, 409) },
      },
    },
    async (request, reply) => {
      const p = authorize(request, "balance.self");
      const { memberId } = Params.parse(request.params);
      return reply.code(201).send(await openDispute(deps, p, memberId, NewDispute.parse(request.body)));
    },
  );
  app.get(
    "/members/:memberId/disputes",
    {
      schema: {
        ...auth,
        summary: "The member's disputes",
        response: { 200: DisputesSchema, ...problems(401, 404) },
      },
    },
    async (request) => ({
      items: await memberDisputes(
        deps,
        authorize(request, "balance.self"),
        Params.parse(request.params).memberId,
      ),
    }),
  );
  app.get(
    "/disputes",
    {
      schema: {
        tags: ["balances"],
        summary: "Open disputes, oldest first (staff)",
        response: { 200: DisputesSchema, ...problems(401, 403) },
      },
    },
    async (request) => {
      authorize(request, "dispute.decide");
      return { items: await openDisputes(deps) };
    },
  );
  app.post(
    "/disputes/:disputeId/decision",
    {
      schema: {
        tags: ["balances"],
        summary: "Decide a dispute: refund the share from the pool, or reject",
        params: idParams("disputeId"),
        body: js(Decision),
        response: { 200: DisputeSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const p = authorize(request, "dispute.decide");
      const { disputeId } = DisputeParams.parse(request.params);
      return decideDispute(deps, p, disputeId, Decision.parse(request.body).refund);
    },
  );
};

/** What a member's money stands at: balance, what open cycles claim, withdrawable, advances owed. */
export const moneyViewRoutes: RoutePlugin = (app, deps) => {
  app.get(
    "/members/:memberId/money",
    {
      schema: {
        tags: ["balances"],
        summary: "Balance, claimed by open cycles, withdrawable, and the advances owed with their shares",
        params: idParams("memberId"),
        response: { 200: MoneySchema, ...problems(401, 404) },
      },
    },
    async (request) =>
      moneyOf(deps, authorize(request, "balance.self"), Params.parse(request.params).memberId),
  );
};
