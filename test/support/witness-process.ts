import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const bin = new URL("../../bin/huzhu.mjs", import.meta.url).pathname;

export type WitnessProcess = {
  readonly vkey: string;
  readonly url: string;
  readonly dir: string;
  output(): string;
  stop(): Promise<void>;
};

/**
 * `huzhu witness serve` as its own process, on its own fresh state directory and a free port, witnessing
 * the log of `logVkey`; resolves once it prints its key and address.
 */
export async function startWitnessProcess(name: string, logVkey: string): Promise<WitnessProcess> {
  const dir = mkdtempSync(join(tmpdir(), "huzhu-witness-"));
  const child: ChildProcess = spawn(
    "node",
    [bin, "witness", "serve", "--dir", join(dir, "state"), "--name", name, "--log", logVkey, "--port", "0"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let out = "";
  child.stdout?.on("data", (d) => {
    out += String(d);
  });
  child.stderr?.on("data", (d) => {
    out += String(d);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const line = await new Promise<RegExpExecArray>((resolve, reject) => {
    const check = setInterval(() => {
      const m = /^witness (\S+) listening on (\S+)$/m.exec(out);
      if (m) {
        clearInterval(check);
        resolve(m);
      } else if (child.exitCode !== null) {
        clearInterval(check);
        reject(new Error(`the witness exited: ${out}`));
      }
    }, 100);
  });
  return {
    vkey: line[1]!,
    url: line[2]!,
    dir: join(dir, "state"),
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
