import { describe, expect, it } from "vitest";
import { fixedClock, offsetClock, parseDuration, parseMoment } from "../../src/domain/clock.ts";

describe("the development clock's inputs", () => {
  it("parses durations: minutes, hours, days, weeks and their sums", () => {
    expect(parseDuration("90m")).toEqual({ ok: true, value: 90 * 60_000 });
    expect(parseDuration("12h")).toEqual({ ok: true, value: 12 * 3_600_000 });
    // 1 day 12 hours = 36 h
    expect(parseDuration("1d12h")).toEqual({ ok: true, value: 36 * 3_600_000 });
    expect(parseDuration("2w")).toEqual({ ok: true, value: 14 * 86_400_000 });
  });

  it("refuses what is not a duration, or zero, naming the field", () => {
    for (const bad of ["", "3", "d", "3x", "-1d", "1.5d", "3d ", "0d", "999999d"]) {
      const r = parseDuration(bad, "advance");
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.error.field).toBe("advance");
    }
  });

  it("reads a date as its start in Shanghai and a date-time as Shanghai time unless it says otherwise", () => {
    // 2026-01-07 00:00 +08:00 = 2026-01-06 16:00 UTC
    expect(parseMoment("2026-01-07")).toEqual({ ok: true, value: Date.UTC(2026, 0, 6, 16) });
    expect(parseMoment("2026-01-07T10:30")).toEqual({ ok: true, value: Date.UTC(2026, 0, 7, 2, 30) });
    expect(parseMoment("2026-01-07T10:30:15Z")).toEqual({
      ok: true,
      value: Date.UTC(2026, 0, 7, 10, 30, 15),
    });
    for (const bad of ["2026-02-30", "2026-01-07T24:00", "2026-01-07 10:00", "tomorrow", "2026-1-7"])
      expect(parseMoment(bad, "to").ok, bad).toBe(false);
  });

  it("an offset clock is its base moved by the offset read at the last refresh", async () => {
    const base = fixedClock(1_000);
    let stored = 0;
    const clock = offsetClock(base, async () => stored);
    stored = 500;
    expect(clock.now()).toBe(1_000); // not read yet
    await clock.refresh?.();
    expect(clock.now()).toBe(1_500);
    expect(clock.realNow?.()).toBe(1_000);
    base.advance(10);
    expect(clock.now()).toBe(1_510);
  });
});
