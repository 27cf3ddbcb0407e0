import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.ts";
import { type ServerProcess, startServerProcess } from "../support/server-process.ts";

const run = promisify(execFile);
const bin = new URL("../../bin/huzhu.mjs", import.meta.url).pathname;

/** The binary's exit code and output, whether it succeeds or not. */
async function huzhu(args: string[], env: NodeJS.ProcessEnv) {
  try {
    const r = await run("node", [bin, ...args], { env });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const f = e as { code: number; stdout: string; stderr: string };
    return { code: f.code, stdout: f.stdout, stderr: f.stderr };
  }
}

let server: ServerProcess;
const saved = { ...process.env };

beforeAll(async () => {
  server = await startServerProcess("start");
  // the in-process CLI reads the same environment a second terminal would have
  process.env.HUZHU_DATA_DIR = server.env.HUZHU_DATA_DIR;
  process.env.HUZHU_PORT = server.env.HUZHU_PORT;
}, 180_000);

afterAll(async () => {
  process.env.HUZHU_DATA_DIR = saved.HUZHU_DATA_DIR;
  process.env.HUZHU_PORT = saved.HUZHU_PORT;
  if (saved.HUZHU_DATA_DIR === undefined) delete process.env.HUZHU_DATA_DIR;
  if (saved.HUZHU_PORT === undefined) delete process.env.HUZHU_PORT;
  await server?.stop();
}, 60_000);

describe("the CLI beside `npm start` on the same data dir", () => {
  it("claims list, audit, cycles and cycle run use the server's embedded database", async () => {
    const claims = await runCli(["claims", "list"]);
    expect(claims.stderr).toBe("");
    expect(claims.code).toBe(0);
    // the demo's lived history (src/demo/history.ts): a paid claim and one under appeal
    expect(claims.stdout).toMatch(/\bpaid\b/);
    expect(claims.stdout).toMatch(/\bappeal\b/);
    expect(server.output()).not.toMatch(/demo history stopped/);
    const cycles = await runCli(["cycles", "--plan", "xianghubao"]);
    expect(cycles.code).toBe(0);
    expect(cycles.stdout).toMatch(/announced/);
    // every step due by the server's clock (a past --date is refused once later cycles ran)
    const cycleRun = await runCli(["cycle", "run", "--plan", "xianghubao"]);
    expect(cycleRun.stderr).toBe("");
    expect(cycleRun.code).toBe(0);
    const audit = await runCli(["audit"]);
    expect(audit.stdout).toMatch(/audit passed/);
    expect(audit.code).toBe(0);
  }, 120_000);

  it("the binary too, and the server still answers afterwards (the command did not stop its database)", async () => {
    const audit = await huzhu(["audit"], server.env);
    expect(audit.stderr).toBe("");
    expect(audit.code).toBe(0);
    const plans = await fetch(`${server.url}/plans`);
    expect(plans.status).toBe(200);
  }, 120_000);

  it("a second server on the same data dir is refused in one line, exit 1; the first keeps running", async () => {
    const second = await huzhu(["serve", "--no-worker"], { ...server.env, HUZHU_PORT: "0" });
    expect(second.code).toBe(1);
    expect(second.stderr.trim().split("\n")).toHaveLength(1);
    expect(second.stderr).toMatch(/already running in another process/);
    expect((await fetch(`${server.url}/plans`)).status).toBe(200);
  }, 120_000);
});

describe("every CLI error is one line", () => {
  it("a missing file is bad input: one line naming it, exit 2", async () => {
    const r = await huzhu(["members", "import", "/no/such/members.csv"], server.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("huzhu: /no/such/members.csv: no such file\n");
  }, 60_000);

  it("an unreachable database: one line, exit 1, no stack trace", async () => {
    const env = { ...server.env, DATABASE_URL: "postgres://nobody:x@127.0.0.1:1/none" };
    const r = await huzhu(["audit"], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("huzhu: cannot reach 127.0.0.1:1: ECONNREFUSED\n");
  }, 60_000);

  it("an unreachable server: one line, exit 2 (the --server given is wrong)", async () => {
    const r = await huzhu(["verify", "--server", "http://127.0.0.1:1", "--member", "M"], server.env);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/--server: .* did not answer/);
  }, 60_000);
});
