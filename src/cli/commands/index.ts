import type { Command } from "commander";
import { registerClaimCommands } from "./claims.ts";
import { registerCycleCommands } from "./cycles.ts";
import { registerDemoCommands } from "./demo.ts";
import { registerGovernanceCommands } from "./governance.ts";
import { registerLogCommands } from "./log.ts";
import { registerMemberCommands } from "./members.ts";
import { registerPlanCommands } from "./plan.ts";
import { registerScenarioCommands } from "./scenario.ts";
import { registerServerCommands } from "./server.ts";
import { registerSimulateCommands } from "./simulate.ts";
import { registerStaffCommands } from "./staff.ts";

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
