import type { FastifyError, FastifyInstance, FastifyReply } from "fastify";
import { ZodError } from "zod";
import { isProblemCode, PROBLEMS, type ProblemCode } from "../domain/problems.ts";
import type { Problem } from "../domain/result.ts";
import { ProblemError, type ProblemWithErrors } from "../errors.ts";
import { databaseProblem } from "../store/db-errors.ts";

export { fail, ProblemError } from "../errors.ts";

/** Whether a code is in the registry (a test scans src for every code raised and checks each). */
export function isRegisteredProblem(code: string): boolean {
  return isProblemCode(code);
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
  const entry: { status: number; title: string } = isProblemCode(p.code)
    ? PROBLEMS[p.code]
    : { status: 400, title: p.code };
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

const validation = (errors: FieldError[]): ProblemWithErrors => {
  const first = errors[0] ?? { field: "body", message: "is not valid" };
  return { code: "validation", message: `${first.field}: ${first.message}`, field: first.field, errors };
};

/** The framework's own 4xx (a body too large, a content type not parsed): the client's, with a code. */
const FRAMEWORK_CODES: Record<number, ProblemCode> = {
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
    const fault = databaseProblem(error);
    if (fault) {
      request.log.error({ sqlState: (error as { code?: unknown }).code }, fault.message);
      return sendProblem(reply, fault);
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
