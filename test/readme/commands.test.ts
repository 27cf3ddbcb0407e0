import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, civilDateOfInstant } from "../../src/domain/calendar.ts";
import { freePort, runningPort } from "../../src/store/embedded.ts";
import { residentId } from "../support/app.ts";
import { runCli } from "../support/cli.ts";
import { readmeCommands, shellWords } from "../support/readme.ts";
import { type ServerProcess, startCommandProcess, startServerProcess } from "../support/server-process.ts";

// Issue 17, "Done when" 3: every command README.md shows, run in order beside a running server (what
// `npm start` runs, `huzhu start`, on a throwaway data dir), the CLI in a second "terminal" on the same
// data dir; `huzhu audit` passes at the end. The commands are read from the README's code blocks: a new
// one fails this test until it is classified below.
const repo = new URL("../..", import.meta.url).pathname;
const commands = readmeCommands(readFileSync(join(repo, "README.md"), "utf8"));

/** What the walk knows once the server runs: the README's placeholders are given real values. */
type Ctx = {
  server: ServerProcess;
  databaseUrl: string;
  /** A demo member's pseudonym (README: PSEUDONYM). */
  pseudonym: string;
  /** The demo's claim with a jury drawn (README: --claim 7). */
  juryClaim: number;
  /** The demo's proposal (README: --proposal 3). */
  proposal: number;
};

type Outcome = { code: number; out?: RegExp; err?: RegExp };
type Rule =
  | { match: RegExp; skip: string }
  | { match: RegExp; server: true }
  | { match: RegExp; background: RegExp; env: (c: Ctx) => NodeJS.ProcessEnv }
  | { match: RegExp; expect: Outcome; args?: (words: string[], c: Ctx) => string[] };

/** A README placeholder replaced by the value the walk found. */
const swap = (from: string, to: () => string) => (words: string[]) =>
  words.map((w) => (w === from ? to() : w));
const besideDatabase = (c: Ctx) => ({
  ...c.server.env,
  // a second server on the data dir itself is refused (a server owns its embedded database): beside
  // `npm start` it runs on the same database through DATABASE_URL, as the README says of many servers
  DATABASE_URL: c.databaseUrl,
});

/** Every README command is one of these, first match. The README says what each does; so do they. */
const RULES: Rule[] = [
  { match: /^npm install$/, skip: "the dependencies are installed before any test runs (npm ci)" },
  { match: /^npm start$/, server: true },
  { match: /^npm test$/, skip: "this test runs inside `npm test`" },
  {
    match: /^npm run bench\b/,
    skip: "benchmarks: minutes to hours each, measured by hand (README, Performance)",
  },
  { match: /--members 10000000\b/, skip: "the 10 M simulation: minutes of CPU" },
  { match: /^npx huzhu plan list$/, expect: { code: 0, out: /xianghubao\s+相互宝/ } },
  { match: /^npx huzhu plan validate /, expect: { code: 0, out: /shuidi: valid/ } },
  { match: /^npx huzhu plan show /, expect: { code: 0, out: /"effective": "2020-01-01"/ } },
  { match: /^npx huzhu scenario run .* --json$/, expect: { code: 0, out: /"plan": "xianghubao"/ } },
  { match: /^npx huzhu scenario run /, expect: { code: 0, out: /Plan xianghubao/ } },
  { match: /^npx huzhu demo$/, expect: { code: 0, out: /Demo scenario/ } },
  { match: /^npx huzhu serve( --no-worker)?$/, background: /is running at/, env: besideDatabase },
  { match: /^npx huzhu worker$/, background: /huzhu worker is running/, env: (c) => c.server.env },
  { match: /^npx huzhu db migrate$/, expect: { code: 0, out: /up to date/ } },
  { match: /^npx huzhu members import /, expect: { code: 0, out: /imported 1 members and 1 enrolments/ } },
  {
    match: /^npx huzhu verify --server /,
    expect: { code: 0, out: /passed/ },
    args: (w, c) =>
      swap("PSEUDONYM", () => c.pseudonym)(swap("http://127.0.0.1:3000", () => c.server.url)(w)),
  },
  { match: /^npx huzhu log export /, expect: { code: 0, out: /exported \d+ entries/ } },
  { match: /^npx huzhu verify --file /, expect: { code: 0, out: /all \d+ checks passed/ } },
  // on `npm start`'s data dir the demo has run every cycle to today: a 2020 date is refused, exit 2
  { match: /^npx huzhu cycle run /, expect: { code: 2, err: /cycles run in order/ } },
  { match: /^npx huzhu cycles /, expect: { code: 0, out: /announced/ } },
  { match: /^npx huzhu wind-down /, expect: { code: 2, err: /charter reserves dissolution/ } },
  { match: /^npx huzhu audit$/, expect: { code: 0, out: /audit passed/ } },
  { match: /^npx huzhu simulate xianghubao --stress /, expect: { code: 0, out: /annual cap|per-case cap/ } },
  { match: /^npx huzhu simulate calibrate /, expect: { code: 0, out: /./ } },
  { match: /^npx huzhu claims list /, expect: { code: 0, out: /^claim\s+plan/ } },
  { match: /^npx huzhu claims advance$/, expect: { code: 0, out: /lapsed \d+, juries closed/ } },
  {
    match: /^npx huzhu jury verify /,
    expect: { code: 0, out: /the jury draw is reproduced/ },
    args: (w, c) =>
      swap("7", () => String(c.juryClaim))(swap("http://127.0.0.1:3000", () => c.server.url)(w)),
  },
  { match: /^npx huzhu proposals list /, expect: { code: 0, out: /管理费/ } },
  {
    match: /^npx huzhu votes tally /,
    // the demo's proposal is open: the recount from the log has nothing to compare yet
    expect: { code: 0, out: /from the log: 0 in favour, 0 against/ },
    args: (w, c) => swap("3", () => String(c.proposal))(w),
  },
  { match: /^npx huzhu clock advance 3d$/, expect: { code: 0, out: /ahead of the real time/ } },
  {
    match: /^npx huzhu (witness serve|verify --log-key) /,
    skip: "witnesses must be configured into the server at its start (HUZHU_WITNESSES): test/log/witnessed.test.ts runs `huzhu witness serve` as two processes beside a log and verifies with the log key and both witnesses pinned",
  },
  { match: /^npx huzhu jobs failed$/, expect: { code: 0, out: /^(none|[0-9a-f-]{36} )/ } },
  {
    match: /^npx huzhu keys status$/,
    expect: { code: 0, out: /^personal-data: current v1, live v1, retired none\nlookup-hash: current v1/ },
  },
  // the demo's staff have read members' records by the time the walk gets here, or nobody has
  {
    match: /^npx huzhu privacy reads$/,
    expect: { code: 0, out: /^(none|\S+ {2}(staff|command) \d+ {2}member \d+ )/ },
  },
  { match: /^npx huzhu audit --public log\.json$/, expect: { code: 0, out: /public audit passed/ } },
  {
    match: /^npx huzhu audit sample(-open)? /,
    skip: "the sample's seed is a checkpoint the witnesses cosigned, and witnesses must be configured into the server at its start (HUZHU_WITNESSES): test/audit/sample/seed.test.ts and test/tamper draw and open samples with two witnesses",
  },
  {
    match: /^npx huzhu backup /,
    expect: { code: 0, out: /^backed up \d+ tables \(\d+ rows\) at migration \d+, \d+ files/ },
    // the passphrase file the README names, written as an operator would
    args: (w) => {
      writeFileSync(join(cwd, "pass.txt"), "readme walk passphrase\n", { mode: 0o600 });
      return w;
    },
  },
  // beside the running server its data dir is not empty: the restore refuses, before writing anything
  { match: /^npx huzhu restore /, expect: { code: 2, err: /^huzhu: the target is not empty: / } },
];

const ruleOf = (command: string) => RULES.find((r) => r.match.test(command));

let ctx: Ctx;
let cwd: string;
const saved = { ...process.env };
const savedCwd = process.cwd();

beforeAll(async () => {
  const server = await startServerProcess("start");
  // the second terminal: the same data dir, in a directory of its own for the files the commands write
  process.env.HUZHU_DATA_DIR = server.env.HUZHU_DATA_DIR;
  process.env.HUZHU_PORT = server.env.HUZHU_PORT;
  process.env.LOG_LEVEL = "warn";
  cwd = mkdtempSync(join(tmpdir(), "huzhu-readme-"));
  for (const dir of ["plans", "scenarios"]) symlinkSync(join(repo, dir), join(cwd, dir));
  mkdirSync(join(cwd, "docs", "img"), { recursive: true });
  // members.csv as the README's columns say: one adult joining 相互宝 yesterday
  const yesterday = addDays(civilDateOfInstant(Date.now()), -1);
  writeFileSync(
    join(cwd, "members.csv"),
    `name,mobile,resident_id,plan_id,tier,joined_on\n陈十,13966660001,${residentId("1991-03-03", 901)},xianghubao,standard,${yesterday}\n`,
  );
  process.chdir(cwd);
  const dataDir = server.env.HUZHU_DATA_DIR!;
  const password = readFileSync(join(dataDir, "pg.password"), "utf8").trim();
  const databaseUrl = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${runningPort(join(dataDir, "pg"))}/huzhu`;
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  try {
    const one = async (sql: string) => (await pool.query(sql)).rows[0]?.v;
    ctx = {
      server,
      databaseUrl,
      pseudonym: await one("SELECT pseudonym AS v FROM members ORDER BY member_id LIMIT 1"),
      juryClaim: Number(await one("SELECT min(claim_id) AS v FROM juries")),
      proposal: Number(await one("SELECT min(proposal_id) AS v FROM proposals")),
    };
  } finally {
    await pool.end();
  }
}, 180_000);

afterAll(async () => {
  process.chdir(savedCwd);
  for (const k of ["HUZHU_DATA_DIR", "HUZHU_PORT", "LOG_LEVEL"] as const)
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  await ctx?.server.stop();
  if (cwd) rmSync(cwd, { recursive: true, force: true });
}, 60_000);

describe("README.md's commands", () => {
  it("every command is classified: run, run in the background, or skipped with its reason", () => {
    expect(commands.length).toBeGreaterThan(25);
    const unclassified = commands.filter((c) => ruleOf(c) === undefined);
    expect(unclassified, "a README command this test does not know: add a rule").toEqual([]);
    // the skipped, and why (printed with the test's output)
    const skipped = commands.flatMap((c) => {
      const r = ruleOf(c)!;
      return "skip" in r ? [`${c}: ${r.skip}`] : [];
    });
    // npm install, npm test, npm run bench, the 10 M simulation, witness serve, verify --log-key, and
    // the sampling audit's two sides (their seed needs witnesses)
    expect(skipped.length).toBe(8);
  });

  it("each runs in order beside `npm start` and does what the README says; huzhu audit passes at the end", async () => {
    const background: Array<ReturnType<typeof runInBackground>> = [];
    for (const command of commands) {
      const rule = ruleOf(command)!;
      if ("skip" in rule) continue;
      if ("server" in rule) {
        expect(ctx.server.output()).toContain("is running at");
        continue;
      }
      const words = shellWords(command).slice(2); // after `npx huzhu`
      if ("background" in rule) {
        background.push(runInBackground(words, rule.env(ctx), rule.background));
        continue;
      }
      const args = rule.args ? rule.args(words, ctx) : words;
      const r = await runCli(args);
      const seen = `${command}\n→ exit ${r.code}\n${r.stdout.slice(0, 400)}\n${r.stderr}`;
      expect(r.code, seen).toBe(rule.expect.code);
      if (rule.expect.out) expect(r.stdout, seen).toMatch(rule.expect.out);
      if (rule.expect.err) expect(r.stderr, seen).toMatch(rule.expect.err);
      if (rule.expect.code === 2) expect(r.stderr.trim().split("\n"), seen).toHaveLength(1);
    }
    for (const b of await Promise.all(background)) {
      expect(b.plans, b.output).toBe(200);
      expect(b.code, b.output).toBe(143);
    }
    // the files the commands were told to write
    for (const f of ["head.json", "log.json", "docs/img/simulator-fit.svg"])
      expect(existsSync(join(cwd, f)), f).toBe(true);
    const audit = await runCli(["audit"]);
    expect(audit.stdout).toMatch(/audit passed/);
    expect(audit.code).toBe(0);
    // the server kept answering beside them all
    expect((await fetch(`${ctx.server.url}/plans`)).status).toBe(200);
  }, 300_000);
});

/**
 * A server or worker started as the README shows, checked, then stopped as a supervisor stops it
 * (SIGTERM): its own handler stops it gracefully and exits with the signal's code, 128 + 15 = 143
 * (untilStopped), as a supervisor expects. Never rejects: its failure is what it returns,
 * asserted once the walk is done.
 */
async function runInBackground(words: string[], env: NodeJS.ProcessEnv, ready: RegExp) {
  const port = String(await freePort());
  try {
    const p = await startCommandProcess(words, { ...env, HUZHU_PORT: port }, ready);
    const plans = words[0] === "serve" ? (await fetch(`http://127.0.0.1:${port}/plans`)).status : 200;
    return { words, plans, code: await p.stop(), output: p.output() };
  } catch (e) {
    return { words, plans: 0, code: -1, output: String(e) };
  }
}
