import type { SimulationOptions } from "./simulate.ts";

/** The named stress tests: each changes the base options the way its name says. */
export const STRESS_TESTS: Record<
  string,
  { readonly description: string; apply(o: SimulationOptions): SimulationOptions }
> = {
  "adverse-selection-10": {
    description: "joiners' incidence +10%",
    apply: (o) => ({ ...o, adverseSelection: 0.1 }),
  },
  "adverse-selection-50": {
    description: "joiners' incidence +50%",
    apply: (o) => ({ ...o, adverseSelection: 0.5 }),
  },
  ageing: {
    description: "no joiners under 40: the membership ages",
    apply: (o) => ({ ...o, joinMinAge: 40 }),
  },
  "mass-exit": {
    description: "an epidemic year 2 raises the share; members leave strongly as it rises (the young first)",
    apply: (o) => ({ ...o, exitElasticity: 0.8, epidemic: { year: 2, factor: 2 } }),
  },
  epidemic: {
    description: "incidence × 2 in year 2",
    apply: (o) => ({ ...o, epidemic: { year: 2, factor: 2 } }),
  },
};
