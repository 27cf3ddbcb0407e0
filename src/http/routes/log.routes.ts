export { logRoutes } from "../../log/log.routes.ts";
