import type { ProblemCode } from "./domain/problems.ts";
import type { Problem } from "./domain/result.ts";

export type ProblemWithErrors = Problem & {
  errors?: Array<{ field: string; message: string }>;
  /** Sent as Retry-After with a 429: how long until the next attempt may succeed. */
  retryAfterSeconds?: number;
};

/** A refusal from a use case; the HTTP edge turns it into problem+json, the CLI into exit code 2. */
export class ProblemError extends Error {
  constructor(readonly problem: ProblemWithErrors) {
    super(problem.field ? `${problem.field}: ${problem.message}` : problem.message);
  }
}

export function fail(code: ProblemCode, message: string, field?: string): never {
  throw new ProblemError(field === undefined ? { code, message } : { code, message, field });
}

/** A refusal to try again later (a 429, or a 409 while a state is being built), saying when. */
export function failRetryAfter(code: ProblemCode, message: string, retryAfterSeconds: number): never {
  throw new ProblemError({ code, message, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterSeconds)) });
}
