import type { FastifyInstance } from "fastify";
import { auditRoutes } from "../../audit/audit.routes.ts";
import { publicAuditRoutes } from "../../audit/public/public-audit.routes.ts";
import { authRoutes } from "../../auth/auth.routes.ts";
import { staffRoutes } from "../../auth/staff.routes.ts";
import { claimRoutes } from "../../claims/claims.routes.ts";
import { cycleRoutes } from "../../cycles/cycles.routes.ts";
import { dependantRoutes } from "../../dependants/dependants.routes.ts";
import { participationRoutes } from "../../enrolment/enrolment.routes.ts";
import { governanceRoutes } from "../../governance/governance.routes.ts";
import { invitationRoutes } from "../../invitations/invitations.routes.ts";
import { jobRoutes } from "../../jobs/jobs.routes.ts";
import { checkpointRoutes } from "../../log/checkpoint.routes.ts";
import { logRoutes } from "../../log/log.routes.ts";
import { verifyRoutes } from "../../log/verify.routes.ts";
import { memberRoutes } from "../../members/members.routes.ts";
import { notificationRoutes } from "../../notifications/notifications.routes.ts";
import { smsOutboxRoutes } from "../../notifications/sms-outbox.routes.ts";
import { healthRoutes } from "../../observability/health.routes.ts";
import { clockRoutes } from "../../operations/clock.routes.ts";
import { operationsRoutes } from "../../operations/operations.routes.ts";
import { paymentRoutes } from "../../payments/payments.routes.ts";
import { planGovernanceRoutes } from "../../plans/plan-governance.routes.ts";
import { planRoutes } from "../../plans/plans.routes.ts";
import { privacyRoutes } from "../../privacy/privacy.routes.ts";
import type { AppDeps } from "../app.ts";

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
  planGovernanceRoutes,
  notificationRoutes,
  operationsRoutes,
  clockRoutes,
  invitationRoutes,
  jobRoutes,
  healthRoutes,
  publicAuditRoutes,
  checkpointRoutes,
  privacyRoutes,
];
