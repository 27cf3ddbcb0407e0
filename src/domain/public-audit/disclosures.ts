import type { LoggedCycle } from "./cycles.ts";
import type { PublishedDisclosure } from "./export.ts";

const FROM_ANNOUNCEMENT = [
  "cases",
  "benefitsFen",
  "feesFen",
  "sponsorFen",
  "surplusOutFen",
  "sharingMembers",
];
const FROM_RESULT = ["benefitsFen", "feesFen", "sponsorFen", "surplusOutFen", "collectedFen", "failedFen"];

/**
 * Each published disclosure says what the log says: its totals those of the cycle's announcement and
 * result, its share root the logged one. A disclosure rewritten so that it still conserves is caught.
 */
export function checkDisclosures(
  disclosures: readonly PublishedDisclosure[],
  cycles: ReadonlyMap<number, LoggedCycle>,
  problems: string[],
): void {
  for (const d of disclosures) {
    const c = cycles.get(d.cycle);
    if (!c) {
      problems.push(`the disclosure of cycle ${d.cycle} is for a cycle the log never announced`);
      continue;
    }
    const differ = (field: string, logged: unknown, where: string) => {
      if (logged !== undefined && d.disclosure[field] !== undefined && d.disclosure[field] !== logged)
        problems.push(
          `the disclosure of cycle ${d.cycle} says ${field} ${String(d.disclosure[field])}, the logged ${where} says ${String(logged)}`,
        );
    };
    for (const k of FROM_ANNOUNCEMENT) differ(k, c.announcement.e[k], "announcement");
    if (c.result) for (const k of FROM_RESULT) differ(k, c.result.e[k], "cycle_result");
    const root = d.disclosure.shareRoot as
      | { hash?: string; count?: number; sumFen?: number }
      | null
      | undefined;
    if (root && c.root) {
      if (root.hash !== c.root.e.root)
        problems.push(`the disclosure of cycle ${d.cycle} publishes another share root than the log's`);
      if (root.count !== c.root.e.members || root.sumFen !== c.root.e.totalFen)
        problems.push(
          `the disclosure of cycle ${d.cycle} gives another member count or total than its logged share root`,
        );
    }
  }
}
