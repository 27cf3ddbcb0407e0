import { formatYuan } from "../../domain/money.ts";
import { table } from "../scenario/format.ts";
import type { SimulationReport } from "./simulate.ts";

const y = (fen: number) => formatYuan(Math.round(fen) as never);
const pct = (p: number) => `${Math.round(p * 1000) / 10}%`;

export function formatSimulation(r: SimulationReport): string {
  const rows = r.yearly.map((x) => [
    String(x.year),
    x.members.toLocaleString("en-US"),
    String(x.cases),
    y(x.benefitsFen),
    y(x.feesFen),
    y(x.shareFen.mean),
    `${y(x.shareFen.p5)} – ${y(x.shareFen.p95)}`,
    pct(x.capBindsProbability),
    y(x.sponsorExposureFen),
    pct(x.belowMinimumProbability),
  ]);
  return `Plan ${r.plan} (rules of ${r.ruleVersion}), ${r.options.runs} runs, seed ${r.options.seed}; amounts in yuan\n\n${table(
    [
      "year",
      "members",
      "cases",
      "benefits",
      "fees",
      "share/member",
      "5%–95%",
      "cap binds",
      "sponsor",
      "< minimum",
    ],
    rows,
  )}\n`;
}

/** A self-contained HTML report with hand-written SVG charts; deterministic (no dates, no randomness). */
export function simulationHtml(r: SimulationReport): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>huzhu simulation: ${r.plan}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}svg{background:#fafafa;border:1px solid #ddd}table{border-collapse:collapse}td,th{padding:2px 8px;text-align:right;border-bottom:1px solid #eee}</style></head><body>
<h1>Will ${r.plan} hold up?</h1>
<p>${r.options.runs} Monte Carlo runs over ${r.options.years} years from ${r.options.members.toLocaleString("en-US")} members (seed ${r.options.seed}), incidence × ${r.options.incidenceMultiplier}, adverse selection ${r.options.adverseSelection}.</p>
<h2>Share per member per month</h2>${shareChart(r)}
<h2>Membership</h2>${membersChart(r)}
<h2>Age pyramid: start and end</h2>${pyramidChart(r)}
<h2>By year</h2><pre>${formatSimulation(r).replace(/[<&]/g, (c) => (c === "<" ? "&lt;" : "&amp;"))}</pre>
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
