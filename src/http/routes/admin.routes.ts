import { z } from "zod";
import { createStaff, setStaffDisabled } from "../../services/staff.service.ts";
import { authorize } from "../app.ts";
import { ROLES } from "../policy.ts";
import { Cursor, CursorQuery, IdText, idParams, js, problems, singleLine } from "../schema.ts";
import type { RoutePlugin } from "./index.ts";

const Staff = z.strictObject({
  username: z.string().regex(/^[a-z][a-z0-9_.-]{2,40}$/),
  password: singleLine(200).min(12),
  roles: z
    .array(z.enum(ROLES.filter((r) => r !== "member") as ["operator", ...string[]]))
    .min(1)
    .max(ROLES.length),
});

const StaffParams = z.object({ staffId: IdText });

export const adminRoutes: RoutePlugin = (app, deps) => {
  app.post(
    "/staff",
    {
      schema: {
        tags: ["admin"],
        summary:
          "Create a staff account (admin); the answer carries its second factor's otpauth URI, given only once",
        body: js(Staff),
        response: problems(400, 401, 403, 409),
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
          response: problems(401, 403, 404, 409),
        },
      },
      async (request) => {
        const p = authorize(request, "staff.manage");
        const { staffId } = StaffParams.parse(request.params);
        return setStaffDisabled(deps, p.id, staffId, disabled);
      },
    );
  }
  app.get(
    "/audit-trail",
    {
      schema: {
        tags: ["admin"],
        summary: "Every staff action, newest first (auditor), by cursor",
        querystring: CursorQuery,
        response: problems(401, 403),
      },
    },
    async (request) => {
      authorize(request, "audit.read");
      const q = Cursor.parse(request.query);
      const limit = q.limit ?? 50;
      const before = q.cursor ?? Number.MAX_SAFE_INTEGER;
      const { rows } = await deps.pool.query(
        "SELECT audit_id, actor_kind, actor_id, action, target, detail, at FROM audit_trail WHERE audit_id < $1 ORDER BY audit_id DESC LIMIT $2",
        [before, limit + 1],
      );
      const items = rows.slice(0, limit);
      // the cursor is the last id seen, as in every other list
      const next = rows.length > limit ? String(items[items.length - 1].audit_id) : null;
      return { items, nextCursor: next };
    },
  );
  if (!deps.production) {
    app.get(
      "/dev/sms-outbox",
      {
        schema: {
          tags: ["development"],
          summary: "The simulated SMS outbox: staff only, development only (it holds one-time codes)",
          response: problems(401, 403),
        },
      },
      async (request) => {
        authorize(request, "sms_outbox.read");
        const { rows } = await deps.pool.query(
          "SELECT sms_id, mobile_masked, body, status, created_at FROM sms_outbox ORDER BY sms_id DESC LIMIT 50",
        );
        return { items: rows };
      },
    );
  }
};
