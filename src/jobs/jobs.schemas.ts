import { int, list, nullable, obj, str } from "../domain/json-schema.ts";

export const JobSchema = obj({
  id: str,
  queue: str,
  state: str,
  retryCount: int,
  retryLimit: int,
  startAfter: str,
  startedOn: nullable(str),
  completedOn: nullable(str),
  lateSeconds: int,
  error: nullable(str),
});

export const JobListSchema = list(JobSchema);
