/** The only source of time: the shell passes a clock in, tests pass a fixed or adjustable one. */
export type Clock = { now(): number };

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
