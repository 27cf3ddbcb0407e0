// `npm run dev`: the API (huzhu start, on HUZHU_PORT or 3000) and Vite's dev server with hot reload on
// 5173, which passes every request that is not one of the app's files to the API.
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const run = (args) => spawn(process.execPath, args, { cwd: root, stdio: "inherit" });
const children = [
  run([join(root, "bin", "huzhu.mjs"), "start"]),
  run([
    join(root, "node_modules", "vite", "bin", "vite.js"),
    "--config",
    join(root, "web", "vite.config.ts"),
  ]),
];
const stop = () => {
  for (const c of children) c.kill("SIGTERM");
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
for (const c of children) c.on("exit", stop);
