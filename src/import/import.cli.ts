import type { Command } from "commander";
import { withServiceDeps } from "../cli/database.ts";
import { UserError } from "../cli/user-error.ts";
import { todayOf } from "../deps.ts";
import { importMembers } from "./import.ts";

export function registerMemberCommands(program: Command): void {
  const members = program.command("members").description("members of the platform");
  members
    .command("import")
    .argument(
      "<FILE>",
      "CSV with columns name,mobile,resident_id,plan_id,tier,joined_on,invitation_code,deposit_fen",
    )
    .option(
      "--deposit-source <TEXT>",
      "where the file's deposits were received (the old custodian account, a transfer's reference): each is booked as an offline receipt under it",
    )
    .description(
      "bulk-load members with their enrolments; any bad row imports nothing, every bad row is reported",
    )
    .action(async (file: string, opts: { depositSource?: string }) => {
      // The application's date (the development clock's offset included), as the server's: a join
      // dated after it is refused by the same today.
      await withServiceDeps(async (deps) => {
        const r = await importMembers(deps.pool, deps.secrets, file, todayOf(deps), {
          at: new Date(deps.clock.now()),
          ...(opts.depositSource === undefined ? {} : { depositSource: opts.depositSource }),
        });
        if (!r.ok) {
          const lines = r.problems.map((p) => `line ${p.line}: ${p.field}: ${p.message}`);
          throw new UserError(
            `${file}: ${r.problems.length} bad row(s); nothing was imported\n${lines.join("\n")}`,
          );
        }
        process.stdout.write(`imported ${r.members} members and ${r.participations} enrolments\n`);
      });
    });
}
