import { readdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";

type BenchModule = { run(args: string[]): Promise<void> };

/** `npm run bench -- NAME [args…]` runs bench/NAME.bench.ts; without a name it lists them. */
export async function runBench(argv: string[]): Promise<number> {
  const names = readdirSync(dirname(fileURLToPath(import.meta.url)))
    .filter((f) => f.endsWith(".bench.ts"))
    .map((f) => f.slice(0, -".bench.ts".length))
    .sort();
  const [name, ...args] = argv;
  if (!name || !names.includes(name)) {
    process.stderr.write(`usage: npm run bench -- NAME [options]\nbenchmarks: ${names.join(", ")}\n`);
    return 2;
  }
  const mod = (await import(`./${name}.bench.ts`)) as BenchModule;
  await mod.run(args);
  return 0;
}
