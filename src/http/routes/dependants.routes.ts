export { dependantRoutes } from "../../dependants/dependants.routes.ts";
