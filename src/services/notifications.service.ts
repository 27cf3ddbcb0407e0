export * from "../notifications/inbox.ts";
export * from "../notifications/notify.ts";
export * from "../notifications/preferences.ts";
