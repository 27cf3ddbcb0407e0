export { purgeExpiredAuth } from "../services/purge.service.ts";
