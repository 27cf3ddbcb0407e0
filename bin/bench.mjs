#!/usr/bin/env node
// `npm run bench -- NAME [options]` runs bench/NAME.bench.ts with the rest of the arguments.
import { register } from "tsx/esm/api";

register();
const { runBench } = await import("../bench/run.ts");
const code = await runBench(process.argv.slice(2));
process.stdout.write("", () => process.exit(code));
