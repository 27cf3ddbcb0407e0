import { assert } from "../domain/result.ts";

/**
 * The one row a statement must return (an INSERT … RETURNING, a row locked a moment ago): its absence is a
 * bug, so it throws (a 500), never a problem the caller can fix. Expected absences keep `rows[0] ?? fail(…)`.
 */
export function oneRow<T>(result: { rows: T[] }, what: string): T {
  const row = result.rows[0];
  assert(row !== undefined, `${what}: expected a row`);
  return row;
}
