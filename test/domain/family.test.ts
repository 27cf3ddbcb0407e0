import { describe, expect, it } from "vitest";
import { civilDate } from "../../src/domain/calendar.ts";
import { ageBand, identityShown, residentIdShown, staffAudience } from "../../src/domain/disclosure.ts";
import { relationPlausible } from "../../src/domain/family.ts";
import { limits } from "../../src/limits.ts";

const d = civilDate;
const TODAY = d("2020-03-01");
const MEMBER = d("1980-03-01");
const check = (relation: "child" | "parent" | "spouse", person: string) =>
  relationPlausible(relation, MEMBER, d(person), TODAY, limits);

describe("plausible relations, from the birth dates alone", () => {
  it("a parent is at least 15 years older: exactly 15 passes, a day less does not", () => {
    expect(check("parent", "1965-03-01").ok).toBe(true);
    expect(check("parent", "1965-03-02")).toMatchObject({
      ok: false,
      error: { code: "implausible_relation" },
    });
  });
  it("a child is under 18 and at least 15 years younger", () => {
    expect(check("child", "2002-03-02").ok).toBe(true); // 17 years and 364 days
    expect(check("child", "2002-03-01")).toMatchObject({ ok: false, error: { code: "not_a_minor" } });
    expect(check("child", "1995-03-01")).toMatchObject({ ok: false, error: { code: "not_a_minor" } });
    const young = relationPlausible("child", d("2003-01-01"), d("2017-12-31"), TODAY, limits);
    expect(young).toMatchObject({ ok: false, error: { code: "implausible_relation" } });
  });
  it("a spouse is at least 20", () => {
    expect(check("spouse", "2000-03-01").ok).toBe(true);
    expect(check("spouse", "2000-03-02")).toMatchObject({
      ok: false,
      error: { code: "implausible_relation" },
    });
  });
});

describe("what each audience is shown", () => {
  const stored = "1101**********0117";
  it("masks the stored ID per audience", () => {
    expect(residentIdShown(stored, "subject")).toBe("1****************7");
    expect(residentIdShown(stored, "contact")).toBe("**************0117");
    expect(residentIdShown(stored, "case")).toBe("*".repeat(18));
  });
  it("gives a staff account holding a case role the case view, whatever else it holds", () => {
    expect(staffAudience(["operator"])).toBe("contact");
    expect(staffAudience(["admin", "reviewer"])).toBe("case");
    expect(staffAudience(["auditor"])).toBe("case");
  });
  it("shows the birth date to the subject only, an age to case readers, a band to the public", () => {
    const p = { idMasked: stored, birthDate: d("1990-05-01"), sex: "male" as const };
    expect(identityShown(p, "subject", TODAY)).toEqual({
      residentId: "1****************7",
      birthDate: "1990-05-01",
      sex: "male",
    });
    expect(identityShown(p, "contact", TODAY)).toEqual({ residentId: "**************0117", sex: "male" });
    expect(identityShown(p, "case", TODAY)).toEqual({
      residentId: "*".repeat(18),
      ageYears: 29,
      sex: "male",
    });
    expect(identityShown(p, "public", TODAY)).toEqual({ ageBand: "20–29" });
    expect([ageBand(0), ageBand(9), ageBand(10), ageBand(99)]).toEqual(["0–9", "0–9", "10–19", "90–99"]);
  });
});
