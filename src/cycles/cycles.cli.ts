import type { Command } from "commander";
import { withServiceDeps } from "../cli/database.ts";
import { UserError } from "../cli/user-error.ts";
import { todayOf } from "../deps.ts";
import { parseCivilDate } from "../domain/calendar.ts";
import { formatYuan } from "../domain/money.ts";
import { limits } from "../limits.ts";
import { closePlanFromCli } from "../plans/close.ts";
import { table } from "../sim/scenario/format.ts";
import { listCycles, runCycle } from "./run.ts";
import { runDueCycles } from "./schedule.ts";

const withDeps = withServiceDeps;

export function registerCycleCommands(program: Command): void {
  const cycle = program.command("cycle").description("apportionment cycles");
  registerRun(cycle);
  registerWindDown(program);
  registerList(program);
}

function registerRun(cycle: Command): void {
  cycle
    .command("run")
    .requiredOption("--plan <ID>", "the plan")
    .option(
      "--date <DATE>",
      "the cycle's announcement date (a day of the plan's calendar); default: every due step",
    )
    .description(
      "run what is due by the application's clock, in order: a cycle's announcement on its day, its collection (pay, disclose) on the collection day; a date after today is refused; running it again has no second effect",
    )
    .action(async (opts: { plan: string; date?: string }) => {
      if (opts.date === undefined) {
        const ran = await withDeps((deps) => runDueCycles(deps, opts.plan, todayOf(deps), todayOf(deps)));
        process.stdout.write(`${JSON.stringify({ cyclesRun: ran }, null, 2)}\n`);
        return;
      }
      const date = parseCivilDate(opts.date, "--date");
      if (!date.ok) throw UserError.fromProblems([date.error]);
      const d = await withDeps((deps) => runCycle(deps, opts.plan, date.value));
      process.stdout.write(`${JSON.stringify(d, null, 2)}\n`);
      // stderr, so that stdout stays the disclosure
      if (d.collectedFen === null) process.stderr.write(`announced; collection due on ${d.collectOn}\n`);
    });
}

function registerWindDown(program: Command): void {
  program
    .command("wind-down")
    .requiredOption("--plan <ID>", "the plan")
    .requiredOption(
      "--on <DATE>",
      "the closing date: no joins from it; the sponsor pays the final cycles as the terms say",
    )
    .requiredOption("--reason <TEXT>", "why the plan closes (published in the log)")
    .description(
      "start the wind-down of a plan; it closes after its final cycles, claims before the closing date still paid",
    )
    .action(async (opts: { plan: string; on: string; reason: string }) => {
      const on = parseCivilDate(opts.on, "--on");
      if (!on.ok) throw UserError.fromProblems([on.error]);
      // the charter, the rules' notice and every member's notice, as through the API (issue 17)
      await withDeps((deps) => closePlanFromCli(deps, opts.plan, on.value, opts.reason));
      process.stdout.write(`${opts.plan} is closing from ${opts.on}\n`);
    });
}

function registerList(program: Command): void {
  program
    .command("cycles")
    .requiredOption("--plan <ID>", "the plan")
    .option("--json", "as JSON")
    .option("--limit <N>", `cycles on a page, at most ${limits.pageSizeMax}`, String(limits.pageSizeMax))
    .option("--cursor <CYCLE_ID>", "the page after this cycle (the last one shown)")
    .description("every cycle's disclosure, kept forever, a page at a time")
    .action(async (opts: { plan: string; json?: boolean; limit: string; cursor?: string }) => {
      const page = pageOptions(opts);
      const { items, nextCursor } = await withDeps((deps) => listCycles(deps.pool, opts.plan, page));
      // The next page's command on stderr, so the table or the JSON on stdout stays as it was.
      if (nextCursor !== null) process.stderr.write(`more: --cursor ${nextCursor}\n`);
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(items, null, 2)}\n`);
        return;
      }
      const y = (n: number | null) => (n === null ? "—" : formatYuan(n as never));
      process.stdout.write(
        `${table(
          [
            "announced",
            "cases",
            "benefits",
            "fees",
            "sponsor",
            "sharing",
            "collected",
            "failed",
            "surplus out",
            "share root",
          ],
          items.map((c) => [
            c.announcedOn,
            String(c.cases),
            y(c.benefitsFen),
            y(c.feesFen),
            y(c.sponsorFen),
            String(c.sharingMembers),
            y(c.collectedFen),
            y(c.failedFen),
            y(c.surplusOutFen),
            c.shareRoot?.hash.slice(0, 16) ?? "—",
          ]),
        )}\n`,
      );
    });
}

/** --limit and --cursor checked: one line and exit 2 on a bad value. */
function pageOptions(opts: { limit: string; cursor?: string | undefined }) {
  const limit = Number(opts.limit);
  if (!/^[1-9][0-9]*$/.test(opts.limit) || limit > limits.pageSizeMax)
    throw new UserError(`--limit: a whole number from 1 to ${limits.pageSizeMax}`);
  if (opts.cursor !== undefined && !/^[1-9][0-9]{0,14}$/.test(opts.cursor))
    throw new UserError("--cursor: a cycle id");
  return { limit, after: opts.cursor === undefined ? undefined : Number(opts.cursor) };
}
