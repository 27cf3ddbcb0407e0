export { memberRoutes } from "../../members/members.routes.ts";
