export { participationRoutes } from "../../enrolment/enrolment.routes.ts";
