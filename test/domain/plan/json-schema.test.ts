import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { planJsonSchema } from "../../../src/domain/plan/json-schema.ts";

describe("the published JSON Schema", () => {
  it("is current: plans/plan.schema.json equals what `huzhu plan schema` prints", () => {
    const published = JSON.parse(
      readFileSync(new URL("../../../plans/plan.schema.json", import.meta.url), "utf8"),
    );
    expect(published).toEqual(JSON.parse(JSON.stringify(planJsonSchema())));
  });

  it("describes the rules, with amounts accepted as strings or numbers", () => {
    const schema = planJsonSchema() as { $defs: { Rules: { properties: Record<string, unknown> } } };
    expect(Object.keys(schema.$defs.Rules.properties)).toContain("apportionment");
    expect(JSON.stringify(schema)).toContain("yuan, at most two decimals");
  });
});
