import { authorize } from "../http/app.ts";
import type { RoutePlugin } from "../http/routes/index.ts";
import { problems } from "../http/schema.ts";
import { limits } from "../limits.ts";
import { notificationRepository } from "./notifications.repository.ts";

/** The simulated SMS outbox, in development only: it holds one-time codes. */
export const smsOutboxRoutes: RoutePlugin = (app, deps) => {
  if (deps.production) return;
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
      const sent = await notificationRepository.latestSms(deps.pool, limits.smsOutboxListMax);
      // the API's column names, as before
      const items = sent.map((s) => ({
        sms_id: s.smsId,
        mobile_masked: s.mobileMasked,
        body: s.body,
        status: s.status,
        created_at: s.createdAt,
      }));
      return { items };
    },
  );
};
