import { formatYuan } from "../../domain/money.ts";
import type { ScenarioReport } from "./run.ts";

/** Renders a simple aligned table; numbers are right-aligned. */
export function table(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ""))));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) =>
        /^-?[\d,.]+%?$/.test(c)
          ? c.padStart(widths[i]! - (width(c) - c.length))
          : c + " ".repeat(widths[i]! - width(c)),
      )
      .join("  ")
      .trimEnd();
  return [line(headers), widths.map((w) => "─".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** Display width: CJK characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
      ch,
    )
      ? 2
      : 1;
  return w;
}

const yuan = (fen: number | null) => (fen === null ? "—" : formatYuan(fen as never));
const int = (n: number) => n.toLocaleString("en-US");

/** The readable form of a scenario report (`huzhu scenario run FILE` without --json). */
export function formatScenarioReport(r: ScenarioReport): string {
  const out: string[] = [];
  out.push(`Plan ${r.plan} — rule versions in force: ${r.ruleVersions.join(", ") || "none"}`, "");
  out.push("Cycles (amounts in yuan)");
  out.push(
    table(
      [
        "announced",
        "collect",
        "cases",
        "benefits",
        "fees",
        "surplus in",
        "surplus out",
        "sponsor",
        "sharing",
        "share",
        "collected",
        "failed",
      ],
      r.cycles.map((c) => [
        c.announcedOn,
        c.collectOn,
        int(c.cases),
        yuan(c.benefitsFen),
        yuan(c.feesFen),
        yuan(c.surplusInFen),
        yuan(c.surplusOutFen),
        yuan(c.sponsorFen),
        int(c.sharingMembers),
        c.shares.map((s) => `${yuan(s.shareFen)}×${s.weight}`).join(" ") || "—",
        yuan(c.collectedFen),
        yuan(c.failedFen),
      ]),
    ),
  );
  out.push("", "Claims");
  out.push(
    table(
      ["cohort", "count", "status", "reason", "benefit each", "cycle", "rules of"],
      r.claims.map((c) => [
        c.cohort,
        int(c.count),
        c.status,
        c.reason ?? "—",
        yuan(c.benefitFen),
        c.cycle ?? "—",
        c.ruleVersion ?? "—",
      ]),
    ),
  );
  out.push("", "Cohorts");
  out.push(
    table(
      ["cohort", "members", "active", "suspended", "ended", "paid each", "balance each"],
      r.cohorts.map((c) => [
        c.name,
        int(c.members),
        int(c.active),
        int(c.suspended),
        int(c.ended),
        yuan(c.paidPerMemberFen),
        yuan(c.balanceFen),
      ]),
    ),
  );
  if (r.pools)
    out.push("", "Premium pools, by group and year (amounts in the plan's currency)", poolsTable(r));
  return `${out.join("\n")}\n`;
}

function poolsTable(r: ScenarioReport): string {
  return table(
    [
      "year",
      "group",
      "members",
      "pool in",
      "insurer",
      "claims",
      "from pool",
      "by insurer",
      "returned",
      "carried",
    ],
    (r.pools ?? []).map((p) => [
      String(p.year),
      int(p.groupNo),
      int(p.members),
      yuan(p.poolInFen),
      yuan(p.insurerFen),
      int(p.claims),
      yuan(p.fromPoolFen),
      yuan(p.fromInsurerFen),
      yuan(p.returnedFen),
      yuan(p.carriedFen),
    ]),
  );
}
