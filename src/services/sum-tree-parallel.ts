// issue 16: moved to src/cycles; this re-export goes when its importers are repointed.
export { buildSumTreeParallel } from "../cycles/sum-tree-parallel.ts";
