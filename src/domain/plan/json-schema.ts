import { z } from "zod";
import { PlanDocument, Rules } from "./schema.ts";

/** The JSON Schema of the plan document, for editors (the input form: yuan as strings or numbers). */
export function planJsonSchema(): unknown {
  const schema = z.toJSONSchema(PlanDocument, { io: "input", unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
  // `rules` is validated in a second pass (after patches are merged); describe its full form here.
  const rules = z.toJSONSchema(Rules, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  delete rules.$schema;
  const versions = (schema.properties as Record<string, { items: { properties: Record<string, unknown> } }>)
    .versions;
  if (versions) {
    versions.items.properties.rules = {
      $ref: "#/$defs/Rules",
      description: "the full rules of the first version",
    };
    versions.items.properties.changes = {
      type: "object",
      description:
        "a deep patch of the previous version's rules: objects merge, arrays replace, null deletes",
    };
  }
  return {
    ...schema,
    $id: "https://huzhu.dev/schemas/plan.schema.json",
    title: "huzhu plan rule document",
    $defs: { ...((schema.$defs as object) ?? {}), Rules: rules },
  };
}
