import type { TestApp } from "./app.ts";

/** A member as the tests hold one: signed in, with their id. */
type SignedIn = { readonly auth: Record<string, string>; readonly memberId: number };

/** A member asks to join 水滴互助 with a clean health declaration (the 2016 questions). */
export const joinShuidi = (t: TestApp, m: SignedIn) =>
  t.app.inject({
    method: "POST",
    url: "/participations",
    headers: m.auth,
    payload: {
      memberId: m.memberId,
      planId: "shuidi",
      answers: { major_illness: false },
      answersVersion: "2016",
    },
  });
