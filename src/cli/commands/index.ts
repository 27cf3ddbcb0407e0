import type { Command } from "commander";
import { registerStaffCommands } from "../../auth/staff.cli.ts";
import { registerClaimCommands } from "../../claims/claims.cli.ts";
import { registerCycleCommands } from "../../cycles/cycles.cli.ts";
import { registerGovernanceCommands } from "../../governance/governance.cli.ts";
import { registerMemberCommands } from "../../import/import.cli.ts";
import { registerLogCommands } from "../../log/log.cli.ts";
import { registerPlanCommands } from "../../plans/plans.cli.ts";
import { registerSimulateCommands } from "../../sim/actuarial/simulate.cli.ts";
import { registerDemoCommands } from "../../sim/scenario/demo.cli.ts";
import { registerScenarioCommands } from "../../sim/scenario/scenario.cli.ts";
import { registerServerCommands } from "../server.cli.ts";

/** Every feature's command registrar; add one import and one entry per feature. */
export const commandModules: ReadonlyArray<(program: Command) => void> = [
  registerPlanCommands,
  registerScenarioCommands,
  registerDemoCommands,
  registerServerCommands,
  registerMemberCommands,
  registerLogCommands,
  registerSimulateCommands,
  registerCycleCommands,
  registerClaimCommands,
  registerGovernanceCommands,
  registerStaffCommands,
];
