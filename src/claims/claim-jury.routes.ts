import { createReadStream } from "node:fs";
import { z } from "zod";
import { authorize } from "../http/app.ts";
import type { RoutePlugin } from "../http/routes/index.ts";
import { idParams, multiLine, problems } from "../http/schema.ts";
import { limits } from "../limits.ts";
import { juryCaseFile } from "./case-file.ts";
import { claimAction, claimIdOf, claimTags as tags } from "./claim-action.routes.ts";
import { JuryCaseSchema, JuryInvitationsSchema, JuryRecordSchema, JuryVoteSchema } from "./claims.schemas.ts";
import { juryCandidatesFile, juryInvitations, juryRecord, voteJury } from "./jury.ts";

/** Every vote carries its reason, either way (the seeds: a juror votes and deliberates, 评议). */
const Vote = z.strictObject({
  inFavour: z.boolean(),
  reason: multiLine(limits.juryReasonCharsMax).trim().min(1),
});

/** A juror's vote with its reason. */
export const juryVoteRoutes: RoutePlugin = (app, deps) => {
  claimAction(
    app,
    "jury/votes",
    "A juror's vote with its reason: once, within the window",
    (r) => voteJury(deps, authorize(r, "claim.vote"), claimIdOf(r), Vote.parse(r.body)),
    Vote,
    JuryVoteSchema,
  );
};

/** What a drawn juror reads before voting: the masked case file. */
export const juryCaseRoutes: RoutePlugin = (app, deps) => {
  app.get(
    "/claims/:claimId/jury/case",
    {
      schema: {
        tags,
        summary: "The masked case file for a drawn juror: reasons, findings, the document list",
        params: idParams("claimId"),
        response: { 200: JuryCaseSchema, ...problems(401, 403, 404) },
      },
    },
    async (request) => juryCaseFile(deps, authorize(request, "claim.vote"), claimIdOf(request)),
  );
  app.get(
    "/juries",
    {
      schema: {
        tags,
        summary:
          "The juries you were drawn for (your invitations), newest first, with your vote and the result",
        response: { 200: JuryInvitationsSchema, ...problems(401, 403) },
      },
    },
    async (request) => juryInvitations(deps.pool, authorize(request, "claim.vote")),
  );
};

/** The jury's public record and the candidate list it was drawn from: open to anyone, to recompute. */
export const juryRecordRoutes: RoutePlugin = (app, deps) => {
  app.get(
    "/claims/:claimId/jury",
    {
      schema: {
        tags,
        summary: "The jury's public record: seed inputs, candidate digest, jurors, tally",
        security: [],
        params: idParams("claimId"),
        response: { 200: JuryRecordSchema, ...problems(404) },
      },
    },
    async (request) => juryRecord(deps, claimIdOf(request)),
  );
  app.get(
    "/claims/:claimId/jury/candidates",
    {
      schema: {
        tags,
        summary: "The published candidate list (pseudonyms, one per line) the draw used",
        security: [],
        params: idParams("claimId"),
        response: problems(404),
      },
    },
    async (request, reply) =>
      reply
        .type("text/plain; charset=utf-8")
        .send(createReadStream(await juryCandidatesFile(deps, claimIdOf(request)))),
  );
};
