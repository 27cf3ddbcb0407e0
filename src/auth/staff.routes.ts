import { z } from "zod";
import { ROLES } from "../domain/access.ts";
import { authorize } from "../http/app.ts";
import type { RoutePlugin } from "../http/routes/index.ts";
import { IdText, idParams, js, problems, singleLine } from "../http/schema.ts";
import { StaffCreatedSchema, StaffStateSchema } from "./staff.schemas.ts";
import { createStaff, setStaffDisabled } from "./staff.ts";

const Staff = z.strictObject({
  username: z.string().regex(/^[a-z][a-z0-9_.-]{2,40}$/),
  password: singleLine(200).min(12),
  roles: z
    .array(z.enum(ROLES.filter((r) => r !== "member") as ["operator", ...string[]]))
    .min(1)
    .max(ROLES.length),
});

const StaffParams = z.object({ staffId: IdText });

export const staffRoutes: RoutePlugin = (app, deps) => {
  app.post(
    "/staff",
    {
      schema: {
        tags: ["admin"],
        summary:
          "Create a staff account (admin); the answer carries its second factor's otpauth URI, given only once",
        body: js(Staff),
        response: { 201: StaffCreatedSchema, ...problems(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      authorize(request, "staff.create");
      const body = Staff.parse(request.body);
      const created = await createStaff(deps, body.username, body.password, body.roles as never);
      return reply.code(201).send({ ...created, username: body.username, roles: body.roles });
    },
  );
  for (const [verb, disabled] of [
    ["disable", true],
    ["enable", false],
  ] as const) {
    app.post(
      `/staff/:staffId/${verb}`,
      {
        schema: {
          tags: ["admin"],
          summary: `${disabled ? "Disable" : "Re-enable"} a staff account (admin), effective at the next request`,
          params: idParams("staffId"),
          response: { 200: StaffStateSchema, ...problems(401, 403, 404, 409) },
        },
      },
      async (request) => {
        const p = authorize(request, "staff.manage");
        const { staffId } = StaffParams.parse(request.params);
        return setStaffDisabled(deps, p.id, staffId, disabled);
      },
    );
  }
};
