export { planRoutes } from "../../plans/plans.routes.ts";
