import type { Problem } from "../domain/result.ts";

/** A refusal to show the user as one line, with exit code 2 (bad input) or 1 (a check failed). */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 2,
  ) {
    super(message);
  }

  static fromProblems(problems: readonly Problem[]): UserError {
    return new UserError(problems.map((p) => (p.field ? `${p.field}: ${p.message}` : p.message)).join("\n"));
  }
}
