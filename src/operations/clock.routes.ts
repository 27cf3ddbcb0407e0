import { z } from "zod";
import { parseDuration, parseMoment } from "../domain/clock.ts";
import { fail } from "../errors.ts";
import { authorize } from "../http/app.ts";
import type { RoutePlugin } from "../http/routes/index.ts";
import { js, problems } from "../http/schema.ts";
import { type ClockState, clockState, moveClock } from "./dev-clock.ts";

const tags = ["development"];
const MoveBody = z.union([
  z.strictObject({ to: z.string().max(32) }),
  z.strictObject({ advance: z.string().max(32) }),
]);

const present = (s: ClockState) => ({ now: new Date(s.nowMs).toISOString(), offsetMs: s.offsetMs });

/** The development clock for the web app (development only; never registered in production). */
export const clockRoutes: RoutePlugin = (app, deps) => {
  if (deps.production) return;
  app.get(
    "/dev/clock",
    {
      schema: {
        tags,
        summary:
          "The application's time and how far the development clock is ahead of the real one (development only)",
        security: [],
      },
    },
    async () =>
      present(await clockState(deps.pool, { now: () => deps.clock.realNow?.() ?? deps.clock.now() })),
  );
  app.post(
    "/dev/clock",
    {
      schema: {
        tags,
        summary:
          "Move the development clock forward, for every process: `to` a moment (YYYY-MM-DD or YYYY-MM-DDTHH:MM, Shanghai) or `advance` by a duration (3d, 12h); operator or admin",
        body: js(MoveBody),
        response: problems(400, 401, 403, 409),
      },
    },
    async (request) => {
      authorize(request, "clock.move");
      const body = MoveBody.parse(request.body);
      const parsed = "to" in body ? parseMoment(body.to, "to") : parseDuration(body.advance, "advance");
      if (!parsed.ok) return fail(parsed.error.code, parsed.error.message, parsed.error.field);
      const move =
        "to" in body
          ? { kind: "set" as const, toMs: parsed.value }
          : { kind: "advance" as const, byMs: parsed.value };
      const base = { now: () => deps.clock.realNow?.() ?? deps.clock.now() };
      const moved = await moveClock(deps, move, base);
      if (!moved.ok) return fail(moved.error.code, moved.error.message, moved.error.field);
      await deps.clock.refresh?.();
      return present(moved.value);
    },
  );
};
