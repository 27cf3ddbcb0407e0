import type { Plan } from "../../domain/plan/document.ts";
import { baseOptions, type CalibrationResult, pathOptions } from "./calibrate.ts";
import { monthEnd, type ObservedPath } from "./observed.ts";
import { simulateRuns, type Tables } from "./simulate.ts";

const W = 760;
const H = 230;
const PAD = 52;

/** Per month from month 12 on: the share per member over the 12 months ending then (mean, 5%, 95%). */
function rollingYear(shares: Float64Array, runs: number, months: number) {
  const out: Array<{ m: number; mean: number; p5: number; p95: number }> = [];
  for (let m = 11; m < months; m++) {
    const v = Float64Array.from({ length: runs }, (_, r) => {
      let s = 0;
      for (let k = m - 11; k <= m; k++) s += shares[r * months + k]!;
      return s / 100;
    }).sort();
    const at = (q: number) => v[Math.min(runs - 1, Math.round(q * (runs - 1)))]!;
    out.push({ m, mean: v.reduce((a, b) => a + b, 0) / runs, p5: at(0.05), p95: at(0.95) });
  }
  return out;
}

function panel(
  title: string,
  tables: Tables,
  plan: Plan,
  path: ObservedPath,
  r: CalibrationResult,
  top: number,
): string {
  const c = r.calibration;
  const opts = pathOptions(path, {
    ...baseOptions(plan.id, c.draws.length * 2, 1),
    incidenceMultiplier: c.fitted.incidenceMultiplier,
    select: { factor: c.fitted.selectFactor, months: c.selectMonths },
    parameterDraws: c.draws,
  });
  const months = opts.years * 12;
  const series = rollingYear(simulateRuns(plan, tables, opts).shareByRunMonth, opts.runs, months);
  const start = path.points[0]!.date;
  const observed = path.points.filter((p) => p.costYuan !== undefined);
  const max = Math.max(...series.map((s) => s.p95), ...observed.map((p) => p.costYuan!)) * 1.1;
  const x = (m: number) => PAD + ((W - PAD * 1.5) * m) / Math.max(1, months - 1);
  const y = (v: number) => top + 24 + (H - 60) * (1 - v / max);
  const pts = (f: (s: (typeof series)[number]) => number) =>
    series.map((s) => `${x(s.m).toFixed(1)},${y(f(s)).toFixed(1)}`);
  const monthOf = (date: string) => {
    let m = 0;
    while (monthEnd(start, m) < date && m < months) m++;
    return m;
  };
  const dots = observed
    .map((p) => {
      const cx = x(monthOf(p.date)).toFixed(1);
      const cy = y(p.costYuan!).toFixed(1);
      return `<circle cx="${cx}" cy="${cy}" r="4" fill="#d62728"/><text x="${Number(cx) + 6}" y="${Number(cy) - 6}">observed ${p.costYuan} (${p.date.slice(0, 4)})</text>`;
    })
    .join("");
  // a tick at each December: the 12-month share there is the calendar year's, as the seeds report it
  const years = Array.from({ length: months }, (_, m) => m)
    .filter((m) => m >= 11 && monthEnd(start, m).endsWith("-12-31"))
    .map((m) => {
      const tx = x(m).toFixed(0);
      return `<line x1="${tx}" y1="${top + H - 36}" x2="${tx}" y2="${top + H - 30}" stroke="#999"/><text x="${tx}" y="${top + H - 18}" text-anchor="middle">${monthEnd(start, m).slice(0, 4)}</text>`;
    })
    .join("");
  return `<text x="${PAD}" y="${top + 14}" font-weight="bold">${title}</text>
<polygon points="${[...pts((s) => s.p95), ...pts((s) => s.p5).reverse()].join(" ")}" fill="#9ecae1" opacity="0.6"/>
<polyline points="${pts((s) => s.mean).join(" ")}" fill="none" stroke="#08519c" stroke-width="1.5"/>
<line x1="${PAD}" y1="${y(0).toFixed(1)}" x2="${W - PAD / 2}" y2="${y(0).toFixed(1)}" stroke="#999"/>
<text x="${PAD - 6}" y="${y(0).toFixed(1)}" text-anchor="end">0</text><text x="${PAD - 6}" y="${(y(max / 1.1) + 4).toFixed(1)}" text-anchor="end">${Math.round(max / 1.1)}</text>
${dots}${years}`;
}

/** Observed cost points against the simulated 12-month share per member (mean, band over the fit's range). */
export function fitChartSvg(
  tables: Tables,
  fit: { plan: Plan; path: ObservedPath },
  predict: { plan: Plan; path: ObservedPath } | undefined,
  r: CalibrationResult,
): string {
  const panels = [
    panel(
      `${fit.plan.id}: fitted — share per member over the past 12 months, yuan`,
      tables,
      fit.plan,
      fit.path,
      r,
      0,
    ),
  ];
  if (predict)
    panels.push(
      panel(
        `${predict.plan.id}: predicted with the fit above (not fitted)`,
        tables,
        predict.plan,
        predict.path,
        r,
        H,
      ),
    );
  const height = H * panels.length + 20;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${height}" viewBox="0 0 ${W} ${height}" font-family="sans-serif" font-size="11">
<rect width="${W}" height="${height}" fill="#fafafa"/>
${panels.join("\n")}
<text x="${PAD}" y="${height - 4}">line: mean of runs; band: 5%–95% of runs over the fitted parameters' range; dots: the seeds' figures</text>
</svg>
`;
}
