import { ageOn, type CivilDate, parseCivilDate } from "./calendar.ts";
import { err, ok, problem, type Result } from "./result.ts";

/** A validated 18-character resident ID number (居民身份证号码, GB 11643-1999). Personal data. */
export type ResidentId = string & { readonly __kind: "ResidentId" };
export type Sex = "male" | "female";

export type ResidentIdFacts = {
  readonly id: ResidentId;
  readonly regionCode: string;
  readonly birthDate: CivilDate;
  readonly sex: Sex;
};

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = "10X98765432";

/** The GB 11643 check character for the first 17 digits (ISO 7064 MOD 11-2). */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/**
 * Validates a resident ID and derives its facts: the checksum, a birth date that exists and is not
 * after `today`, and the sex from the 17th digit (odd = male). The message never repeats the ID.
 */
export function parseResidentId(
  input: unknown,
  today: CivilDate,
  field = "residentId",
): Result<ResidentIdFacts> {
  if (typeof input !== "string")
    return err(problem("invalid_resident_id", "a resident ID is required", field));
  const text = input.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(text)) {
    return err(problem("invalid_resident_id", "a resident ID is 17 digits and a digit or X", field));
  }
  if (text[0] === "0")
    return err(problem("invalid_resident_id", "the region code cannot start with 0", field));
  if (residentIdCheckChar(text.slice(0, 17)) !== text[17]) {
    return err(problem("invalid_resident_id", "the check digit does not match (GB 11643)", field));
  }
  const birth = parseCivilDate(`${text.slice(6, 10)}-${text.slice(10, 12)}-${text.slice(12, 14)}`, field);
  if (!birth.ok) return err(problem("invalid_resident_id", "the birth date in the ID does not exist", field));
  if (birth.value > today)
    return err(problem("invalid_resident_id", "the birth date in the ID is in the future", field));
  if (ageOn(birth.value, today) > 130)
    return err(problem("invalid_resident_id", "the birth date is implausible", field));
  return ok({
    id: text as ResidentId,
    regionCode: text.slice(0, 6),
    birthDate: birth.value,
    sex: Number(text[16]) % 2 === 1 ? "male" : "female",
  });
}

/** Masks an ID for display: the first 4 and last 4 characters stay ("1101**********001X"). */
export function maskResidentId(id: string): string {
  if (id.length <= 8) return "*".repeat(id.length);
  return `${id.slice(0, 4)}${"*".repeat(id.length - 8)}${id.slice(-4)}`;
}

/** Masks a name as the announcements did: the family name stays ("张*", "欧阳**"). */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return "*";
  const keep = chars.length >= 4 ? 2 : 1;
  return chars.slice(0, keep).join("") + "*".repeat(chars.length - keep);
}

/** Masks a mainland mobile number: "138****5678". */
export function maskMobile(mobile: string): string {
  const digits = mobile.replace(/\D/g, "");
  if (digits.length < 7) return "*".repeat(digits.length);
  return `${digits.slice(0, 3)}${"*".repeat(digits.length - 7)}${digits.slice(-4)}`;
}

/** A mainland mobile number: 11 digits starting with 1. */
export function parseMobile(input: unknown, field = "mobile"): Result<string> {
  if (typeof input !== "string" || !/^1[3-9]\d{9}$/.test(input.trim())) {
    return err(problem("invalid_mobile", "a mobile number is 11 digits starting with 13–19", field));
  }
  return ok(input.trim());
}
