import type { Command } from "commander";
import { registerSampleCommands } from "../../audit/sample/sample.cli.ts";
import { registerStaffCommands } from "../../auth/staff.cli.ts";
import { registerBackupCommands } from "../../backup/backup.cli.ts";
import { registerClaimCommands } from "../../claims/claims.cli.ts";
import { registerCycleCommands } from "../../cycles/cycles.cli.ts";
import { registerGovernanceCommands } from "../../governance/governance.cli.ts";
import { registerMemberCommands } from "../../import/import.cli.ts";
import { registerJobsCommands } from "../../jobs/jobs.cli.ts";
import { registerKeysCommands } from "../../keys/keys.cli.ts";
import { registerLogCommands } from "../../log/log.cli.ts";
import { registerClockCommands } from "../../operations/clock.cli.ts";
import { registerPlanCommands } from "../../plans/plans.cli.ts";
import { registerPrivacyCommands } from "../../privacy/privacy.cli.ts";
import { registerSimulateCommands } from "../../sim/actuarial/simulate.cli.ts";
import { registerDemoCommands } from "../../sim/scenario/demo.cli.ts";
import { registerScenarioCommands } from "../../sim/scenario/scenario.cli.ts";
import { registerWitnessCommands } from "../../witness/witness.cli.ts";

/**
 * Every feature's command registrar; add one import and one entry per feature. The server's commands
 * (start, serve, worker, db) are the HTTP edge's own, src/http/server.cli.ts: the entry point
 * (bin/huzhu.mjs) passes them in, so nothing outside src/http/ imports it.
 */
export const commandModules: ReadonlyArray<(program: Command) => void> = [
  registerPlanCommands,
  registerScenarioCommands,
  registerDemoCommands,
  registerMemberCommands,
  registerLogCommands,
  registerSimulateCommands,
  registerCycleCommands,
  registerClaimCommands,
  registerGovernanceCommands,
  registerStaffCommands,
  registerClockCommands,
  registerJobsCommands,
  registerSampleCommands,
  registerWitnessCommands,
  registerBackupCommands,
  registerPrivacyCommands,
  registerKeysCommands,
];
