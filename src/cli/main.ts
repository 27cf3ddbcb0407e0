import { Command, CommanderError } from "commander";
import { ProblemError } from "../errors.ts";
import { commandModules } from "./commands/index.ts";
import { describeFailure } from "./failure.ts";
import { UserError } from "./user-error.ts";

export type Registrar = (program: Command) => void;

/** Builds the `huzhu` program; each feature's registrar is listed in src/cli/commands/index.ts. */
export function buildProgram(edges: readonly Registrar[] = []): Command {
  const program = new Command("huzhu")
    .description("huzhu — an open platform for online mutual aid (网络互助)")
    .exitOverride()
    .showHelpAfterError();
  for (const register of [...commandModules, ...edges]) register(program);
  // After registering, so no command inherits it: a parent's options then stop at its subcommand's name
  // (`huzhu audit sample-open --public FILE` is sample-open's --public, not audit's); the program has none.
  program.enablePositionalOptions();
  return program;
}

/** Runs the CLI and returns the exit code: 0 done, 1 a check failed, 2 bad input. */
export async function main(argv: readonly string[], edges: readonly Registrar[] = []): Promise<number> {
  const program = buildProgram(edges);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.exitCode === 0) return 0;
      return 2;
    }
    if (e instanceof UserError) {
      process.stderr.write(`huzhu: ${e.message}\n`);
      return e.exitCode;
    }
    // A use case's refusal (the same problems the API answers with) is a usage error too.
    if (e instanceof ProblemError) {
      process.stderr.write(`huzhu: ${e.message}\n`);
      return 2;
    }
    const failure = describeFailure(e);
    process.stderr.write(`huzhu: ${failure.line}\n`);
    if (process.env.LOG_LEVEL === "debug" && e instanceof Error) process.stderr.write(`${e.stack}\n`);
    return failure.exitCode;
  }
}
