export * from "../notifications/email.ts";
