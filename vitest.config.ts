import { defineConfig } from "vitest/config";
import { SummaryReporter } from "./test/support/summary-reporter.ts";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    pool: "forks",
    // vitest's default is one worker fewer than the cores: on this 2-core machine the files ran one at
    // a time (898 s). Two at once took 643 s with every test passing; most files wait on PostgreSQL.
    maxWorkers: 2,
    globalSetup: ["./test/support/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ["default", new SummaryReporter()],
  },
});
