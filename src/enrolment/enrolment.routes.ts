import { z } from "zod";
import { can } from "../domain/access.ts";
import { authorize } from "../http/app.ts";
import type { RoutePlugin } from "../http/routes/index.ts";
import { Id, IdText, idParams, js, PlanId, problems, singleLine } from "../http/schema.ts";
import { listDependants } from "../members/view.ts";
import {
  ExitPreviewSchema,
  ExitSchema,
  ParticipationListSchema,
  ParticipationSchema,
} from "./enrolment.schemas.ts";
import { exit, exitPreview } from "./exit.ts";
import { join } from "./join.ts";
import { setShareMode } from "./share-mode.ts";
import { listParticipations, participationFor } from "./views.ts";

const Join = z.strictObject({
  memberId: Id,
  planId: PlanId,
  tier: singleLine(32).min(1).optional(),
  answers: z.record(singleLine(64), z.boolean()).optional(),
  answersVersion: singleLine(32).optional(),
  invitationCode: singleLine(64).optional(),
  occupation: singleLine(64).optional(),
});
const Params = z.object({ participationId: IdText });
const ShareMode = z.strictObject({
  mode: z.enum(["auto", "confirm", "auto_limit"]),
  shareLimitFen: z.number().int().min(0).nullable().optional(),
});

export const participationRoutes: RoutePlugin = (app, deps) => {
  joinAndReadRoutes(app, deps);
  changeRoutes(app, deps);
};

/** Joining, and reading participations. */
const joinAndReadRoutes: RoutePlugin = (app, deps) => {
  app.post(
    "/participations",
    {
      schema: {
        tags: ["participations"],
        summary: "Join a plan (yourself or a dependant); the waiting period is computed and shown",
        body: js(Join),
        response: { 201: ParticipationSchema, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const p = authorize(request, "participation.self");
      return reply.code(201).send(await join(deps, p, Join.parse(request.body)));
    },
  );
  app.get(
    "/participations",
    {
      schema: {
        tags: ["participations"],
        summary: "Your and your dependants' participations",
        response: { 200: ParticipationListSchema, ...problems(401, 403) },
      },
    },
    async (request) => {
      const p = authorize(request, "participation.self");
      const ids = [p.id, ...(await listDependants(deps.pool, p.id)).map((d) => d.memberId)];
      return { items: await listParticipations(deps.pool, ids) };
    },
  );
  app.get(
    "/participations/:participationId",
    {
      schema: {
        tags: ["participations"],
        params: idParams("participationId"),
        response: { 200: ParticipationSchema, ...problems(401, 404) },
      },
    },
    async (request) => {
      if (!request.principal) authorize(request, "participation.self");
      const { participationId } = Params.parse(request.params);
      return participationFor(
        deps,
        request.principal!,
        participationId,
        can(request.principal, "participation.read_any"),
      );
    },
  );
};

/** Changing a participation: leaving, and how shares are taken. */
const changeRoutes: RoutePlugin = (app, deps) => {
  app.post(
    "/participations/:participationId/exit",
    {
      schema: {
        tags: ["participations"],
        summary: "Leave the plan: advances owed are settled, the rest of a prepaid balance refunded",
        params: idParams("participationId"),
        response: { 200: ExitSchema, ...problems(401, 403, 404, 409) },
      },
    },
    async (request) => {
      const p = authorize(request, "participation.self");
      return exit(deps, p, Params.parse(request.params).participationId);
    },
  );
  app.get(
    "/participations/:participationId/exit",
    {
      schema: {
        tags: ["participations"],
        summary: "What leaving would settle: the advances paid from the balance, the refund, what stays owed",
        params: idParams("participationId"),
        response: { 200: ExitPreviewSchema, ...problems(401, 403, 404, 409) },
      },
    },
    async (request) =>
      exitPreview(
        deps,
        authorize(request, "participation.self"),
        Params.parse(request.params).participationId,
      ),
  );
  app.put(
    "/participations/:participationId/share-mode",
    {
      schema: {
        tags: ["participations"],
        summary: "How shares are taken: automatically, confirmed each cycle, or automatically up to a limit",
        params: idParams("participationId"),
        body: js(ShareMode),
        response: { 200: ParticipationSchema, ...problems(400, 401, 404) },
      },
    },
    async (request) => {
      const p = authorize(request, "participation.self");
      const body = ShareMode.parse(request.body);
      return setShareMode(
        deps,
        p,
        Params.parse(request.params).participationId,
        body.mode,
        body.shareLimitFen ?? null,
      );
    },
  );
};
