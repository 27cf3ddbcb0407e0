import type { Command } from "commander";

/** Every feature's command registrar; add one import and one entry per feature. */
export const commandModules: ReadonlyArray<(program: Command) => void> = [];
