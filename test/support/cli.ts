import { main } from "../../src/cli/main.ts";
import { registerServerCommands } from "../../src/http/server.cli.ts";

/** Runs the CLI in-process and captures what it prints and its exit code. */
export async function runCli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const out = process.stdout.write.bind(process.stdout);
  const errw = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  const savedExit = process.exitCode;
  process.exitCode = undefined;
  try {
    const code = await main(argv, [registerServerCommands]);
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = errw;
    process.exitCode = savedExit;
  }
}
