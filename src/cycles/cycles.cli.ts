import type { Command } from "commander";
import { withServiceDeps } from "../cli/database.ts";
import { UserError } from "../cli/user-error.ts";
import { parseCivilDate } from "../domain/calendar.ts";
import { formatYuan } from "../domain/money.ts";
import { closePlanFromCli } from "../plans/close.ts";
import { table } from "../sim/scenario/format.ts";
import { listCycles, runCycle } from "./run.ts";

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
    .requiredOption("--date <DATE>", "the announcement date (a day of the plan's calendar)")
    .description(
      "announce, compute, collect, pay and disclose one cycle; running it again has no second effect",
    )
    .action(async (opts: { plan: string; date: string }) => {
      const date = parseCivilDate(opts.date, "--date");
      if (!date.ok) throw UserError.fromProblems([date.error]);
      const d = await withDeps((deps) => runCycle(deps, opts.plan, date.value));
      process.stdout.write(`${JSON.stringify(d, null, 2)}\n`);
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
    .description("every cycle's disclosure, kept forever")
    .action(async (opts: { plan: string; json?: boolean }) => {
      const items = await withDeps((deps) => listCycles(deps.pool, opts.plan));
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
