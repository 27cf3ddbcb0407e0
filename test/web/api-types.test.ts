import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { apiTypes, apiTypesFile } from "../../web/api-types.ts";

describe("the member app's API types", () => {
  it("are the ones generated from the server's /openapi.json now (npm run api:types)", async () => {
    const generated = await apiTypes();
    expect(generated.length).toBeGreaterThan(1000);
    expect(readFileSync(apiTypesFile, "utf8") === generated, "run npm run api:types and commit").toBe(true);
  });
});
