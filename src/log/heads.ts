export { latestHead } from "../store/log.repository.ts";
