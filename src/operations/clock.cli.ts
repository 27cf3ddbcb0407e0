import type { Command } from "commander";
import { cliConfig, withDatabase } from "../cli/database.ts";
import { UserError } from "../cli/user-error.ts";
import { parseDuration, parseMoment } from "../domain/clock.ts";
import type { Result } from "../domain/result.ts";
import { type ClockMove, type ClockState, clockState, moveClock } from "./dev-clock.ts";

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** A moment as Shanghai wall time, to the minute: the plans' days are Shanghai days. */
export const shanghaiTime = (ms: number): string =>
  `${new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace("T", " ")} (Asia/Shanghai)`;

function describe(state: ClockState): string {
  const hours = Math.floor(state.offsetMs / 3_600_000);
  const ahead =
    state.offsetMs === 0
      ? "the real time"
      : `${Math.floor(hours / 24)} d ${hours % 24} h ${Math.floor((state.offsetMs % 3_600_000) / 60_000)} min ahead of the real time`;
  return `the application's clock: ${shanghaiTime(state.nowMs)}, ${ahead}\n`;
}

const orRefuse = <T>(r: Result<T>): T => {
  if (!r.ok) throw UserError.fromProblems([r.error]);
  return r.value;
};

async function move(m: ClockMove): Promise<void> {
  if (cliConfig().production)
    throw new UserError("clock: the clock moves in development only (NODE_ENV is production)");
  await withDatabase(async (db, cfg) => {
    const state = orRefuse(await moveClock({ pool: db.pool, production: cfg.production }, m));
    process.stdout.write(describe(state));
    process.stdout.write(
      "the server and workers on this database follow at their next request or job (the scheduler's tick runs every minute and catches up in order)\n",
    );
  });
}

/** `huzhu clock show|set|advance`: the development clock (docs/operations.md). */
export function registerClockCommands(program: Command): void {
  const clock = program
    .command("clock")
    .description("the application's clock in development: show it, or move it forward for every process");
  clock
    .command("show")
    .description("the application's time and how far it is ahead of the real one")
    .action(() =>
      withDatabase(async (db) => {
        process.stdout.write(describe(await clockState(db.pool)));
      }),
    );
  clock
    .command("set")
    .argument("<MOMENT>", "YYYY-MM-DD (its start) or YYYY-MM-DDTHH:MM, Shanghai time")
    .description("move the clock forward to a moment (development only)")
    .action((moment: string) => move({ kind: "set", toMs: orRefuse(parseMoment(moment, "MOMENT")) }));
  clock
    .command("advance")
    .argument("<DURATION>", "such as 90m, 12h, 3d, 2w or 1d12h")
    .description("move the clock forward by a duration (development only)")
    .action((duration: string) =>
      move({ kind: "advance", byMs: orRefuse(parseDuration(duration, "DURATION")) }),
    );
}
