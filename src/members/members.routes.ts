import { z } from "zod";
import { todayOf } from "../deps.ts";
import { can } from "../domain/access.ts";
import { authorize } from "../http/app.ts";
import type { RoutePlugin } from "../http/routes/index.ts";
import { IdText, idParams, problems } from "../http/schema.ts";
import { memberFor } from "./member-for.ts";
import { MeSchema } from "./members.schemas.ts";
import { audienceOf, listDependants, presentMember } from "./view.ts";

const Params = z.object({ memberId: IdText });

/** Members as each reader may see them: the identity per audience (src/domain/disclosure.ts). */
export const memberRoutes: RoutePlugin = (app, deps) => {
  app.get(
    "/me",
    {
      schema: {
        tags: ["members"],
        summary: "The signed-in member (masked)",
        response: { 200: MeSchema, ...problems(401, 403) },
      },
    },
    async (request) => {
      const p = authorize(request, "member.self");
      const today = todayOf(deps);
      return {
        member: presentMember(await memberFor(deps.pool, p, p.id, false), "subject", today),
        dependants: (await listDependants(deps.pool, p.id)).map((d) => presentMember(d, "subject", today)),
      };
    },
  );
  app.get(
    "/members/:memberId",
    {
      schema: {
        tags: ["members"],
        summary: "A member: yourself, your dependant, or (staff) anyone, shown as your role needs",
        params: idParams("memberId"),
        response: problems(401, 404),
      },
    },
    async (request) => {
      const { memberId } = Params.parse(request.params);
      if (!request.principal) authorize(request, "member.self");
      const p = request.principal!;
      const m = await memberFor(deps.pool, p, memberId, can(p, "member.read_any"));
      return presentMember(m, audienceOf(p), todayOf(deps));
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
      const p = request.principal!;
      const m = await memberFor(deps.pool, p, memberId, can(p, "member.read_any"));
      const today = todayOf(deps);
      return {
        items: (await listDependants(deps.pool, m.memberId)).map((d) =>
          presentMember(d, audienceOf(p), today),
        ),
      };
    },
  );
};
