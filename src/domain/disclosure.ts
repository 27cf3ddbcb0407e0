import { ageOn, type CivilDate } from "./calendar.ts";

/**
 * Who reads a person's identity, and so what of it they are shown. Each audience sees what its task
 * needs and never enough to narrow the resident ID below 10,000 candidates (test/members/id-masks.test.ts
 * counts them with the GB 11643 check character):
 * - subject: the person, or their guardian: the first and the last character, birth date, sex;
 * - contact: operator, admin (who speak to members): the last 4 characters and sex, no age;
 * - case: reviewer, investigator, auditor (who decide and check cases): age and sex, no ID digit;
 * - public: announcements: an age band only.
 */
export type Audience = "subject" | "contact" | "case" | "public";

const CASE_ROLES = new Set(["reviewer", "investigator", "auditor"]);

/**
 * A staff principal's audience. A holder of a case role and a contact role gets the case view: the union
 * of both (last 4 digits, age, age at diagnosis) could narrow the ID far more than either alone.
 */
export function staffAudience(roles: readonly string[]): Audience {
  return roles.some((r) => CASE_ROLES.has(r)) ? "case" : "contact";
}

/**
 * The resident ID as an audience sees it, from the stored mask (first 4 and last 4 characters): the
 * stored mask itself is never shown (with a birth date it leaves about 9 candidates).
 */
export function residentIdShown(storedMask: string, audience: Audience): string {
  const length = storedMask.length;
  if (audience === "subject") return `${storedMask[0]}${"*".repeat(length - 2)}${storedMask.slice(-1)}`;
  if (audience === "contact") return `${"*".repeat(length - 4)}${storedMask.slice(-4)}`;
  return "*".repeat(length);
}

/** Ten-year age bands, as announcements show them ("30–39"); the band says nothing of the birth date. */
export function ageBand(age: number): string {
  const from = Math.floor(age / 10) * 10;
  return `${from}–${from + 9}`;
}

export type PersonFacts = {
  readonly idMasked: string;
  readonly birthDate: CivilDate;
  readonly sex: "male" | "female";
};

/** What of a person an audience is shown, on a date. */
export type IdentityShown = {
  residentId?: string;
  birthDate?: CivilDate;
  ageYears?: number;
  ageBand?: string;
  sex?: "male" | "female";
};

export function identityShown(p: PersonFacts, audience: Audience, today: CivilDate): IdentityShown {
  switch (audience) {
    case "subject":
      return { residentId: residentIdShown(p.idMasked, audience), birthDate: p.birthDate, sex: p.sex };
    case "contact":
      return { residentId: residentIdShown(p.idMasked, audience), sex: p.sex };
    case "case":
      return {
        residentId: residentIdShown(p.idMasked, audience),
        ageYears: ageOn(p.birthDate, today),
        sex: p.sex,
      };
    case "public":
      return { ageBand: ageBand(ageOn(p.birthDate, today)) };
  }
}
