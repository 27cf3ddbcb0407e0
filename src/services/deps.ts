export type { ServiceDeps } from "../deps.ts";
