import type { Command } from "commander";
import { withDatabase } from "../cli/database.ts";
import { UserError } from "../cli/user-error.ts";
import { civilDateOfInstant } from "../domain/calendar.ts";
import { loadSecrets } from "../secrets.ts";
import { importMembers } from "./import.ts";

export function registerMemberCommands(program: Command): void {
  const members = program.command("members").description("members of the platform");
  members
    .command("import")
    .argument("<FILE>", "CSV with columns name,mobile,resident_id,plan_id,tier,joined_on,invitation_code")
    .description(
      "bulk-load members with their enrolments; any bad row imports nothing, every bad row is reported",
    )
    .action(async (file: string) => {
      await withDatabase(async (db, cfg) => {
        const r = await importMembers(db.pool, loadSecrets(cfg), file, civilDateOfInstant(Date.now()), {
          at: new Date(),
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
