import { z } from "zod";
import { addDependant, listDependants, memberFor } from "../../services/members.service.ts";
import { authorize } from "../app.ts";
import { can } from "../policy.ts";
import { IdText, idParams, js, PersonName, problems, singleLine } from "../schema.ts";
import type { RoutePlugin } from "./index.ts";

const Dependant = z.strictObject({
  name: PersonName,
  residentId: singleLine(20).min(1),
  relation: z.enum(["child", "parent", "spouse"]),
  consentVersion: singleLine(50).min(1),
});
const Params = z.object({ memberId: IdText });

export const memberRoutes: RoutePlugin = (app, deps) => {
  app.get(
    "/me",
    { schema: { tags: ["members"], summary: "The signed-in member (masked)", response: problems(401, 403) } },
    async (request) => {
      const p = authorize(request, "member.self");
      return {
        member: await memberFor(deps.pool, p, p.id, false),
        dependants: await listDependants(deps.pool, p.id),
      };
    },
  );
  app.get(
    "/members/:memberId",
    {
      schema: {
        tags: ["members"],
        summary: "A member: yourself, your dependant, or (staff) anyone",
        params: idParams("memberId"),
        response: problems(401, 404),
      },
    },
    async (request) => {
      const { memberId } = Params.parse(request.params);
      if (!request.principal) authorize(request, "member.self");
      return memberFor(deps.pool, request.principal!, memberId, can(request.principal, "member.read_any"));
    },
  );
  app.post(
    "/members/:memberId/dependants",
    {
      schema: {
        tags: ["members"],
        summary: "Enrol a dependant (child as guardian, parent) with a recorded consent",
        params: idParams("memberId"),
        body: js(Dependant),
        response: problems(400, 401, 403, 404, 409),
      },
    },
    async (request, reply) => {
      const p = authorize(request, "member.self");
      const { memberId } = Params.parse(request.params);
      const guardian = await memberFor(deps.pool, p, memberId, false);
      if (guardian.kind !== "member") authorize(request, "staff.create"); // a dependant cannot enrol dependants
      return reply.code(201).send(await addDependant(deps, guardian.memberId, Dependant.parse(request.body)));
    },
  );
  app.get(
    "/members/:memberId/dependants",
    {
      schema: {
        tags: ["members"],
        summary: "A member's dependants",
        params: idParams("memberId"),
        response: problems(401, 404),
      },
    },
    async (request) => {
      if (!request.principal) authorize(request, "member.self");
      const { memberId } = Params.parse(request.params);
      const m = await memberFor(
        deps.pool,
        request.principal!,
        memberId,
        can(request.principal, "member.read_any"),
      );
      return { items: await listDependants(deps.pool, m.memberId) };
    },
  );
};
