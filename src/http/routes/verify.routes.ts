export { verifyRoutes } from "../../log/verify.routes.ts";
