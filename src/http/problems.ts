import type { FastifyError, FastifyInstance, FastifyReply } from "fastify";
import type { Problem } from "../domain/result.ts";
import { ProblemError, type ProblemWithErrors } from "../errors.ts";

export { fail, ProblemError } from "../errors.ts";

/** The one error registry: stable problem types (RFC 9457) with their HTTP status and title. */
const registry: Record<string, { status: number; title: string }> = {
  validation: { status: 400, title: "The request is not valid" },
  unauthenticated: { status: 401, title: "Sign in first" },
  forbidden: { status: 403, title: "Your role may not do this" },
  not_found: { status: 404, title: "Not found" },
  conflict: { status: 409, title: "Conflicts with the current state" },
  duplicate_person: { status: 409, title: "This person already has an account" },
  idempotency_key_reused: { status: 422, title: "The idempotency key was used for a different request" },
  rate_limited: { status: 429, title: "Too many attempts; try again after Retry-After seconds" },
  invalid_resident_id: { status: 400, title: "The resident ID is not valid" },
  invalid_mobile: { status: 400, title: "The mobile number is not valid" },
  invalid_code: { status: 400, title: "The one-time code is wrong or expired" },
  invalid_credentials: { status: 401, title: "Wrong username, password or second-factor code" },
  account_disabled: { status: 403, title: "This staff account is disabled" },
  real_name_required: { status: 403, title: "Confirm your name and resident ID to sign in on this number" },
  real_name_mismatch: { status: 403, title: "The name and resident ID do not match the account" },
  not_a_minor: { status: 400, title: "A child dependant must be under 18" },
  implausible_relation: { status: 422, title: "The relation does not fit the birth dates" },
  request_wrong_state: { status: 409, title: "The dependant request is not in a state that allows this" },
  age_limit: { status: 422, title: "Outside the plan's age limits" },
  health_declaration: { status: 422, title: "Does not meet the plan's health requirements" },
  declaration_incomplete: { status: 400, title: "The health declaration is incomplete" },
  declaration_outdated: { status: 409, title: "The health declaration questions have changed" },
  occupation_excluded: { status: 422, title: "The occupation cannot join this plan" },
  invitation_required: { status: 422, title: "This plan needs a valid invitation code" },
  unknown_tier: { status: 400, title: "No such tier" },
  not_eligible: { status: 422, title: "Not eligible for this plan" },
  already_joined: { status: 409, title: "Already a participant of this plan" },
  plan_not_open: { status: 409, title: "The plan does not accept members" },
  insufficient_balance: { status: 409, title: "The balance is below what this needs" },
  participation_ended: { status: 409, title: "The participation has ended" },
  payment_failed: { status: 402, title: "The payment provider refused the payment" },
  payment_pending: { status: 202, title: "The payment is still being processed" },
  invalid_signature: { status: 401, title: "The webhook signature does not verify" },
  document_active_content: { status: 415, title: "The document carries HTML, script or actions" },
  separation_of_duties: { status: 403, title: "One person may not hold both duties on this claim" },
  not_deceased: { status: 422, title: "The member is not recorded as deceased" },
  internal: { status: 500, title: "Something went wrong on our side" },
};

/** Other features add their codes here at startup (one registry, many contributors). */
export function registerProblems(more: Record<string, { status: number; title: string }>): void {
  Object.assign(registry, more);
}

export function problemType(code: string): string {
  return `https://huzhu.dev/problems/${code.replaceAll("_", "-")}`;
}

export type ProblemBody = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  field?: string;
  errors?: Array<{ field: string; message: string }>;
};

export function problemBody(
  p: Problem & { errors?: Array<{ field: string; message: string }> },
): ProblemBody {
  const entry = registry[p.code] ?? { status: 400, title: p.code };
  const body: ProblemBody = {
    type: problemType(p.code),
    title: entry.title,
    status: entry.status,
    detail: p.message,
    code: p.code,
  };
  if (p.field) body.field = p.field;
  if (p.errors) body.errors = p.errors;
  return body;
}

export function sendProblem(reply: FastifyReply, p: ProblemWithErrors) {
  const body = problemBody(p);
  if (p.retryAfterSeconds !== undefined) reply.header("retry-after", String(p.retryAfterSeconds));
  return reply.code(body.status).type("application/problem+json").send(body);
}

/** One handler: domain problems, schema validation (naming the field), 404s, and the rest as 500. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | ProblemError, request, reply) => {
    if (error instanceof ProblemError) return sendProblem(reply, error.problem);
    const fe = error as FastifyError;
    if (fe.validation) {
      const errors = fe.validation.map((v) => {
        const missing = (v.params as { missingProperty?: string }).missingProperty;
        const extra = (v.params as { additionalProperty?: string }).additionalProperty;
        const path = v.instancePath.replace(/^\//, "").replaceAll("/", ".");
        const field = [path, missing ?? extra].filter(Boolean).join(".") || (fe.validationContext ?? "body");
        const message = extra ? "unknown field" : (v.message ?? "is not valid");
        return { field, message };
      });
      const first = errors[0]!;
      return sendProblem(reply, {
        code: "validation",
        message: `${first.field}: ${first.message}`,
        field: first.field,
        errors,
      });
    }
    if (fe.statusCode === 429)
      return sendProblem(reply, { code: "rate_limited", message: "too many requests" });
    if (fe.statusCode && fe.statusCode < 500) {
      return sendProblem(reply, {
        code: fe.statusCode === 404 ? "not_found" : "validation",
        message: fe.message,
      });
    }
    request.log.error({ err: { message: fe.message, stack: fe.stack } }, "unhandled error");
    return sendProblem(reply, { code: "internal", message: "an unexpected error; it has been logged" });
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, {
      code: "not_found",
      message: `no route ${request.method} ${request.url.split("?")[0]}`,
    }),
  );
}
