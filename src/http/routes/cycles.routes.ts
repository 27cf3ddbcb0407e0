export { cycleRoutes } from "../../cycles/cycles.routes.ts";
