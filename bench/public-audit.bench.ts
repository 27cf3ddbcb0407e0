import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { apportionCycle } from "../src/domain/apportion.ts";
import { canonicalJson } from "../src/domain/canonical-json.ts";
import { DEFAULT_WEIGHT_UNITS } from "../src/domain/cycle/sharing.ts";
import { leafHash, MemoryTree } from "../src/domain/merkle.ts";
import { fen } from "../src/domain/money.ts";
import { loadPlan } from "../src/domain/plan/document.ts";
import type { Rules } from "../src/domain/plan/schema.ts";
import { publicAudit } from "../src/domain/public-audit/audit.ts";
import { PublicExport } from "../src/domain/public-audit/export.ts";
import { sha256 } from "../src/domain/sha256.ts";
import { signTreeHead } from "../src/domain/tree-head.ts";
import { freshLogKeys } from "../src/log-keys.ts";
import { PRESETS_DIR } from "../src/plans/registry.ts";
import { fmt, timed, withPeakRss } from "./support.ts";

/**
 * Issue 19's benchmark: the public audit of a log with an N-member cycle (default 1,000,000), from the
 * export file as anyone downloads it — read, parsed, validated, the membership replayed and the cycle
 * re-run through `apportionCycle` — beside the baseline of reading the same file and hashing every entry
 * (what `huzhu verify --file` must at least do). `npm run bench -- public-audit [N]`.
 */
export async function run(args: string[]): Promise<void> {
  const n = Number(args[0] ?? 1_000_000);
  const file = join(tmpdir(), `huzhu-public-export-${process.pid}.json`);
  writeFileSync(file, JSON.stringify(syntheticExport(n)));
  try {
    const baseline = await withPeakRss(() =>
      timed(async () => {
        const exp = JSON.parse(readFileSync(file, "utf8")) as { entries: Array<{ entry: string }> };
        const tree = new MemoryTree();
        for (const e of exp.entries) tree.append(leafHash(Buffer.from(e.entry)));
        return tree.root();
      }),
    );
    const audit = await withPeakRss(() =>
      timed(async () => publicAudit(PublicExport.parse(JSON.parse(readFileSync(file, "utf8"))))),
    );
    if (audit.value.value.problems.length > 0)
      throw new Error(audit.value.value.problems.slice(0, 3).join("; "));
    process.stdout.write(
      [
        `public audit of a ${n.toLocaleString("en-US")}-member cycle (${audit.value.value.entries.toLocaleString("en-US")} entries)`,
        `  read + hash every entry (baseline):      ${fmt(baseline.value.seconds, 2)} s, peak RSS ${Math.round(baseline.peakRssMiB)} MiB`,
        `  huzhu audit --public (read, validate, replay, recompute): ${fmt(audit.value.seconds, 2)} s, ratio ${fmt(audit.value.seconds / baseline.value.seconds, 2)}×, peak RSS ${Math.round(audit.peakRssMiB)} MiB`,
        "",
      ].join("\n"),
    );
  } finally {
    rmSync(file, { force: true });
  }
}

/** A log as an honest operator writes it: a launch, n joins, one approved claim, one cycle paying it. */
function syntheticExport(n: number) {
  const doc = parseYaml(readFileSync(join(PRESETS_DIR, "xianghubao.yaml"), "utf8"));
  const v0 = doc.versions[0] as { effective: string; rules: unknown };
  const plan = loadPlan({
    id: "xianghubao",
    name: "x",
    sources: [],
    silent: [],
    assumptions: [],
    versions: [v0],
  });
  if (!plan.ok) throw new Error("the preset does not load");
  const rules = plan.value.versions[0]!.rules;
  const entries: string[] = [];
  const add = (e: Record<string, unknown>) => entries.push(canonicalJson(e));
  const rulesSha256 = sha256(canonicalJson(v0.rules, "finite")).toString("hex");
  add({
    kind: "plan_status",
    plan: "xianghubao",
    status: "active",
    terms: [{ effective: v0.effective, rulesSha256 }],
  });
  const member = (i: number) => i.toString(16).padStart(32, "0");
  for (let i = 0; i < n; i++)
    add({
      kind: "join",
      member: member(i),
      plan: "xianghubao",
      participation: i + 1,
      tier: "standard",
      joinedOn: "2020-01-01",
      coveredFrom: "2020-03-31",
      ruleVersion: v0.effective,
    });
  cycleEntries(add, rules, n, v0.effective);
  return signedExport(entries, { plan: "xianghubao", effective: v0.effective, rules: v0.rules });
}

/** The reviewer's approval and the case it shares, as decide.ts and sweeps.ts log them. */
function claimEntries(add: (e: Record<string, unknown>) => void, member: string, benefitFen: number) {
  add({
    kind: "claim_decision",
    stage: "decision",
    claim: 1,
    plan: "xianghubao",
    member: member,
    event: "major",
    diagnosedOn: "2020-05-01",
    decision: "approved",
    benefitFen,
    on: "2020-05-10",
  });
  add({
    kind: "claim_decision",
    stage: "shared",
    claim: 1,
    case: 1,
    plan: "xianghubao",
    member: member,
    benefitFen,
    on: "2020-05-26",
  });
}

/** One approved claim shared, and the cycle that pays it, as announce.ts and settle.ts log them. */
function cycleEntries(add: (e: Record<string, unknown>) => void, rules: Rules, n: number, effective: string) {
  const member = (i: number) => i.toString(16).padStart(32, "0");
  const benefitFen = 30_000_000;
  claimEntries(add, member(0), benefitFen);
  const groups = [{ weightUnits: DEFAULT_WEIGHT_UNITS, ytdFen: 0, feeFrom: null, members: n }];
  const r = apportionCycle({
    rules,
    cases: [{ benefitFen: fen(benefitFen) }],
    groups: groups.map((g) => ({ key: "1", members: g.members, weightUnits: g.weightUnits })),
    surplusInFen: fen(0),
  });
  const totals = {
    cases: 1,
    benefitsFen: r.benefitsFen,
    feesFen: r.feesFen,
    sponsorFen: r.sponsorFen,
    surplusOutFen: r.surplusOutFen,
  };
  add({
    kind: "announcement",
    plan: "xianghubao",
    cycle: 1,
    announcedOn: "2020-06-07",
    ...totals,
    sharingMembers: r.sharingMembers,
    ruleVersion: effective,
    collectOn: "2020-06-14",
    surplusInFen: 0,
    sponsorPaysAll: false,
    denominatorWeightUnits: null,
    groups,
    caseIds: [1],
  });
  add({
    kind: "cycle_share_root",
    plan: "xianghubao",
    cycle: 1,
    root: "00".repeat(32),
    members: n,
    totalFen: r.chargedFen,
  });
  add({
    kind: "payout",
    member: member(0),
    plan: "xianghubao",
    case: 1,
    cycle: 1,
    on: "2020-06-14",
    benefitFen,
    paidFen: r.benefitsFen,
  });
  add({
    kind: "cycle_result",
    plan: "xianghubao",
    cycle: 1,
    announcedOn: "2020-06-07",
    benefitsFen: r.benefitsFen,
    feesFen: r.feesFen,
    sponsorFen: r.sponsorFen,
    collectedFen: r.chargedFen,
    failedFen: 0,
    surplusOutFen: r.surplusOutFen,
    advancedFen: 0,
  });
}

/** The entries signed as the sequencer would (one head over all of them), with the rule document. */
function signedExport(entries: string[], ruleDoc: { plan: string; effective: string; rules: unknown }) {
  const keys = freshLogKeys();
  const tree = new MemoryTree();
  for (const e of entries) tree.append(leafHash(Buffer.from(e)));
  const head = signTreeHead(
    { size: tree.size, rootHash: tree.root().toString("hex"), timestampMs: Date.UTC(2020, 5, 14) },
    keys.privateKey,
  );
  return {
    publicKey: keys.publicKeyPem,
    heads: [head],
    entries: entries.map((entry, index) => ({ index, entry })),
    disclosures: [],
    rules: [ruleDoc],
  };
}
