import type { TestApp } from "./app.ts";

/** A POST to the test app, with a JSON body when there is one. */
export const postTo = (t: TestApp, url: string, headers: Record<string, string>, payload?: unknown) =>
  t.app.inject({
    method: "POST",
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
