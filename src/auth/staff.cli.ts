import type { Command } from "commander";
import { cliConfig } from "../cli/database.ts";
import { UserError } from "../cli/user-error.ts";
import { demoTotpCode } from "../demo/demo.ts";

export function registerStaffCommands(program: Command): void {
  const staff = program.command("staff").description("staff accounts");
  staff
    .command("totp")
    .argument("<username>", "a demo staff account (admin, operator, reviewer, investigator, auditor)")
    .description("print a demo staff account's current second-factor (TOTP) code — development only")
    .action((username: string) => {
      const cfg = cliConfig();
      if (cfg.production) throw new UserError("second-factor codes are shown in development only");
      const totp = demoTotpCode(cfg.dataDir, username, Date.now());
      if (!totp)
        throw new UserError(
          `no demo staff login "${username}" in ${cfg.dataDir} (run npm start first); an account made with POST /staff uses the otpauth URI given then`,
        );
      process.stdout.write(
        `${totp.code}   (valid for ${totp.validSeconds} s more; each code signs in once)\n`,
      );
    });
}
