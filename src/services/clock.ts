export { systemClock } from "../deps.ts";
