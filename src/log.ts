import pino, { type Logger } from "pino";

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
    { level, redact: { paths: REDACT_PATHS, censor: "[redacted]" } },
    destination ?? process.stdout,
  );
}

export type { Logger };
