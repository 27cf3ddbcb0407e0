import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.ts";
import { type TestDatabase, testDatabase } from "../support/db.ts";

let db: TestDatabase;
const saved = { url: process.env.DATABASE_URL, env: process.env.NODE_ENV };

beforeAll(async () => {
  db = await testDatabase();
  process.env.DATABASE_URL = db.url;
});
afterAll(async () => {
  if (saved.url === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = saved.url;
  await db?.close();
});

const offsetMs = async () => (await db.pool.query("SELECT offset_ms FROM app_clock")).rows[0]?.offset_ms;

describe("huzhu clock", () => {
  it("show, advance and set move the persisted offset forward", async () => {
    const shown = await runCli(["clock", "show"]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/the real time/);
    const advanced = await runCli(["clock", "advance", "2d"]);
    expect(advanced.code).toBe(0);
    expect(advanced.stdout).toMatch(/2 d 0 h 0 min ahead/);
    expect(await offsetMs()).toBe(2 * 86_400_000);
    const far = await runCli(["clock", "set", "2099-01-07T10:00"]);
    expect(far.code).toBe(0);
    expect(far.stdout).toMatch(/2099-01-07 10:00 \(Asia\/Shanghai\)/);
  });

  it("refuses bad input and the past in one line, exit 2, changing nothing", async () => {
    const before = await offsetMs();
    for (const args of [
      ["advance", "3x"],
      ["set", "2099-02-30"],
      ["set", "2020-01-01"],
    ]) {
      const r = await runCli(["clock", ...args]);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr.trim().split("\n"), args.join(" ")).toHaveLength(1);
    }
    expect(await offsetMs()).toBe(before);
  });

  it("is refused in production in one line, exit 2", async () => {
    process.env.NODE_ENV = "production";
    try {
      const r = await runCli(["clock", "advance", "1d"]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe("huzhu: clock: the clock moves in development only (NODE_ENV is production)\n");
    } finally {
      if (saved.env === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = saved.env;
    }
  });
});
