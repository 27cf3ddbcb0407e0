import { type ChildProcess, spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../../src/store/embedded.ts";

const bin = new URL("../../bin/huzhu.mjs", import.meta.url).pathname;

export type ServerProcess = {
  readonly dataDir: string;
  readonly url: string;
  /** The environment that points a command at this server's data dir. */
  readonly env: NodeJS.ProcessEnv;
  /** What the server printed so far. */
  output(): string;
  /** SIGTERM (a graceful stop, as Ctrl+C), then the data dir removed. */
  stop(): Promise<void>;
};

/**
 * `huzhu <command>` (start, serve) as its own process on a fresh data dir and port, as a user runs it
 * in one terminal; resolves once it prints its URL.
 */
export async function startServerProcess(
  command: "start" | "serve",
  args: string[] = [],
): Promise<ServerProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), "huzhu-server-"));
  chmodSync(dataDir, 0o755);
  const port = await freePort();
  const env = { ...process.env, HUZHU_DATA_DIR: dataDir, HUZHU_PORT: String(port), LOG_LEVEL: "warn" };
  const child: ChildProcess = spawn("node", [bin, command, ...args], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d) => {
    out += String(d);
  });
  child.stderr?.on("data", (d) => {
    out += String(d);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const check = setInterval(() => {
      if (out.includes("is running at")) {
        clearInterval(check);
        resolve();
      } else if (child.exitCode !== null) {
        clearInterval(check);
        reject(new Error(`the server exited: ${out}`));
      }
    }, 100);
  });
  return {
    dataDir,
    url: `http://127.0.0.1:${port}`,
    env,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A long-running command (`huzhu serve`, `worker`) as its own process, once it printed `ready`. */
export type CommandProcess = {
  output(): string;
  /** SIGTERM (Ctrl+C's graceful stop); resolves with the exit code. */
  stop(): Promise<number | null>;
};

export async function startCommandProcess(
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
): Promise<CommandProcess> {
  const child = spawn("node", [bin, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout?.on("data", (d) => {
    out += String(d);
  });
  child.stderr?.on("data", (d) => {
    out += String(d);
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const check = setInterval(() => {
      if (ready.test(out)) {
        clearInterval(check);
        resolve();
      } else if (child.exitCode !== null) {
        clearInterval(check);
        reject(new Error(`huzhu ${args.join(" ")} exited: ${out}`));
      }
    }, 100);
  });
  return {
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}
