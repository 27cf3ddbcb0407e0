import { z } from "zod";
import { authorize } from "../http/app.ts";
import type { RoutePlugin } from "../http/routes/index.ts";
import { js, problems } from "../http/schema.ts";
import { JobListSchema, JobSchema } from "./jobs.schemas.ts";
import { operatorJobs, retryJob } from "./operator-jobs.ts";

const tags = ["operations"];
const JobsQuery = z.strictObject({ state: z.enum(["failed", "late"]) });
const JobParams = z.strictObject({ id: z.uuid() });

/** The job queue made visible to operators (issue 20): failed and late jobs, and a retry. */
export const jobRoutes: RoutePlugin = (app, deps) => {
  app.get(
    "/operations/jobs",
    {
      schema: {
        tags,
        summary:
          "Failed jobs (after their retries) or late ones (due and not started); operator, auditor, admin",
        querystring: js(JobsQuery),
        response: { 200: JobListSchema, ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      authorize(request, "jobs.read");
      const { state } = JobsQuery.parse(request.query);
      return { items: await operatorJobs(deps.pool, state) };
    },
  );
  app.post(
    "/operations/jobs/:id/retry",
    {
      schema: {
        tags,
        summary: "Try a failed job again (operator, admin); in the audit trail",
        params: js(JobParams),
        response: { 200: JobSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      authorize(request, "jobs.retry");
      const { id } = JobParams.parse(request.params);
      return retryJob(deps.pool, id);
    },
  );
};
