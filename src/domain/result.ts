import type { ProblemCode } from "./problems.ts";

// Expected refusals are values, not exceptions (TigerBeetle style): the caller decides what to do.
export type Ok<T> = { readonly ok: true; readonly value: T };
export type Err<E> = { readonly ok: false; readonly error: E };
export type Result<T, E = Problem> = Ok<T> | Err<E>;

/** A refusal the user can fix: a stable code, a human message, and where relevant the field at fault. */
export type Problem = {
  readonly code: ProblemCode;
  readonly message: string;
  readonly field?: string;
};

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const err = <E>(error: E): Err<E> => ({ ok: false, error });
export const problem = (code: ProblemCode, message: string, field?: string): Problem =>
  field === undefined ? { code, message } : { code, message, field };

/** Invariants that must never fail; a failure is a bug, so it throws. */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`invariant violated: ${message}`);
}
