import { describe, expect, it } from "vitest";
import { PersonName } from "../../src/http/schema.ts";
import { residentId } from "../support/app.ts";
import { requestCode } from "../support/auth.ts";
import { useTestApp } from "../support/use-app.ts";

const t = useTestApp();

// Invisible format characters (Unicode Cf) make a name that displays as another person's: 张三 and
// 张\u200d三 look the same in every list, announcement and jury page.
const INVISIBLE = [
  "\u200b",
  "\u200c",
  "\u200d",
  "\u2060",
  "\ufeff",
  "\u00ad",
  "\u180e",
  "\u061c",
  "\u{e0041}",
];

describe("names hold no invisible characters", () => {
  it("a name with a zero-width or other format character inside is refused", () => {
    for (const c of INVISIBLE) expect(PersonName.safeParse(`张${c}三`).success, escape(c)).toBe(false);
    // what real names carry stays allowed: the middle dot of minority names, a space, combining marks
    for (const ok of ["阿依古丽·买买提", "Anna Maria", "Jose\u0301"])
      expect(PersonName.safeParse(ok).success, ok).toBe(true);
  });

  it("registration with such a name is a 400 naming the field, and the code is not spent", async () => {
    const proof = await requestCode(t, "13100000101", "198.51.100.101");
    const body = { mobile: "13100000101", residentId: residentId("1980-01-01", 901), ...proof };
    const post = (name: string) =>
      t.app.inject({
        method: "POST",
        url: "/auth/member/register",
        payload: { ...body, name },
        remoteAddress: "198.51.100.101",
      });
    const r = await post("张\u200d三");
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ field: "name" });
    expect((await post("张三")).statusCode).toBe(201);
  });
});
