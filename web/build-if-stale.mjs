// Builds the member app (web/dist) when it is missing or older than its sources: `npm start` runs this
// first (prestart), so a fresh clone's `npm install && npm start` serves the app; the tests run it too.
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const built = join(here, "dist", "index.html");

function newestMs(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((f) => newestMs(join(path, f))));
}

export function webBuildStale() {
  if (!existsSync(built)) return true;
  const sources = [
    "src",
    "index.html",
    "vite.config.ts",
    "catalogue-split.ts",
    join("..", "package-lock.json"),
  ];
  return Math.max(...sources.map((s) => newestMs(join(here, s)))) > statSync(built).mtimeMs;
}

export async function ensureWebBuilt() {
  if (!webBuildStale()) return false;
  const { build } = await import("vite");
  // Vite builds React's development bundle when NODE_ENV says so, and vitest sets it to "test": the
  // tests' build (which `npm start` then serves as up to date) was 60 KB larger than a member's.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({ configFile: join(here, "vite.config.ts"), logLevel: "warn", mode: "production" });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const t0 = Date.now();
  const did = await ensureWebBuilt();
  console.log(
    did ? `member app built in ${Date.now() - t0} ms (web/dist)` : "member app is up to date (web/dist)",
  );
}
