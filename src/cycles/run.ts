import type { ServiceDeps } from "../deps.ts";
import { type CivilDate, partsOf } from "../domain/calendar.ts";
import type { CycleDisclosure } from "../domain/cycle/disclosure.ts";
import { limits } from "../limits.ts";
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

/**
 * Every cycle's disclosure of a plan, kept forever, a page at a time in announcement order: `after` the
 * last cycle id seen; `nextCursor` is the one to ask after, or null on the last page.
 */
export async function listCycles(
  q: Queryable,
  planId: string,
  f: { after?: number | undefined; limit?: number | undefined } = {},
) {
  const limit = Math.min(f.limit ?? limits.pageSizeDefault, limits.pageSizeMax);
  const rows = await cycleRepository.listCycles(q, planId, {
    afterCycleId: f.after ?? null,
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => ({ cycleId: r.cycleId, status: r.status, ...r.disclosure })),
    nextCursor: rows.length > limit ? String(page[page.length - 1]!.cycleId) : null,
  };
}

export const yearOf = (d: CivilDate) => partsOf(d).year;
