import type { Command } from "commander";
import { developmentTotp } from "../../services/staff.service.ts";
import { withServiceDeps } from "../database.ts";

export function registerStaffCommands(program: Command): void {
  const staff = program.command("staff").description("staff accounts");
  staff
    .command("totp")
    .argument("<username>", "a staff account")
    .description("print the account's current second-factor (TOTP) code — development only, for the demo")
    .action(async (username: string) => {
      const { code, validSeconds } = await withServiceDeps((deps) => developmentTotp(deps, username));
      process.stdout.write(`${code}   (valid for ${validSeconds} s more; each code signs in once)\n`);
    });
}
