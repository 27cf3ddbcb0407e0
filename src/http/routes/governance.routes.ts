// issue 16: the lead registers these three in index.ts instead and deletes this file
import { governanceRoutes as proposalRoutes } from "../../governance/governance.routes.ts";
import { notificationRoutes } from "../../notifications/notifications.routes.ts";
import { planGovernanceRoutes } from "../../plans/plan-governance.routes.ts";
import type { RoutePlugin } from "./index.ts";

export const governanceRoutes: RoutePlugin = async (app, deps) => {
  await proposalRoutes(app, deps);
  await planGovernanceRoutes(app, deps);
  await notificationRoutes(app, deps);
};
