import { authorize } from "../http/app.ts";
import type { RoutePlugin } from "../http/routes/index.ts";
import { Cursor, CursorQuery, problems } from "../http/schema.ts";
import { limits } from "../limits.ts";
import { AuditPageSchema } from "./audit.schemas.ts";
import { listAuditTrail } from "./audit.ts";

export const auditRoutes: RoutePlugin = (app, deps) => {
  app.get(
    "/audit-trail",
    {
      schema: {
        tags: ["admin"],
        summary: "Every staff action, newest first (auditor), by cursor",
        querystring: CursorQuery,
        response: { 200: AuditPageSchema, ...problems(401, 403) },
      },
    },
    async (request) => {
      authorize(request, "audit.read");
      const q = Cursor.parse(request.query);
      return listAuditTrail(deps, { cursor: q.cursor, limit: q.limit ?? limits.pageSizeDefault });
    },
  );
};
