import { z } from "zod";
import { authorize } from "../http/app.ts";
import type { RoutePlugin } from "../http/routes/index.ts";
import { IdText, idParams, js, PageLimit, problems, singleLine } from "../http/schema.ts";
import { limits } from "../limits.ts";
import { inbox, markRead } from "./inbox.ts";
import { InboxSchema, PreferencesSchema, ReadSchema } from "./notifications.schemas.ts";
import { NOTIFICATION_KINDS } from "./notify.ts";
import { getPreferences, setPreferences } from "./preferences.ts";

const Prefs = z.strictObject({
  sms: z.boolean(),
  email: z.boolean(),
  emailAddress: singleLine(320).nullable().optional(),
  kinds: z.array(z.enum(NOTIFICATION_KINDS)).default([...NOTIFICATION_KINDS]),
});
const Page = z.strictObject({ cursor: IdText.optional(), limit: PageLimit.optional() });
const tags = ["governance"];

/** A member's inbox and how they are told (SMS, e-mail) beside it. */
export const notificationRoutes: RoutePlugin = (app, deps) => {
  app.get(
    "/notifications",
    {
      schema: {
        tags,
        summary: "Your inbox, newest first",
        querystring: js(Page),
        response: { 200: InboxSchema, ...problems(401, 403) },
      },
    },
    async (request) => {
      const p = authorize(request, "notifications.self");
      const q = Page.parse(request.query);
      return inbox(deps, p, {
        before: q.cursor,
        limit: q.limit ?? limits.pageSizeDefault,
      });
    },
  );
  app.post(
    "/notifications/:notificationId/read",
    {
      schema: {
        tags,
        summary: "Mark a notice read",
        params: idParams("notificationId"),
        response: { 200: ReadSchema, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    (r) =>
      markRead(
        deps,
        authorize(r, "notifications.self"),
        Number((r.params as { notificationId: string }).notificationId),
      ),
  );
  app.get(
    "/notifications/preferences",
    { schema: { tags, response: { 200: PreferencesSchema, ...problems(401, 403) } } },
    async (request) => getPreferences(deps, authorize(request, "notifications.self")),
  );
  app.put(
    "/notifications/preferences",
    {
      schema: {
        tags,
        summary: "SMS and e-mail beside the inbox, by kind",
        body: js(Prefs),
        response: { 200: PreferencesSchema, ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const b = Prefs.parse(request.body);
      return setPreferences(deps, authorize(request, "notifications.self"), { ...b, kinds: [...b.kinds] });
    },
  );
};
