import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  ageOn,
  civilDate,
  civilDateOfInstant,
  daysBetween,
  fromEpochDay,
  parseCivilDate,
  startOfCivilDate,
  toEpochDay,
} from "../../src/domain/calendar.ts";

describe("civil dates", () => {
  it("refuses dates that do not exist", () => {
    expect(parseCivilDate("2021-02-29").ok).toBe(false); // 2021 is not a leap year
    expect(parseCivilDate("2020-02-29").ok).toBe(true);
    expect(parseCivilDate("1900-02-29").ok).toBe(false); // divisible by 100, not by 400
    expect(parseCivilDate("2020-13-01").ok).toBe(false);
    expect(parseCivilDate("2020-04-31").ok).toBe(false);
    expect(parseCivilDate("2020-1-1").ok).toBe(false);
    const r = parseCivilDate("2021-02-29", "cohorts[0].joined");
    expect(r.ok || r.error.field).toBe("cohorts[0].joined");
  });

  it("counts days across months and leap years", () => {
    expect(toEpochDay(civilDate("1970-01-01"))).toBe(0);
    expect(toEpochDay(civilDate("2000-03-01"))).toBe(11_017); // 30 years of days incl. 7 leap days + Jan, Feb 2000
    expect(addDays(civilDate("2020-02-28"), 1)).toBe("2020-02-29");
    expect(addDays(civilDate("2020-01-01"), 90)).toBe("2020-03-31"); // 31 + 29 + 30 = 90
    expect(daysBetween(civilDate("2020-01-01"), civilDate("2021-01-01"))).toBe(366);
  });

  it("round-trips every epoch day", () => {
    fc.assert(
      fc.property(fc.integer({ min: -25_000, max: 100_000 }), (d) => toEpochDay(fromEpochDay(d)) === d),
    );
  });

  it("clamps month arithmetic to the month's end", () => {
    expect(addMonths(civilDate("2020-01-31"), 1)).toBe("2020-02-29");
    expect(addMonths(civilDate("2021-01-31"), 1)).toBe("2021-02-28");
    expect(addMonths(civilDate("2020-11-15"), 3)).toBe("2021-02-15");
  });

  it("converts instants at UTC+8", () => {
    // 2020-01-06T16:00:00Z is 2020-01-07 00:00 in Shanghai; one millisecond earlier is still the 6th
    const ms = Date.UTC(2020, 0, 6, 16, 0, 0);
    expect(civilDateOfInstant(ms)).toBe("2020-01-07");
    expect(civilDateOfInstant(ms - 1)).toBe("2020-01-06");
    expect(startOfCivilDate(civilDate("2020-01-07"))).toBe(ms);
  });
});

describe("age in completed years (周岁)", () => {
  it("turns a year older on the birthday, not the day before", () => {
    const born = civilDate("1980-06-15");
    expect(ageOn(born, civilDate("2020-06-14"))).toBe(39);
    expect(ageOn(born, civilDate("2020-06-15"))).toBe(40);
  });

  it("reaches a 29 February birthday on 1 March in common years", () => {
    const born = civilDate("2000-02-29");
    expect(ageOn(born, civilDate("2018-02-28"))).toBe(17);
    expect(ageOn(born, civilDate("2018-03-01"))).toBe(18);
    expect(ageOn(born, civilDate("2020-02-29"))).toBe(20);
  });
});
