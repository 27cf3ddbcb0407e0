import { afterAll, beforeAll } from "vitest";
import { type TestApp, testApp } from "./app.ts";

/**
 * A test file's app: built before its tests and closed after them. The object returned is filled in by
 * beforeAll, so it is used inside tests and hooks, as a `let t` assigned there would be.
 */
export function useTestApp(opts?: Parameters<typeof testApp>[0]): TestApp {
  const t = {} as TestApp;
  beforeAll(async () => {
    Object.assign(t, await testApp(opts));
  });
  afterAll(async () => {
    await t.close();
  });
  return t;
}
