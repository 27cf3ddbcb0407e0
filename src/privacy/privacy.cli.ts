import type { Command } from "commander";
import { withServiceDeps } from "../cli/database.ts";
import { UserError } from "../cli/user-error.ts";
import { limits } from "../limits.ts";
import { listErasureRequests, purgeExpiredEvidence } from "./erasure.ts";
import { listPersonalReads } from "./read-trail.ts";

const STATUSES = ["requested", "refused", "erased"] as const;

function memberOption(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^[1-9][0-9]{0,14}$/.test(text)) throw new UserError("--member: a member id");
  return Number(text);
}

function registerReads(privacy: Command): void {
  privacy
    .command("reads")
    .description("the staff reads of personal data, newest first: who, whose, what, why, when")
    .option("--member <ID>", "only the reads of this member's data")
    .action(async (o: { member?: string }) => {
      const subjectId = memberOption(o.member);
      const page = await withServiceDeps((deps) =>
        listPersonalReads(deps, { limit: limits.pageSizeMax, subjectId }),
      );
      if (page.items.length === 0) process.stdout.write("none\n");
      for (const r of page.items)
        process.stdout.write(
          `${r.at}  ${r.actorKind} ${r.actorId}  member ${r.subjectId}  ${r.data}  ${r.purpose}\n`,
        );
    });
}

function registerErasures(privacy: Command): void {
  privacy
    .command("erasures")
    .description("erasure requests of a status (default: waiting), each with what still blocks it")
    .option("--status <STATUS>", `one of ${STATUSES.join(", ")}`, "requested")
    .action(async (o: { status: string }) => {
      const status = STATUSES.find((s) => s === o.status);
      if (!status) throw new UserError(`--status: one of ${STATUSES.join(", ")}`);
      const { items } = await withServiceDeps((deps) => listErasureRequests(deps, status));
      if (items.length === 0) process.stdout.write("none\n");
      for (const r of items)
        process.stdout.write(
          `request ${r.requestId}  member ${r.memberId}  ${r.status}  ${r.requestedAt}` +
            `${r.blockers.length > 0 ? `  blocked: ${r.blockers.join("; ")}` : ""}\n`,
        );
    });
}

/** `huzhu privacy …`: the read trail, the erasure requests, the evidence retention purge. */
export function registerPrivacyCommands(program: Command): void {
  const privacy = program.command("privacy").description("personal data: the read trail, erasures");
  registerReads(privacy);
  registerErasures(privacy);
  privacy
    .command("purge-evidence")
    .description(
      "delete erased members' identity evidence past its retention (the worker's minute tick does this too)",
    )
    .action(async () => {
      const r = await withServiceDeps((deps) => purgeExpiredEvidence(deps));
      process.stdout.write(`deleted the identity evidence of ${r.deleted} erased member(s)\n`);
    });
}
