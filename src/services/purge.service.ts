export { purgeExpiredAuth } from "../auth/purge.ts";
