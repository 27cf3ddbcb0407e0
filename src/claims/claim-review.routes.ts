import { z } from "zod";
import { COMPLEXITIES } from "../domain/claim/state.ts";
import { authorize } from "../http/app.ts";
import type { RoutePlugin } from "../http/routes/index.ts";
import { Id, multiLine } from "../http/schema.ts";
import { limits } from "../limits.ts";
import { claimAction, claimIdOf } from "./claim-action.routes.ts";
import { decide } from "./decide.ts";
import { assignClaim, recordFindings, startInvestigation } from "./investigation.ts";

const text = multiLine(limits.claimTextCharsMax).trim().min(1);
const Assign = z.strictObject({
  reviewerId: Id.optional(),
  complexity: z.enum(COMPLEXITIES).optional(),
});
const Investigate = z.strictObject({ investigatorId: Id, reason: text });
const FindingsBody = z.strictObject({
  findings: text,
  expertOpinion: text.optional(),
  diagnosisProven: z.boolean(),
  preExisting: z.boolean(),
  falseClaim: z.boolean(),
});
const Decide = z.strictObject({
  diagnosisProven: z.boolean().optional(),
  preExisting: z.boolean().optional(),
  falseClaim: z.boolean().optional(),
  note: multiLine(limits.claimTextCharsMax).default(""),
});

/** The staff's part: assignment (operator), investigation and decision (reviewer), findings (investigator). */
export const claimReviewRoutes: RoutePlugin = (app, deps) => {
  claimAction(
    app,
    "assignment",
    "Assign the reviewer and set the complexity (the review deadline follows)",
    (r) => assignClaim(deps, authorize(r, "claim.assign"), claimIdOf(r), Assign.parse(r.body)),
    Assign,
  );
  claimAction(
    app,
    "investigation",
    "Send the case to an investigator (the assigned reviewer)",
    (r) => startInvestigation(deps, authorize(r, "claim.review"), claimIdOf(r), Investigate.parse(r.body)),
    Investigate,
  );
  claimAction(
    app,
    "findings",
    "Record the investigation's findings and the expert's opinion (the assigned investigator)",
    (r) => recordFindings(deps, authorize(r, "claim.investigate"), claimIdOf(r), FindingsBody.parse(r.body)),
    FindingsBody,
  );
  claimAction(
    app,
    "decision",
    "Decide by the rules and the findings (the assigned reviewer)",
    (r) => decide(deps, authorize(r, "claim.review"), claimIdOf(r), Decide.parse(r.body ?? {})),
    Decide,
  );
};
