export { appendLogEntry, type LogKind } from "../store/log.repository.ts";
