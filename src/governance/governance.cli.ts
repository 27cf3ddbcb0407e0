import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { withServiceDeps } from "../cli/database.ts";
import { UserError } from "../cli/user-error.ts";
import { countFromLogEntries } from "../domain/governance/ballots.ts";
import { watchMembership } from "../plans/membership-watch.ts";
import { table } from "../sim/scenario/format.ts";
import { countFromLog, tallyProposal } from "./ballots.ts";
import { listProposals, proposalView } from "./views.ts";

function proposalId(text: string): number {
  if (!/^[1-9]\d{0,15}$/.test(text)) throw new UserError(`--proposal: "${text}" is not a proposal id`);
  return Number(text);
}

/** Co-deliberation from the command line, and anyone's recount of a vote from the transparency log. */
export function registerGovernanceCommands(program: Command): void {
  registerProposalCommands(program.command("proposals").description("rule-change proposals (共议)"));
  registerVoteCommands(program);
}

function registerProposalCommands(proposals: Command): void {
  proposals
    .command("list")
    .option("--plan <ID>", "only this plan")
    .description("proposals with state, class and result")
    .action(async (opts: { plan?: string }) => {
      const page = await withServiceDeps((deps) =>
        listProposals(deps.pool, { planId: opts.plan, limit: 500 }),
      );
      process.stdout.write(
        `${table(
          ["id", "plan", "title", "class", "state", "effective", "vote"],
          page.items.map((p) => [
            String(p.proposalId),
            p.planId,
            p.title,
            p.changeClass,
            p.state,
            p.effectiveOn ?? "",
            p.voteRequired ? `until ${p.votingClosesOn}` : "none",
          ]),
        )}\n`,
      );
    });
  proposals
    .command("show")
    .argument("<ID>", "the proposal")
    .description("a proposal with its readable diff, evaluations, events and result")
    .action(async (id: string) => {
      const p = await withServiceDeps((deps) => proposalView(deps.pool, proposalId(id)));
      process.stdout.write(`${JSON.stringify(p, null, 2)}\n`);
    });
  proposals
    .command("tally")
    .argument("<ID>", "the proposal")
    .description("count a closed vote by the charter and publish the result")
    .action(async (id: string) => {
      const p = await withServiceDeps((deps) => tallyProposal(deps, "system:cli", proposalId(id)));
      process.stdout.write(`${p.state}: ${(p.tally as { explanation: string }).explanation}\n`);
    });
  proposals
    .command("watch")
    .requiredOption("--plan <ID>", "the plan")
    .description("membership against the plan's minimum, with the warning band")
    .action(async (opts: { plan: string }) => {
      const w = await withServiceDeps((deps) => watchMembership(deps, opts.plan));
      process.stdout.write(
        `${w.planId}: ${w.members} members, minimum ${w.minimum ?? "none"}, warn at ${w.warnAt ?? "-"}: ${w.status}\n`,
      );
      process.exitCode = w.status === "below" ? 1 : 0;
    });
}

function registerVoteCommands(program: Command): void {
  program
    .command("votes")
    .description("votes")
    .command("tally")
    .requiredOption("--proposal <ID>", "the proposal")
    .option("--from-log", "recount from the transparency log's ballot entries (the default)", true)
    .option("--file <EXPORT>", "a log export (huzhu log export) instead of this server's log")
    .description("recount a vote from the transparency log and compare it with the published result")
    .action(async (opts: { proposal: string; file?: string }) => {
      const id = proposalId(opts.proposal);
      let exported: string[] | undefined;
      if (opts.file) {
        try {
          const doc = JSON.parse(readFileSync(opts.file, "utf8")) as { entries: Array<{ entry: string }> };
          exported = doc.entries.map((e) => e.entry);
        } catch (e) {
          throw new UserError(`--file: ${opts.file} is not a log export (${(e as Error).message})`);
        }
      }
      const { recount, published } = await withServiceDeps(async (deps) => ({
        recount: exported ? countFromLogEntries(exported, id) : await countFromLog(deps.pool, id),
        published: (await proposalView(deps.pool, id)).tally as { inFavour: number; against: number } | null,
      }));
      process.stdout.write(
        `from the log: ${recount.inFavour} in favour, ${recount.against} against (${recount.members} members)\n`,
      );
      if (!published) {
        process.stdout.write("no result published yet\n");
        return;
      }
      const same = published.inFavour === recount.inFavour && published.against === recount.against;
      process.stdout.write(
        `published:    ${published.inFavour} in favour, ${published.against} against\n${same ? "the published result is reproduced" : "the published result does NOT match the log"}\n`,
      );
      process.exitCode = same ? 0 : 1;
    });
}
