import { z } from "zod";
import { CivilDate, IdText, multiLine, PageLimit, PlanId, singleLine } from "../http/schema.ts";
import { limits } from "../limits.ts";

/** The bodies and queries of the governance routes (proposals, and the plan's closure text). */
export const text = multiLine(limits.claimTextCharsMax).trim().min(1);
export const Submit = z.strictObject({
  planId: PlanId,
  kind: z.enum(["change", "dissolution"]).default("change"),
  title: singleLine(200).trim().min(1),
  text,
  changes: z.record(z.string(), z.unknown()).optional(),
});
export const Evaluate = z.strictObject({
  role: z.enum(["operator", "expert"]),
  expertName: singleLine(100).optional(),
  recommend: z.boolean(),
  opinion: text,
});
export const Decide = z.strictObject({ accept: z.boolean(), reasons: text });
export const Publish = z.strictObject({ effectiveOn: CivilDate });
export const Ballot = z.strictObject({ inFavour: z.boolean() });
export const Comment = z.strictObject({ text });
export const List = z.strictObject({
  planId: PlanId.optional(),
  cursor: IdText.optional(),
  limit: PageLimit.optional(),
});

export const Page = List.omit({ planId: true });
