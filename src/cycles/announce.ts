import type { ServiceDeps } from "../deps.ts";
import { apportionCycle, type ShareGroup } from "../domain/apportion.ts";
import type { CivilDate } from "../domain/calendar.ts";
import type { CycleDisclosure } from "../domain/cycle/disclosure.ts";
import { fen } from "../domain/money.ts";
import { cycleDates } from "../domain/plan/cycle-calendar.ts";
import { ruleVersionOn } from "../domain/plan/document.ts";
import { formatWeight } from "../domain/plan/weights.ts";
import { fail } from "../errors.ts";
import { limits } from "../limits.ts";
import { appendLogEntry } from "../log/append.ts";
import { askToConfirm } from "../notifications/notify.ts";
import { loadStoredPlan } from "../plans/stored-plan.ts";
import { withTransaction } from "../store/db.ts";
import { previousSurplus, sharingSql } from "./cycle.repository.ts";
import { shareRoot } from "./proofs.ts";
import { inFinalCycles } from "./wind-down.ts";

/**
 * Announce and compute one cycle, set-based: cases decided on or before the announcement are frozen
 * into it, members are grouped in SQL by (weight, year-to-date paid), `apportionCycle` prices the few
 * groups exactly as the scenario runner does, and every member's share is written by one
 * INSERT … SELECT. Running it again changes nothing.
 */
export async function announceCycle(
  deps: ServiceDeps,
  planId: string,
  announcedOn: CivilDate,
): Promise<number> {
  const plan = await loadStoredPlan(deps.pool, planId);
  const version = ruleVersionOn(plan, announcedOn) ?? fail("conflict", `no rules in force on ${announcedOn}`);
  const rules = version.rules;
  const cal = rules.apportionment.calendar;
  const dates =
    cal.kind === "perEvent"
      ? [{ announcedOn, collectOn: announcedOn }]
      : cycleDates(cal, announcedOn, announcedOn);
  const cycle =
    dates[0] ?? fail("validation", `${announcedOn} is not an announcement day of ${planId}`, "date");
  return withTransaction(deps.pool, async (tx) => {
    const existing = await tx.query<{ cycle_id: number }>(
      "SELECT cycle_id FROM cycles WHERE plan_id = $1 AND announced_on = $2",
      [planId, announcedOn],
    );
    if (existing.rows[0]) return existing.rows[0].cycle_id;
    const ins = await tx.query<{ cycle_id: number }>(
      "INSERT INTO cycles (plan_id, announced_on, collect_on, rule_version, status, disclosure) VALUES ($1, $2, $3, $4, 'announced', '{}') RETURNING cycle_id",
      [planId, announcedOn, cycle.collectOn, version.effective],
    );
    const cycleId = ins.rows[0]!.cycle_id;
    const cases = await tx.query<{ benefit_fen: number }>(
      "UPDATE cycle_cases SET cycle_id = $3 WHERE plan_id = $1 AND cycle_id IS NULL AND decided_on <= $2 RETURNING benefit_fen",
      [planId, announcedOn, cycleId],
    );
    const withYtd = rules.apportionment.caps.perYear !== undefined;
    const year = await tx.query<{ cycle_id: number }>(
      `SELECT cycle_id FROM cycles WHERE plan_id = $1 AND announced_on < $2
         AND extract(year FROM announced_on) = extract(year FROM $2::date) ORDER BY announced_on DESC`,
      [planId, announcedOn],
    );
    // Hash joins and the grouping over a million members stay in memory (the default 4 MB spills).
    await tx.query(`SET LOCAL work_mem = '${limits.cycleWorkMemMiB}MB'`);
    // The sharing members, frozen once into a temporary table, then grouped and joined set-based.
    await tx.query(`CREATE TEMP TABLE sharing ON COMMIT DROP AS ${sharingSql(rules, withYtd)}`, [
      planId,
      announcedOn,
      ...(withYtd ? [year.rows[0]?.cycle_id ?? null, year.rows.map((r) => r.cycle_id)] : []),
    ]);
    const groupRows = await tx.query<{ weight_units: number; ytd_fen: number; members: number }>(
      "SELECT weight_units, ytd_fen, count(*)::int AS members FROM sharing GROUP BY 1, 2 ORDER BY 1, 2",
    );
    const capYear = rules.apportionment.caps.perYear?.amount;
    const groups: ShareGroup[] = groupRows.rows.map((g) => ({
      key: `${g.weight_units}|${g.ytd_fen}`,
      members: g.members,
      weightUnits: g.weight_units,
      yearRemainingFen: capYear === undefined ? undefined : fen(Math.max(0, capYear - g.ytd_fen)),
    }));
    const surplusInFen = await previousSurplus(tx, planId, announcedOn);
    const sponsorPaysAll = await inFinalCycles(tx, planId, announcedOn);
    const result = apportionCycle({
      sponsorPaysAll,
      rules,
      cases: cases.rows.map((c) => ({ benefitFen: fen(c.benefit_fen) })),
      groups,
      surplusInFen,
    });
    const table = result.shares.map((s, i) => [
      groupRows.rows[i]!.weight_units,
      groupRows.rows[i]!.ytd_fen,
      s.shareFen,
      s.weight,
    ]);
    await tx.query(
      `INSERT INTO cycle_shares (cycle_id, member_id, pseudonym, weight, share_fen, ytd_fen, status)
       SELECT $1, s.member_id, s.pseudonym, g.weight, g.share_fen, s.ytd_fen,
              CASE WHEN g.share_fen > 0 AND (s.share_mode = 'confirm' OR (s.share_mode = 'auto_limit' AND g.share_fen > s.share_limit_fen))
                   THEN 'unconfirmed' ELSE 'due' END
       FROM sharing s
       JOIN unnest($2::int[], $3::bigint[], $4::bigint[], $5::text[]) AS g(weight_units, ytd_fen, share_fen, weight)
         ON g.weight_units = s.weight_units AND g.ytd_fen = s.ytd_fen`,
      [
        cycleId,
        table.map((t) => t[0]),
        table.map((t) => t[1]),
        table.map((t) => t[2]),
        table.map((t) => t[3]),
      ],
    );
    // Fresh statistics (a sample, bounded time): without them the collection's per-batch updates are
    // planned for an empty table and scan all of it, seconds a batch at a million shares.
    await tx.query("ANALYZE cycle_shares");
    const byShare = new Map<string, { weight: string; members: number; shareFen: number }>();
    for (const s of result.shares) {
      const k = `${s.weight}|${s.shareFen}`;
      const row = byShare.get(k) ?? { weight: s.weight, members: 0, shareFen: s.shareFen };
      row.members += s.members;
      byShare.set(k, row);
    }
    deps.checkpoint?.("announce:shares-written");
    const root = await shareRoot(tx, cycleId);
    const disclosure: CycleDisclosure = {
      planId,
      announcedOn,
      collectOn: cycle.collectOn,
      ruleVersion: version.effective,
      cases: result.cases,
      benefitsFen: result.benefitsFen,
      approvedBenefitsFen: result.approvedBenefitsFen,
      feesFen: result.feesFen,
      surplusInFen: result.surplusInFen,
      surplusOutFen: result.surplusOutFen,
      sponsorFen: result.sponsorFen,
      benefitCutFen: result.benefitCutFen,
      sharingMembers: result.sharingMembers,
      sharingWeight: formatWeight(result.sharingWeightUnits),
      shares: [...byShare.values()],
      collectedFen: null,
      failedFen: null,
      advancedFen: null,
      shareRoot: root,
    };
    await tx.query(
      "UPDATE cycles SET disclosure = $2, share_root = $3, share_count = $4, share_total_fen = $5 WHERE cycle_id = $1",
      [
        cycleId,
        JSON.stringify(disclosure),
        root ? Buffer.from(root.hash, "hex") : null,
        root?.count ?? 0,
        root?.sumFen ?? 0,
      ],
    );
    await appendLogEntry(tx, "announcement", {
      plan: planId,
      cycle: cycleId,
      announcedOn,
      cases: result.cases,
      benefitsFen: result.benefitsFen,
      sharingMembers: result.sharingMembers,
    });
    if (root)
      await appendLogEntry(tx, "cycle_share_root", {
        plan: planId,
        cycle: cycleId,
        root: root.hash,
        members: root.count,
        totalFen: root.sumFen,
      });
    await askToConfirm(deps, tx, { cycleId, planId, collectOn: cycle.collectOn });
    deps.checkpoint?.("announce:before-commit");
    return cycleId;
  });
}
