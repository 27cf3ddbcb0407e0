import { type ServiceDeps, systemClock } from "../deps.ts";
import { type Clock, offsetClock } from "../domain/clock.ts";
import { err, ok, problem, type Result } from "../domain/result.ts";
import { type Db, withTransaction } from "../store/db.ts";
import { clockRepository } from "./clock.repository.ts";

/** Where the application's clock stands: its time, and how far it is ahead of the real one. */
export type ClockState = { readonly nowMs: number; readonly offsetMs: number };

export type ClockMove =
  | { readonly kind: "set"; readonly toMs: number }
  | { readonly kind: "advance"; readonly byMs: number };

/**
 * The application's clock for a shell on `pool`: the real clock in production; in development the real
 * clock moved by the persisted offset, read again by `refresh` (before each request, job and command).
 */
export function appClock(pool: Db, production: boolean, base: Clock = systemClock): Clock {
  return production ? base : offsetClock(base, () => clockRepository.offsetMs(pool));
}

export async function clockState(pool: Db, base: Clock = systemClock): Promise<ClockState> {
  const offsetMs = await clockRepository.offsetMs(pool);
  return { nowMs: base.now() + offsetMs, offsetMs };
}

/**
 * Moves the development clock forward — to a moment, or by a duration — for every process on the
 * database. Refused in production, and backwards (what was dated stays in the past).
 */
export async function moveClock(
  deps: Pick<ServiceDeps, "pool" | "production">,
  move: ClockMove,
  base: Clock = systemClock,
): Promise<Result<ClockState>> {
  if (deps.production)
    return err(problem("forbidden", "the clock moves in development only (NODE_ENV is production)"));
  return withTransaction(deps.pool, async (tx) => {
    const realMs = base.now();
    const offsetMs = await clockRepository.offsetMsForUpdate(tx);
    const nowMs = realMs + offsetMs;
    const toMs = move.kind === "set" ? move.toMs : nowMs + move.byMs;
    if (toMs < nowMs)
      return err(
        problem(
          "conflict",
          `the clock moves forward only: it is ${new Date(nowMs).toISOString()} already`,
          "to",
        ),
      );
    await clockRepository.saveOffset(tx, toMs - realMs, new Date(realMs));
    return ok({ nowMs: toMs, offsetMs: toMs - realMs });
  });
}
