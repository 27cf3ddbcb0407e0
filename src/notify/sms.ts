export * from "../notifications/sms.ts";
