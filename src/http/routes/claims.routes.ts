import { createReadStream } from "node:fs";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { CLAIM_STATES, COMPLEXITIES } from "../../domain/claim/state.ts";
import { limits } from "../../limits.ts";
import {
  advanceClaims,
  appeal,
  assignClaim,
  decide,
  documentExtension,
  documentTypes,
  explainClaim,
  getClaim,
  juryCandidatesFile,
  juryRecord,
  listAnnouncements,
  listClaims,
  objectToClaim,
  readDocument,
  recordDeath,
  recordFindings,
  reportClaim,
  startInvestigation,
  submitClaim,
  uploadDocument,
  voteJury,
  withdrawClaim,
} from "../../services/claims.service.ts";
import { authorize } from "../app.ts";
import { can } from "../policy.ts";
import { registerProblems } from "../problems.ts";
import {
  CivilDate,
  ID_TEXT_PATTERN,
  Id,
  IdText,
  idParams,
  js,
  multiLine,
  PageLimit,
  PlanId,
  planParams,
  problems,
  singleLine,
} from "../schema.ts";
import type { RoutePlugin } from "./index.ts";

registerProblems({
  claim_wrong_state: { status: 409, title: "The claim is not in a state that allows this" },
  claim_deadline_passed: { status: 422, title: "The deadline for this has passed" },
  claim_duplicate: { status: 409, title: "This illness already has an open claim" },
  documents_missing: { status: 409, title: "Upload the documents first" },
  document_type: { status: 415, title: "This kind of document is not accepted" },
  document_too_large: { status: 413, title: "The document is too large" },
  not_assigned: { status: 403, title: "You are not assigned to this claim" },
  not_appealable: { status: 409, title: "This decision cannot be appealed" },
  no_jury: { status: 409, title: "The plan has no jury" },
  not_a_juror: { status: 403, title: "You were not drawn for this jury" },
  jury_closed: { status: 409, title: "The jury's vote has closed" },
});

const text = multiLine(limits.claimTextCharsMax).trim().min(1);
const Report = z.strictObject({
  participationId: Id,
  event: singleLine(64).min(1),
  diagnosedOn: CivilDate,
  afterDeath: z.boolean().default(false),
  description: text.optional(),
});
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
const Death = z.strictObject({ diedOn: CivilDate });
const Vote = z.strictObject({ inFavour: z.boolean() });
const Grounds = z.strictObject({ grounds: text });
const Explain = z.strictObject({ text });
const Withdraw = z.strictObject({ reason: multiLine(limits.claimTextCharsMax).default("") });
const ListQuery = z.strictObject({
  state: z.enum(CLAIM_STATES).optional(),
  planId: PlanId.optional(),
  cursor: IdText.optional(),
  limit: PageLimit.optional(),
});
const DocParams = {
  type: "object",
  properties: {
    claimId: { type: "string", pattern: ID_TEXT_PATTERN },
    sha256: { type: "string", pattern: "^[0-9a-f]{64}$" },
  },
  required: ["claimId", "sha256"],
} as const;

const claimIdOf = (r: FastifyRequest) => Number((r.params as { claimId: string }).claimId);
const tags = ["claims"];

/** The claim lifecycle of domain.md §4: report → documents → review → decision → publicity → sharing → paid. */
export const claimRoutes: RoutePlugin = (app, deps) => {
  app.addContentTypeParser(
    documentTypes,
    { parseAs: "buffer", bodyLimit: limits.documentBytesMax },
    (_request, body, done) => done(null, body),
  );

  app.post(
    "/claims",
    {
      schema: {
        tags,
        summary: "Report a claim for yourself or a dependant (staff: for an heir after a death)",
        body: js(Report),
        response: problems(400, 401, 403, 404, 409, 422),
      },
    },
    async (request, reply) => {
      const p = authorize(request, "claim.report");
      const body = Report.parse(request.body);
      return reply
        .code(201)
        .send(await reportClaim(deps, p, { ...body, diagnosedOn: body.diagnosedOn as never }));
    },
  );
  app.get(
    "/claims",
    {
      schema: {
        tags,
        summary: "Your claims (members) or every claim (staff), by id, paginated",
        querystring: js(ListQuery),
        response: problems(400, 401),
      },
    },
    async (request) => {
      const p = authorize(
        request,
        can(request.principal, "claim.read_any") ? "claim.read_any" : "claim.report",
      );
      const q = ListQuery.parse(request.query);
      return listClaims(deps, p, {
        state: q.state,
        planId: q.planId,
        after: q.cursor,
        limit: q.limit ?? limits.pageSizeDefault,
      });
    },
  );
  app.get(
    "/claims/:claimId",
    { schema: { tags, params: idParams("claimId"), response: problems(401, 404) } },
    async (request) => {
      if (!request.principal) authorize(request, "claim.report");
      return getClaim(deps, request.principal!, claimIdOf(request), can(request.principal, "claim.read_any"));
    },
  );
  app.post(
    "/claims/:claimId/documents",
    {
      schema: {
        tags,
        summary: `Upload a document (${documentTypes.join(", ")}, at most ${limits.documentBytesMax} bytes); stored by its SHA-256`,
        params: idParams("claimId"),
        querystring: {
          type: "object",
          properties: { kind: { type: "string", pattern: "^[a-z_]{1,32}$" } },
          additionalProperties: false,
        },
        response: problems(400, 401, 404, 409, 413, 415),
      },
    },
    async (request, reply) => {
      const p = authorize(request, "claim.report");
      const contentType = (request.headers["content-type"] ?? "").split(";")[0]!.trim();
      if (!Buffer.isBuffer(request.body)) {
        return reply
          .code(415)
          .type("application/problem+json")
          .send({
            type: "https://huzhu.dev/problems/document-type",
            title: "This kind of document is not accepted",
            status: 415,
            code: "document_type",
            detail: `documents are ${documentTypes.join(", ")}; not ${contentType || "(none)"}`,
            field: "content-type",
          });
      }
      const kind = (request.query as { kind?: string }).kind ?? "diagnosis";
      return reply
        .code(201)
        .send(await uploadDocument(deps, p, claimIdOf(request), { contentType, kind, bytes: request.body }));
    },
  );
  app.get(
    "/claims/:claimId/documents/:sha256",
    {
      schema: {
        tags,
        summary: "A document: only the applicant, the assigned reviewer and the assigned investigator",
        params: DocParams,
        response: problems(401, 404),
      },
    },
    async (request, reply) => {
      if (!request.principal) authorize(request, "claim.report");
      const { sha256 } = request.params as { sha256: string };
      const doc = await readDocument(deps, request.principal!, claimIdOf(request), sha256);
      // an attachment of its checked type: saved, never rendered in the API's origin
      return reply
        .type(doc.contentType)
        .header(
          "content-disposition",
          `attachment; filename="${sha256}.${documentExtension[doc.contentType] ?? "bin"}"`,
        )
        .header("x-content-type-options", "nosniff")
        .send(doc.bytes);
    },
  );
  const applicantAction = (
    path: string,
    summary: string,
    run: (request: FastifyRequest) => Promise<unknown>,
    body?: z.ZodType,
  ) =>
    app.post(
      `/claims/:claimId/${path}`,
      {
        schema: {
          tags,
          summary,
          params: idParams("claimId"),
          ...(body ? { body: js(body) } : {}),
          response: problems(400, 401, 403, 404, 409, 422),
        },
      },
      run,
    );
  applicantAction("submit", "Hand in the documents: the review starts", (r) =>
    submitClaim(deps, authorize(r, "claim.report"), claimIdOf(r)),
  );
  applicantAction(
    "withdraw",
    "Withdraw the claim before it is shared (a held deposit is refunded)",
    (r) =>
      withdrawClaim(deps, authorize(r, "claim.report"), claimIdOf(r), Withdraw.parse(r.body ?? {}).reason),
    Withdraw,
  );
  applicantAction("appeal", "Appeal a refusal to the jury (the jurors are drawn verifiably)", (r) =>
    appeal(deps, authorize(r, "claim.report"), claimIdOf(r)),
  );
  applicantAction(
    "explanation",
    "Answer an objection",
    (r) => explainClaim(deps, authorize(r, "claim.report"), claimIdOf(r), Explain.parse(r.body).text),
    Explain,
  );
  applicantAction(
    "objections",
    "Object to a published case, with grounds (any member, during the publicity period)",
    (r) => objectToClaim(deps, authorize(r, "claim.object"), claimIdOf(r), Grounds.parse(r.body).grounds),
    Grounds,
  );
  applicantAction(
    "assignment",
    "Assign the reviewer and set the complexity (the review deadline follows)",
    (r) => assignClaim(deps, authorize(r, "claim.assign"), claimIdOf(r), Assign.parse(r.body)),
    Assign,
  );
  applicantAction(
    "investigation",
    "Send the case to an investigator (the assigned reviewer)",
    (r) => startInvestigation(deps, authorize(r, "claim.review"), claimIdOf(r), Investigate.parse(r.body)),
    Investigate,
  );
  applicantAction(
    "findings",
    "Record the investigation's findings and the expert's opinion (the assigned investigator)",
    (r) => recordFindings(deps, authorize(r, "claim.investigate"), claimIdOf(r), FindingsBody.parse(r.body)),
    FindingsBody,
  );
  applicantAction(
    "decision",
    "Decide by the rules and the findings (the assigned reviewer)",
    (r) => decide(deps, authorize(r, "claim.review"), claimIdOf(r), Decide.parse(r.body ?? {})),
    Decide,
  );
  applicantAction(
    "jury/votes",
    "A juror's vote: once, within the window",
    (r) => voteJury(deps, authorize(r, "claim.vote"), claimIdOf(r), Vote.parse(r.body).inFavour),
    Vote,
  );
  app.post(
    "/members/:memberId/death",
    {
      schema: {
        tags,
        summary: "Record a member's death (operator): an heir's claim after a death needs it",
        params: idParams("memberId"),
        body: js(Death),
        response: problems(400, 401, 403, 404, 409),
      },
    },
    async (request) => {
      const p = authorize(request, "member.record_death");
      const memberId = Number((request.params as { memberId: string }).memberId);
      return recordDeath(deps, p, memberId, Death.parse(request.body).diedOn as never);
    },
  );
  app.get(
    "/claims/:claimId/jury",
    {
      schema: {
        tags,
        summary: "The jury's public record: seed inputs, candidate digest, jurors, tally",
        security: [],
        params: idParams("claimId"),
        response: problems(404),
      },
    },
    async (request) => juryRecord(deps.pool, claimIdOf(request)),
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
  app.get(
    "/plans/:planId/announcements",
    {
      schema: {
        tags,
        summary: "Cases in their publicity period, masked; members may object",
        params: planParams,
        response: problems(401, 403),
      },
    },
    async (request) => {
      authorize(request, "plan.read");
      return listAnnouncements(deps, (request.params as { planId: string }).planId);
    },
  );
  app.post(
    "/admin/claims/advance",
    {
      schema: {
        tags,
        summary: "Run the claims scheduler now: lapse, close juries, end publicity, mark paid",
        response: problems(401, 403),
      },
    },
    async (request) => {
      authorize(request, "batch.run");
      return advanceClaims(deps);
    },
  );
};
