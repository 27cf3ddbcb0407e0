import multipart from "@fastify/multipart";
import { z } from "zod";
import { fail } from "../errors.ts";
import { authorize } from "../http/app.ts";
import type { RoutePlugin } from "../http/routes/index.ts";
import { js, PlanId, problems } from "../http/schema.ts";
import { limits } from "../limits.ts";
import { runAudit } from "./audit-run.ts";
import { cycleStatus, runDueSteps } from "./cycle-operations.ts";
import { importUpload } from "./import-upload.ts";
import { operationsRepository } from "./operations.repository.ts";
import { searchPeople } from "./search.ts";

const tags = ["operations"];
const PlanQuery = z.strictObject({ plan: PlanId });
const PlanBody = z.strictObject({ plan: PlanId });
// the plain value travels in the body only (never a URL, which proxies and logs keep)
const SearchBody = z.union([
  z.strictObject({ mobile: z.string().max(20) }),
  z.strictObject({ residentId: z.string().max(20) }),
]);

/**
 * Staff operations over HTTP (issue 17): what `huzhu cycle run`, `huzhu audit` and `huzhu members
 * import` do, the search of people and the staff list. Each is role-checked; every one of them is a
 * staff request, so the audit trail records it (src/http/app.ts), with its route and status.
 */
export const operationsRoutes: RoutePlugin = async (app, deps) => {
  await app.register(multipart, {
    limits: { files: 1, fields: 0, parts: 1, fileSize: limits.importUploadBytesMax },
  });
  cycleOperationRoutes(app, deps);
  app.post(
    "/operations/audit",
    {
      schema: {
        tags,
        summary: "Run the audit (`huzhu audit`): ledger, cycles, log and records; auditor or admin",
        response: problems(401, 403),
      },
    },
    async (request) => {
      authorize(request, "audit.read");
      return runAudit(deps);
    },
  );
  app.post(
    "/operations/members/import",
    {
      schema: {
        tags,
        summary:
          "Import members from a CSV upload (multipart/form-data, one file: name,mobile,resident_id,plan_id,tier,joined_on,invitation_code,deposit_fen); all rows or none, every bad row reported; deposits are offline receipts from the named depositSource",
        consumes: ["multipart/form-data"],
        querystring: {
          type: "object",
          properties: { depositSource: { type: "string", maxLength: limits.importDepositSourceCharsMax } },
          additionalProperties: false,
        },
        response: problems(400, 401, 403, 413, 415),
      },
    },
    async (request, reply) => {
      authorize(request, "import.run");
      if (!request.isMultipart())
        return fail("unsupported_media_type", "send the CSV as multipart/form-data, one file", "file");
      const file = await request.file();
      if (!file) return fail("validation", "no file in the upload", "file");
      const { depositSource } = request.query as { depositSource?: string };
      return reply.code(201).send(await importUpload(deps, file.file, depositSource));
    },
  );
  peopleRoutes(app, deps);
};

const cycleOperationRoutes: RoutePlugin = (app, deps) => {
  app.get(
    "/operations/cycles",
    {
      schema: {
        tags,
        summary:
          "A plan's cycles and the steps due now by the application's clock (operator, auditor, admin)",
        querystring: js(PlanQuery),
        response: problems(400, 401, 403, 404),
      },
    },
    async (request) => {
      authorize(request, "ledger.read");
      return cycleStatus(deps, PlanQuery.parse(request.query).plan);
    },
  );
  app.post(
    "/operations/cycles/run",
    {
      schema: {
        tags,
        summary:
          "Run the plan's due cycle steps now, in order, as the scheduler would (operator or admin); nothing early",
        body: js(PlanBody),
        response: problems(400, 401, 403, 404, 409),
      },
    },
    async (request) => {
      authorize(request, "batch.run");
      return runDueSteps(deps, PlanBody.parse(request.body).plan);
    },
  );
};

const peopleRoutes: RoutePlugin = (app, deps) => {
  app.post(
    "/operations/search",
    {
      schema: {
        tags,
        summary:
          "Find a person by mobile or resident ID (through the lookup hashes), with dependants and participations, masked",
        body: js(SearchBody),
        response: problems(400, 401, 403),
      },
    },
    async (request) => {
      const principal = authorize(request, "member.read_any");
      authorize(request, "participation.read_any");
      return searchPeople(deps, principal, SearchBody.parse(request.body));
    },
  );
  app.get(
    "/operations/staff",
    {
      schema: { tags, summary: "Every staff account with its roles (admin)", response: problems(401, 403) },
    },
    async (request) => {
      authorize(request, "staff.manage");
      return { items: await operationsRepository.staffList(deps.pool) };
    },
  );
};
