export * from "../auth/rate-limit.ts";
