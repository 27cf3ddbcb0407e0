import type { ProblemWithErrors } from "../errors.ts";

/** A PostgreSQL error's SQLSTATE (pg's DatabaseError has `code` and `severity`), else undefined. */
function sqlState(e: unknown): string | undefined {
  const c = e as { code?: unknown; severity?: unknown } | undefined;
  return typeof c?.code === "string" && typeof c.severity === "string" ? c.code : undefined;
}

/** pg's own errors when the server goes away mid-conversation carry no code, only these messages. */
const LOST = /^(Connection terminated|connect ECONNREFUSED|Client has encountered a connection error)/;

/**
 * A database fault as a registered problem (a server-side 503 said plainly, never a stack): the disk
 * full (SQLSTATE 53100), other resources exhausted (class 53: memory, connections, temp_file_limit),
 * or the server gone (class 08, 57P01–57P03 shutting down or starting, a lost connection). The
 * transaction that met it was rolled back: nothing of it was written. Undefined for anything else.
 */
export function databaseProblem(e: unknown): ProblemWithErrors | undefined {
  const state = sqlState(e);
  if (state === "53100")
    return {
      code: "disk_full",
      message:
        "the database's disk is full (SQLSTATE 53100): the transaction was rolled back and nothing of it written; free space under the data dir, then try again",
    };
  if (state?.startsWith("53"))
    return {
      code: "database_unavailable",
      message: `the database ran out of a resource (SQLSTATE ${state}): the transaction was rolled back; try again later`,
    };
  if (state?.startsWith("08") || state === "57P01" || state === "57P02" || state === "57P03")
    return {
      code: "database_unavailable",
      message: `the database is restarting or unreachable (SQLSTATE ${state}); try again later`,
    };
  const code = (e as { code?: unknown } | undefined)?.code;
  if (code === "ECONNREFUSED" || (e instanceof Error && LOST.test(e.message)))
    return { code: "database_unavailable", message: "the database cannot be reached; try again later" };
  return undefined;
}
