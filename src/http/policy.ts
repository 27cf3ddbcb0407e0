export * from "../domain/access.ts";
