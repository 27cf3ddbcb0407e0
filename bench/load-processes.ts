import { type ChildProcess, spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * A child process of the benchmark, and how to end it (SIGTERM, then SIGKILL; by its own id). Its
 * stdout, when piped, is read line by line: `{"load": …}` lines are its messages to the benchmark,
 * anything else (a log line) is passed on to stderr.
 */
export type Child = {
  readonly process: ChildProcess;
  /** The next message; rejects if the child exits first. */
  next<T>(): Promise<T>;
  stop(): Promise<void>;
};

function child(args: string[], env: NodeJS.ProcessEnv, stdout: "pipe" | "ignore"): Child {
  const p = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", stdout, "inherit"],
  });
  const exited = new Promise<void>((resolve) => p.once("exit", () => resolve()));
  const messages: unknown[] = [];
  const waiting: Array<{ resolve(m: unknown): void; reject(e: Error): void }> = [];
  if (p.stdout)
    createInterface({ input: p.stdout }).on("line", (line) => {
      const m = line.startsWith('{"load":') ? (JSON.parse(line) as { load: unknown }).load : undefined;
      if (m === undefined) process.stderr.write(`${line}\n`);
      else if (waiting.length > 0) waiting.shift()!.resolve(m);
      else messages.push(m);
    });
  p.once("exit", (code, signal) => {
    for (const w of waiting.splice(0)) w.reject(new Error(`bench child exited (${code ?? signal})`));
  });
  return {
    process: p,
    next: <T>() =>
      messages.length > 0
        ? Promise.resolve(messages.shift() as T)
        : p.exitCode !== null || p.signalCode !== null
          ? Promise.reject(new Error(`bench child exited (${p.exitCode ?? p.signalCode})`))
          : new Promise<T>((resolve, reject) =>
              waiting.push({ resolve: resolve as (m: unknown) => void, reject }),
            ),
    stop: async () => {
      if (p.exitCode !== null || p.signalCode !== null) return;
      p.kill("SIGTERM");
      const killer = setTimeout(() => p.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/** A TypeScript file of bench/ in a process of its own (through tsx, as bin/ runs the sources). */
export const benchScript = (file: string, env: NodeJS.ProcessEnv = {}): Child =>
  child(["--max-semi-space-size=64", "--import", "tsx", join(ROOT, "bench", file)], env, "pipe");

/** What a bench child says to the benchmark: one line on its stdout. */
export const tell = (message: unknown) => process.stdout.write(`${JSON.stringify({ load: message })}\n`);

/**
 * `huzhu serve --no-worker` as an operator starts it (bin/huzhu.mjs, NODE_ENV=production, LOG_LEVEL info,
 * its log lines written to /dev/null as to a log file), on `databaseUrl`; resolves once /healthz answers.
 */
export async function startServer(o: { databaseUrl: string; dataDir: string; port: number }): Promise<Child> {
  const c = child(
    [
      "--max-semi-space-size=64",
      // HUZHU_LOAD_PROFILE=DIR: the server's CPU profile written there when it stops (where its time goes)
      ...(process.env.HUZHU_LOAD_PROFILE
        ? ["--cpu-prof", `--cpu-prof-dir=${process.env.HUZHU_LOAD_PROFILE}`]
        : []),
      join(ROOT, "bin", "huzhu.mjs"),
      "serve",
      "--no-worker",
    ],
    {
      DATABASE_URL: o.databaseUrl,
      HUZHU_DATA_DIR: o.dataDir,
      HUZHU_PORT: String(o.port),
      NODE_ENV: "production",
      LOG_LEVEL: "info",
    },
    "ignore",
  );
  for (let i = 0; i < 600; i++) {
    if (c.process.exitCode !== null) throw new Error(`huzhu serve exited with ${c.process.exitCode}`);
    const up = await fetch(`http://127.0.0.1:${o.port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return c;
    await new Promise((r) => setTimeout(r, 200));
  }
  await c.stop();
  throw new Error("huzhu serve did not answer /healthz within 120 s");
}

/** A free TCP port on the loopback (the server is told its port by HUZHU_PORT). */
export async function freePort(): Promise<number> {
  const { createServer } = await import("node:net");
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      s.close(() => resolve(typeof a === "object" && a ? a.port : 0));
    });
  });
}
