import { fail } from "../errors.ts";
import { limits } from "../limits.ts";
import type { Queryable } from "../store/db.ts";
import { type JobRow, jobsRepository } from "./jobs.repository.ts";

export type JobView = {
  id: string;
  queue: string;
  state: string;
  retryCount: number;
  retryLimit: number;
  startAfter: string;
  startedOn: string | null;
  completedOn: string | null;
  lateSeconds: number;
  /** a failed job's error message, cut short (never its stack or data: they may hold anything) */
  error: string | null;
};

function view(j: JobRow): JobView {
  const message = (j.output as { message?: unknown } | null)?.message;
  return {
    id: j.id,
    queue: j.queue,
    state: j.state,
    retryCount: j.retryCount,
    retryLimit: j.retryLimit,
    startAfter: j.startAfter.toISOString(),
    startedOn: j.startedOn?.toISOString() ?? null,
    completedOn: j.completedOn?.toISOString() ?? null,
    lateSeconds: Math.round(j.lateSeconds),
    error: typeof message === "string" ? message.slice(0, 200) : null,
  };
}

/** The jobs an operator must look at: failed after their retries, or due and not started for too long. */
export async function operatorJobs(pool: Queryable, state: "failed" | "late"): Promise<JobView[]> {
  const rows =
    state === "failed"
      ? await jobsRepository.failedJobs(pool, limits.jobsListMax)
      : await jobsRepository.lateJobs(pool, limits.jobLateSeconds, limits.jobsListMax);
  return rows.map(view);
}

/** A failed job tried again (one more attempt); its handler's own checks keep the effect single. */
export async function retryJob(pool: Queryable, id: string): Promise<JobView> {
  const job = (await jobsRepository.jobById(pool, id)) ?? fail("not_found", `no job ${id}`, "id");
  if (job.state !== "failed") fail("job_not_failed", `job ${id} is ${job.state}`, "id");
  if (!(await jobsRepository.retryFailed(pool, job.queue, id)))
    fail("job_not_failed", `job ${id} changed state meanwhile`, "id");
  return view((await jobsRepository.jobById(pool, id))!);
}
