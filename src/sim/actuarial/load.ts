import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Tables } from "./simulate.ts";
import { parsePopulation, parseRateTable } from "./tables.ts";

const DATA = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../../data/${name}`, import.meta.url)), "utf8");

export type IncidenceTable = "ci2006_2010" | "ci2020";

/**
 * The real tables shipped in data/ (see data/SOURCES.md): critical-illness incidence (25 diseases,
 * CI3/CI4 2006–2010, or the 28-disease 2020 table), the CL1/CL2 life table 2010–2013, census 2020.
 */
export function loadTables(incidence: IncidenceTable = "ci2006_2010"): Tables {
  return {
    incidence:
      incidence === "ci2020"
        ? parseRateTable(DATA("ci2020.csv"), "male_ci4", "female_ci4")
        : parseRateTable(DATA("ci2006_2010.csv"), "male_ci25", "female_ci25"),
    mortality: parseRateTable(DATA("life2010_2013.csv"), "cl1", "cl2"),
    census: parsePopulation(DATA("population_2020.csv")),
  };
}

/** The observed path shipped for a plan (data/observed/NAME), as text, with its repository-relative name. */
export function readShippedPath(file: string): { name: string; text: string } {
  return { name: `data/observed/${file}`, text: DATA(`observed/${file}`) };
}
