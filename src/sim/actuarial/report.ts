import { addMonths } from "../../domain/calendar.ts";
import { formatYuan } from "../../domain/money.ts";
import { table } from "../scenario/format.ts";
import type { PointFit } from "./calibrate.ts";
import type { SimulationReport } from "./simulate.ts";

const esc = (text: string) => text.replace(/[<&]/g, (c) => (c === "<" ? "&lt;" : "&amp;"));
const y = (fen: number) => formatYuan(Math.round(fen) as never);
const pct = (p: number) => `${Math.round(p * 1000) / 10}%`;

/** Observed against simulated, one row per cost point (the report's first screen). */
export function fitTable(points: ReadonlyArray<PointFit>): string {
  return table(
    ["12 months to", "observed", "simulated", "5%–95%", "error"],
    points.map((p) => [
      p.date,
      p.observedYuan.toFixed(2),
      p.simulatedYuan.toFixed(2),
      `${p.p5Yuan.toFixed(2)} – ${p.p95Yuan.toFixed(2)}`,
      `${p.error > 0 ? "+" : ""}${(p.error * 100).toFixed(1)}%`,
    ]),
  );
}

/** Which cap binds and how often: the per-case cap month by month, the annual cap year by year. */
function capsLine(r: SimulationReport): string {
  const months = r.monthly.filter((m) => m.perCaseCapProbability > 0).length;
  const perCase = r.yearly.reduce((n, x) => n + x.perCaseCapMonthsShare * 12, 0);
  const years = r.yearly.filter((x) => x.perYearCapProbability > 0).map((x) => x.year);
  return [
    months === 0
      ? "The per-case cap never binds."
      : `The per-case cap binds in ${months} of ${r.monthly.length} months (${Math.round(perCase * 10) / 10} months a run on average).`,
    years.length === 0
      ? "The annual cap never binds."
      : `The annual cap binds in year${years.length > 1 ? "s" : ""} ${years.join(", ")}.`,
  ].join(" ");
}

export type FitScreen = { readonly path: string; readonly points: ReadonlyArray<PointFit> };

export function formatSimulation(r: SimulationReport, fit?: FitScreen): string {
  const rows = r.yearly.map((x) => [
    `${x.year} (${addMonths(r.startOn, (x.year - 1) * 12).slice(0, 7)}…)`,
    x.members.toLocaleString("en-US"),
    String(x.cases),
    y(x.benefitsFen),
    y(x.feesFen),
    y(x.shareFen.mean),
    `${y(x.shareFen.p5)} – ${y(x.shareFen.p95)}`,
    pct(x.perCaseCapMonthsShare),
    pct(x.perYearCapProbability),
    y(x.sponsorExposureFen),
    pct(x.belowMinimumProbability),
  ]);
  const head = fit
    ? `How well the model reproduces ${fit.path} (the same runs; observed = the seeds' figures):\n\n${fitTable(fit.points)}\n\n`
    : "";
  const bands = r.options.parameterDraws?.length
    ? `bands: Monte Carlo and the fitted parameters' range (${r.options.parameterDraws.length} sets)`
    : "bands: Monte Carlo only";
  return `${head}Plan ${r.plan} (rules of ${r.ruleVersion}) from ${r.startOn}, ${r.options.runs} runs, seed ${r.options.seed}; amounts in yuan; ${bands}\n\n${table(
    [
      "year",
      "members",
      "cases",
      "benefits",
      "fees",
      "share/member",
      "5%–95%",
      "per-case cap: months",
      "annual cap: runs",
      "sponsor",
      "< minimum",
    ],
    rows,
  )}\n${capsLine(r)}\n`;
}

/** A self-contained HTML report with hand-written SVG charts; deterministic (no dates, no randomness). */
export function simulationHtml(r: SimulationReport, fit?: FitScreen): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>huzhu simulation: ${r.plan}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}svg{background:#fafafa;border:1px solid #ddd}table{border-collapse:collapse}td,th{padding:2px 8px;text-align:right;border-bottom:1px solid #eee}</style></head><body>
<h1>Will ${r.plan} hold up?</h1>${fit ? `<h2>First: the fit to ${esc(fit.path)}</h2><pre>${esc(fitTable(fit.points))}</pre>` : ""}
<p>${r.options.runs} Monte Carlo runs over ${r.options.years} years from ${r.options.members.toLocaleString("en-US")} members (seed ${r.options.seed}), incidence × ${r.options.incidenceMultiplier}, adverse selection ${r.options.adverseSelection}.</p>
<h2>Share per member per month</h2>${shareChart(r)}
<h2>Membership</h2>${membersChart(r)}
<h2>Age pyramid: start and end</h2>${pyramidChart(r)}
<h2>By year</h2><pre>${esc(formatSimulation(r))}</pre>
</body></html>
`;
}

const W = 760;
const H = 260;
const PAD = 48;

function scale(values: number[], height: number): (v: number) => number {
  const max = Math.max(1, ...values);
  return (v) => PAD / 2 + (height - PAD) * (1 - v / max);
}

/** The monthly share with its 5%–95% band across runs, in yuan. */
export function shareChart(r: SimulationReport): string {
  const n = r.monthly.length;
  const x = (i: number) => PAD + ((W - PAD * 1.5) * i) / Math.max(1, n - 1);
  const sy = scale(
    r.monthly.map((m) => m.shareFen.p95),
    H,
  );
  const upper = r.monthly.map((m, i) => `${x(i).toFixed(1)},${sy(m.shareFen.p95).toFixed(1)}`);
  const lower = r.monthly.map((m, i) => `${x(i).toFixed(1)},${sy(m.shareFen.p5).toFixed(1)}`).reverse();
  const mean = r.monthly.map((m, i) => `${x(i).toFixed(1)},${sy(m.shareFen.mean).toFixed(1)}`);
  const max = Math.max(...r.monthly.map((m) => m.shareFen.p95));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">
<polygon points="${[...upper, ...lower].join(" ")}" fill="#9ecae1" opacity="0.6"/>
<polyline points="${mean.join(" ")}" fill="none" stroke="#08519c" stroke-width="1.5"/>
<line x1="${PAD}" y1="${H - PAD / 2}" x2="${W - PAD / 2}" y2="${H - PAD / 2}" stroke="#999"/>
<text x="${PAD}" y="14">share per member per month, yuan (mean; band 5%–95% of runs); max ${formatYuan(Math.round(max) as never)}</text>
${Array.from({ length: Math.floor(n / 12) }, (_, k) => `<text x="${x(k * 12 + 11).toFixed(0)}" y="${H - 8}" text-anchor="middle">year ${k + 1}</text>`).join("")}
</svg>`;
}

function membersChart(r: SimulationReport): string {
  const n = r.monthly.length;
  const x = (i: number) => PAD + ((W - PAD * 1.5) * i) / Math.max(1, n - 1);
  const sy = scale(
    r.monthly.map((m) => m.members),
    H,
  );
  const line = r.monthly.map((m, i) => `${x(i).toFixed(1)},${sy(m.members).toFixed(1)}`).join(" ");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">
<polyline points="${line}" fill="none" stroke="#31a354" stroke-width="1.5"/>
<text x="${PAD}" y="14">members (mean of runs), from ${r.monthly[0]?.members.toLocaleString("en-US")} to ${r.monthly[n - 1]?.members.toLocaleString("en-US")}</text></svg>`;
}

function pyramidChart(r: SimulationReport): string {
  const rows = r.pyramid.start.length;
  const max = Math.max(
    1,
    ...r.pyramid.start.flatMap((b) => [b.male, b.female]),
    ...r.pyramid.end.flatMap((b) => [b.male, b.female]),
  );
  const rowH = 14;
  const half = (W - 120) / 2;
  const bars = (data: typeof r.pyramid.start, color: string, opacity: number) =>
    data
      .map((b, i) => {
        const yy = 20 + (rows - 1 - i) * rowH;
        return `<rect x="${(60 + half - (half * b.male) / max).toFixed(1)}" y="${yy}" width="${((half * b.male) / max).toFixed(1)}" height="${rowH - 2}" fill="${color}" opacity="${opacity}"/><rect x="${60 + half}" y="${yy}" width="${((half * b.female) / max).toFixed(1)}" height="${rowH - 2}" fill="${color}" opacity="${opacity}"/>`;
      })
      .join("");
  const labels = r.pyramid.start
    .map((b, i) => `<text x="4" y="${30 + (rows - 1 - i) * rowH}">${b.band}</text>`)
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${rows * rowH + 30}" font-family="sans-serif" font-size="10">
${bars(r.pyramid.start, "#bdbdbd", 0.9)}${bars(r.pyramid.end, "#e6550d", 0.55)}${labels}
<text x="${60 + half / 2}" y="12" text-anchor="middle">men</text><text x="${60 + half * 1.5}" y="12" text-anchor="middle">women (grey: start, orange: end)</text></svg>`;
}
