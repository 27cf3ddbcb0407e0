import { z } from "zod";
import { type CivilDate, parseCivilDate } from "./calendar.ts";

/**
 * The one calendar-checked date type of every schema (HTTP bodies, queries, plan documents, charters,
 * scenarios): the pattern goes into the JSON Schema (so OpenAPI shows it and Fastify checks it first),
 * the calendar check (2026-02-30 does not exist) runs in zod, naming the field.
 */
export const CIVIL_DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export const civilDateSchema = z
  .string()
  .regex(CIVIL_DATE_PATTERN, "a date YYYY-MM-DD")
  .transform((v, ctx): CivilDate => {
    const r = parseCivilDate(v);
    if (!r.ok) {
      ctx.addIssue({ code: "custom", message: r.error.message });
      return z.NEVER;
    }
    return r.value;
  })
  .describe("civil date YYYY-MM-DD in Asia/Shanghai");
