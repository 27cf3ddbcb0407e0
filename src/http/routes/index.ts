import type { FastifyInstance } from "fastify";
import { auditRoutes } from "../../audit/audit.routes.ts";
import { authRoutes } from "../../auth/auth.routes.ts";
import { staffRoutes } from "../../auth/staff.routes.ts";
import { smsOutboxRoutes } from "../../notifications/sms-outbox.routes.ts";
import type { AppDeps } from "../app.ts";
import { claimRoutes } from "./claims.routes.ts";
import { cycleRoutes } from "./cycles.routes.ts";
import { dependantRoutes } from "./dependants.routes.ts";
import { governanceRoutes } from "./governance.routes.ts";
import { logRoutes } from "./log.routes.ts";
import { memberRoutes } from "./members.routes.ts";
import { participationRoutes } from "./participations.routes.ts";
import { paymentRoutes } from "./payments.routes.ts";
import { planRoutes } from "./plans.routes.ts";
import { verifyRoutes } from "./verify.routes.ts";

export type RoutePlugin = (app: FastifyInstance, deps: AppDeps) => void | Promise<void>;

/** Each feature's routes; add one entry per feature. */
export const routePlugins: readonly RoutePlugin[] = [
  authRoutes,
  memberRoutes,
  dependantRoutes,
  planRoutes,
  participationRoutes,
  paymentRoutes,
  staffRoutes,
  auditRoutes,
  smsOutboxRoutes,
  logRoutes,
  verifyRoutes,
  cycleRoutes,
  claimRoutes,
  governanceRoutes,
];
