import { databaseProblem } from "../store/db-errors.ts";
import { EmbeddedStartError } from "../store/embedded.ts";

type Failure = { readonly line: string; readonly exitCode: 1 | 2 };

const fileCodes: Readonly<Record<string, string>> = {
  ENOENT: "no such file",
  EISDIR: "a directory, not a file",
  EACCES: "permission denied",
  ENOTDIR: "not a directory",
};
const unreachableCodes = new Set(["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ETIMEDOUT", "ECONNRESET"]);

type Coded = { code?: unknown; path?: unknown; address?: unknown; port?: unknown; cause?: unknown };

/** The error or its cause (fetch wraps the socket's error as `cause`) with a system or SQLSTATE code. */
function codedOf(e: unknown): Coded | undefined {
  const c = e as Coded | undefined;
  if (c && typeof c.code === "string") return c;
  const cause = c?.cause as Coded | undefined;
  return cause && typeof cause.code === "string" ? cause : undefined;
}

const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();

/**
 * What an unexpected error means to the user, as one line: a file that cannot be read is bad input
 * (exit 2); a server or database that cannot be reached, or any other failure, exit 1. Never a stack
 * trace (LOG_LEVEL=debug prints it, for a bug report).
 */
export function describeFailure(e: unknown): Failure {
  if (e instanceof EmbeddedStartError) return { line: oneLine(e.message), exitCode: 1 };
  const coded = codedOf(e);
  const code = String(coded?.code ?? "");
  if (code in fileCodes && typeof coded?.path === "string")
    return { line: `${coded.path}: ${fileCodes[code]}`, exitCode: 2 };
  if (unreachableCodes.has(code)) {
    const where = coded?.address
      ? ` ${String(coded.address)}${coded.port ? `:${String(coded.port)}` : ""}`
      : "";
    return { line: `cannot reach${where}: ${code}`, exitCode: 1 };
  }
  // the disk full, resources exhausted, the server gone mid-command: said as the problem says it
  const fault = databaseProblem(e);
  if (fault && code !== "ECONNREFUSED") return { line: fault.message, exitCode: 1 };
  // SQLSTATE class 08 (connection), 28 (authentication), 3D000 (no such database), 57P0x (shut down)
  if (/^(08|28|3D000|57P0)/.test(code))
    return {
      line: `the database refused the connection: ${oneLine(String((e as Error).message))}`,
      exitCode: 1,
    };
  const message = e instanceof Error ? e.message : String(e);
  return { line: `failed: ${oneLine(message) || "an unknown error"}`, exitCode: 1 };
}
