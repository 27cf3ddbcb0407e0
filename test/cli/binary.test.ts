import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const bin = new URL("../../bin/huzhu.mjs", import.meta.url).pathname;

describe("the huzhu binary", () => {
  it("exits 0 on success and 2 on bad input, with the message on stderr", async () => {
    const good = await run("node", [bin, "plan", "validate", "xianghubao"]);
    expect(good.stdout).toMatch(/xianghubao: valid/);
    const bad = await run("node", [bin, "plan", "validate", "no-such-plan"]).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect((bad as { code: number }).code).toBe(2);
    expect((bad as { stderr: string }).stderr).toMatch(/no preset "no-such-plan"/);
  });
});
