import { any, arr, int, obj, str } from "../../domain/json-schema.ts";
import type { RoutePlugin } from "../../http/routes/index.ts";
import { publicExport } from "./public-export.ts";

const PublicExportSchema = obj({
  publicKey: str,
  heads: arr(any),
  entries: arr(obj({ index: int, entry: str })),
  disclosures: arr(obj({ cycle: int, plan: str, disclosure: any })),
  rules: arr(obj({ plan: str, effective: str, rules: any })),
});

/** The public export, for `huzhu audit --public <URL>` and anyone else: no key, no personal data. */
export const publicAuditRoutes: RoutePlugin = (app, deps) => {
  app.get(
    "/log/export",
    {
      schema: {
        tags: ["transparency log"],
        summary:
          "Every log entry, signed head, cycle disclosure and rule document: what `huzhu audit --public` recomputes",
        security: [],
        response: { 200: PublicExportSchema },
      },
    },
    async () => publicExport(deps.pool, deps.logKeys.publicKeyPem),
  );
};
