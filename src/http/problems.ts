import type { FastifyError, FastifyInstance, FastifyReply } from "fastify";
import { ZodError } from "zod";
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
  invalid_date: { status: 400, title: "The date is not valid" },
  invalid_amount: { status: 400, title: "The amount is not valid" },
  negative_amount: { status: 400, title: "The amount must not be negative" },
  not_covered: { status: 422, title: "The plan does not cover this" },
  payload_too_large: { status: 413, title: "The body is too large" },
  unsupported_media_type: { status: 415, title: "This content type is not accepted here" },
  method_not_allowed: { status: 405, title: "This method is not allowed here" },
  uri_too_long: { status: 414, title: "A part of the address is too long" },
  // Codes of the plan files, scenarios and imports: the CLI shows them; HTTP wraps them in "validation".
  invalid_plan: { status: 400, title: "The plan document is not valid" },
  invalid_yaml: { status: 400, title: "The file is not valid YAML" },
  unknown_plan: { status: 404, title: "No such plan" },
  invalid_scenario: { status: 400, title: "The scenario is not valid" },
  file_not_found: { status: 400, title: "The file cannot be read" },
  // A ledger transaction that does not balance is a bug in our code, never the caller's.
  unbalanced: { status: 500, title: "A ledger transaction does not balance" },
  internal: { status: 500, title: "Something went wrong on our side" },
};

/** Other features add their codes here at startup (one registry, many contributors). */
export function registerProblems(more: Record<string, { status: number; title: string }>): void {
  Object.assign(registry, more);
}

/** Whether a code is in the registry (a test scans src for every code raised and checks each). */
export function isRegisteredProblem(code: string): boolean {
  return Object.hasOwn(registry, code);
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

type FieldError = { field: string; message: string };

/** Fastify's schema errors (AJV), each naming its field. */
function schemaErrors(fe: FastifyError): FieldError[] {
  return (fe.validation ?? []).map((v) => {
    const missing = (v.params as { missingProperty?: string }).missingProperty;
    const extra = (v.params as { additionalProperty?: string }).additionalProperty;
    const path = v.instancePath.replace(/^\//, "").replaceAll("/", ".");
    const field = [path, missing ?? extra].filter(Boolean).join(".") || (fe.validationContext ?? "body");
    const message = extra ? "unknown field" : (v.message ?? "is not valid");
    return { field, message };
  });
}

/** A route's zod parse that refused what the JSON Schema let through (a calendar date, a trimmed text). */
function zodErrors(e: ZodError): FieldError[] {
  return e.issues.map((i) => ({ field: i.path.map(String).join(".") || "body", message: i.message }));
}

const validation = (errors: FieldError[]) => {
  const first = errors[0] ?? { field: "body", message: "is not valid" };
  return { code: "validation", message: `${first.field}: ${first.message}`, field: first.field, errors };
};

/** The framework's own 4xx (a body too large, a content type not parsed): the client's, with a code. */
const FRAMEWORK_CODES: Record<number, string> = {
  404: "not_found",
  405: "method_not_allowed",
  413: "payload_too_large",
  415: "unsupported_media_type",
  429: "rate_limited",
};

/**
 * PostgreSQL's data exceptions (SQLSTATE class 22: a value of the wrong type or range, a NUL byte) are
 * caused by a parameter the edge should have refused: answered 400, and logged so the gap is closed.
 */
const isDataException = (e: unknown): boolean =>
  typeof (e as { code?: unknown }).code === "string" &&
  /^22[0-9A-Z]{3}$/.test((e as { code: string }).code) &&
  typeof (e as { severity?: unknown }).severity === "string";

/**
 * Errors Fastify raises before any route runs (Fastify's `frameworkErrors`): an address that is not
 * valid UTF-8, a path parameter longer than the router takes. Problems like the rest.
 */
export function frameworkProblem(error: FastifyError, _request: unknown, reply: FastifyReply) {
  if (error.code === "FST_ERR_MAX_PARAM_LENGTH")
    return sendProblem(reply, { code: "uri_too_long", message: "a path parameter is too long" });
  return sendProblem(reply, { code: "validation", message: "the address is not valid", field: "url" });
}

/** One handler: domain problems, schema validation (naming the field), 404s, and the rest as 500. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | ProblemError, request, reply) => {
    if (error instanceof ProblemError) return sendProblem(reply, error.problem);
    if (error instanceof ZodError) return sendProblem(reply, validation(zodErrors(error)));
    const fe = error as FastifyError;
    if (fe.validation) return sendProblem(reply, validation(schemaErrors(fe)));
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return sendProblem(reply, {
        code: FRAMEWORK_CODES[fe.statusCode] ?? "validation",
        message: fe.message,
      });
    }
    if (isDataException(error)) {
      request.log.warn(
        { sqlState: (error as { code: string }).code },
        "a parameter reached the database unchecked",
      );
      return sendProblem(reply, { code: "validation", message: "a value in the request is not valid" });
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
