import pino, { type Logger } from "pino";
import { requestContext } from "./observability/request-context.ts";

/** Paths that may carry personal data are redacted in every log line (architecture.md §1.6). */
export const REDACT_PATHS = [
  "residentId",
  "*.residentId",
  "name",
  "*.name",
  "mobile",
  "*.mobile",
  "password",
  "*.password",
  "code",
  "challengeId",
  "*.challengeId",
  "*.code",
  "req.headers.authorization",
  "body",
  "*.body",
];

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      // the request id on every line written for a request (Fastify's own lines carry it already)
      mixin: (_merge, _level, logger) => {
        const id = requestContext.getStore()?.requestId;
        return id && !("requestId" in logger.bindings()) ? { requestId: id } : {};
      },
    },
    destination ?? process.stdout,
  );
}

export type { Logger };
