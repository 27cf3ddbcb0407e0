export { sequenceLog } from "../store/log.repository.ts";
