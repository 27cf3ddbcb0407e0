import { describe, expect, it } from "vitest";
import { buildProgram } from "../../src/cli/main.ts";
import { registerServerCommands } from "../../src/http/server.cli.ts";

describe("the commands that run jobs", () => {
  const program = buildProgram([registerServerCommands]);
  const command = (name: string) => program.commands.find((c) => c.name() === name);

  it("huzhu worker runs the jobs without the API", () => {
    expect(command("worker")?.description()).toMatch(/jobs/);
  });

  it("huzhu serve and huzhu start run a worker unless told --no-worker", () => {
    for (const name of ["serve", "start"]) {
      const option = command(name)?.options.find((o) => o.long === "--no-worker");
      expect(option, name).toBeDefined();
      expect(command(name)?.opts().worker, name).toBe(true); // a worker unless --no-worker
    }
  });
});
