import { parseCivilDate, startOfCivilDate } from "./calendar.ts";
import { err, ok, problem, type Result } from "./result.ts";

/**
 * The only source of time: the shell passes a clock in, tests pass a fixed or adjustable one.
 * `refresh` (the development clock's) reads what others changed — its persisted offset — and is called
 * at the edges: before each request, job and command. `realNow` is the time beneath the offset, for
 * what keeps the real time outside (an authenticator app's second-factor codes).
 */
export type Clock = { now(): number; refresh?(): Promise<void>; realNow?(): number };

export function fixedClock(startMs: number): Clock & { set(ms: number): void; advance(ms: number): void } {
  let t = startMs;
  return {
    now: () => t,
    set: (ms) => {
      t = ms;
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

/**
 * The development clock: a base clock moved by an offset kept elsewhere (a table, so every process on the
 * database moves together), read again by `refresh`.
 */
export function offsetClock(
  base: Clock,
  readOffsetMs: () => Promise<number>,
): Clock & { offsetMs(): number } {
  let offset = 0;
  return {
    now: () => base.now() + offset,
    realNow: () => base.now(),
    offsetMs: () => offset,
    refresh: async () => {
      offset = await readOffsetMs();
    },
  };
}

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 } as const;

/** A duration such as `3d`, `12h`, `2w`, `90m` or `1d12h`, in milliseconds; at least a minute. */
export function parseDuration(text: string, field = "duration"): Result<number> {
  const parts = /^(?:\d{1,5}[mhdw])+$/.test(text) ? [...text.matchAll(/(\d{1,5})([mhdw])/g)] : [];
  if (parts.length === 0)
    return err(problem("validation", "expected a duration such as 90m, 12h, 3d, 2w or 1d12h", field));
  const ms = parts.reduce((sum, [, n, unit]) => sum + Number(n) * UNIT_MS[unit as keyof typeof UNIT_MS], 0);
  return ms > 0 ? ok(ms) : err(problem("validation", "must be longer than zero", field));
}

/**
 * A moment given as a civil date (`2026-01-07`: its start, 00:00 in Asia/Shanghai, where the plans'
 * days are) or a date and time (`2026-01-07T10:00`, Shanghai time; with `Z` or an offset, as written).
 */
export function parseMoment(text: string, field = "moment"): Result<number> {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const d = parseCivilDate(text, field);
    return d.ok ? ok(startOfCivilDate(d.value)) : d;
  }
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?$/.exec(text);
  const d = m ? parseCivilDate(m[1], field) : undefined;
  if (!m || !d?.ok || Number(m[2]) > 23 || Number(m[3]) > 59 || Number(m[4] ?? 0) > 59)
    return err(problem("validation", "expected YYYY-MM-DD or YYYY-MM-DDTHH:MM (Asia/Shanghai)", field));
  const ms = Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4] ?? "00"}${m[5] ?? "+08:00"}`);
  return Number.isFinite(ms) ? ok(ms) : err(problem("validation", "not a moment", field));
}
