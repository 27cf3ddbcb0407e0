import type { ServiceDeps } from "../deps.ts";
import { type CivilDate, partsOf } from "../domain/calendar.ts";
import type { CycleDisclosure } from "../domain/cycle/disclosure.ts";
import type { Queryable } from "../store/db.ts";
import { announceCycle } from "./announce.ts";
import { collectCycle } from "./collect.ts";
import { cycleRepository } from "./cycle.repository.ts";

/** Runs the cycle announced on a date, end to end; a second run has no second effect. */
export async function runCycle(
  deps: ServiceDeps,
  planId: string,
  announcedOn: CivilDate,
): Promise<CycleDisclosure> {
  const cycleId = await announceCycle(deps, planId, announcedOn);
  deps.checkpoint?.("cycle:announced");
  return collectCycle(deps, cycleId);
}

// issue 16: left for the lead — plan §4 B step 7 pages this list (and memberShareProofs) by `limits`.
/** Every cycle's disclosure of a plan, kept forever. */
export async function listCycles(q: Queryable, planId: string) {
  const rows = await cycleRepository.listCycles(q, planId);
  return rows.map((r) => ({ cycleId: r.cycleId, status: r.status, ...r.disclosure }));
}

export const yearOf = (d: CivilDate) => partsOf(d).year;
