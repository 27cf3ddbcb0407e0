import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { fail } from "../errors.ts";
import type { AppDeps } from "../http/app.ts";
import type { RoutePlugin } from "../http/routes/index.ts";
import { js, problems } from "../http/schema.ts";
import { logEntry, memberEntries } from "./entries.ts";
import { headAt, latestHead } from "./heads.ts";
import {
  ConsistencyProofSchema,
  InclusionProofSchema,
  LogEntrySchema,
  MemberEntriesSchema,
  PublicKeySchema,
  SignedHeadSchema,
} from "./log.schemas.ts";
import { storedConsistencyProof, storedInclusionProof } from "./proofs.ts";

const IndexQuery = z.object({
  index: z.string().regex(/^\d{1,15}$/),
  size: z
    .string()
    .regex(/^\d{1,15}$/)
    .optional(),
});
const RangeQuery = z.object({
  from: z.string().regex(/^\d{1,15}$/),
  to: z
    .string()
    .regex(/^\d{1,15}$/)
    .optional(),
});
const hex = (hs: Buffer[]) => hs.map((h) => h.toString("hex"));

/** The signing key and the signed tree heads. */
function headRoutes(app: FastifyInstance, deps: AppDeps, tags: string[]): void {
  app.get(
    "/log/public-key",
    {
      schema: {
        tags,
        summary: "The Ed25519 key that signs tree heads (PEM)",
        security: [],
        response: { 200: PublicKeySchema },
      },
    },
    async (_req, reply) => reply.type("text/plain").send(deps.logKeys.publicKeyPem),
  );
  app.get(
    "/log/head",
    {
      schema: {
        tags,
        summary: "The latest signed tree head",
        security: [],
        response: { 200: SignedHeadSchema, ...problems(404) },
      },
    },
    async () => {
      const head = await latestHead(deps.pool);
      return head ?? fail("not_found", "the log is empty");
    },
  );
  app.get(
    "/log/heads/:size",
    {
      schema: {
        tags,
        summary: "The signed tree head of a size, kept forever",
        security: [],
        params: { type: "object", properties: { size: { type: "string", pattern: "^[0-9]{1,15}$" } } },
        response: { 200: SignedHeadSchema, ...problems(404) },
      },
    },
    async (request) => {
      const head = await headAt(deps.pool, Number((request.params as { size: string }).size));
      return head ?? fail("not_found", "no tree head of that size");
    },
  );
}

/** Entries: one by index, and a member's own with their inclusion proofs. */
function entryRoutes(app: FastifyInstance, deps: AppDeps, tags: string[]): void {
  app.get(
    "/log/entries/:index",
    {
      schema: {
        tags,
        summary: "One entry: its canonical JSON and leaf hash",
        security: [],
        params: { type: "object", properties: { index: { type: "string", pattern: "^[0-9]{1,15}$" } } },
        response: { 200: LogEntrySchema, ...problems(404) },
      },
    },
    async (request) => {
      const e = await logEntry(deps.pool, Number((request.params as { index: string }).index));
      return e ?? fail("not_found", "no such entry");
    },
  );
  app.get(
    "/log/members/:pseudonym/entries",
    {
      schema: {
        tags,
        summary: "A member's own entries (by pseudonym, shown in /me), with inclusion proofs",
        security: [],
        params: { type: "object", properties: { pseudonym: { type: "string", pattern: "^[0-9a-f]{32}$" } } },
        response: { 200: MemberEntriesSchema },
      },
    },
    async (request) => {
      const pseudonym = (request.params as { pseudonym: string }).pseudonym;
      const head = await latestHead(deps.pool);
      const entries = (await memberEntries(deps.pool, pseudonym)).filter((e) => head && e.index < head.size);
      const withProofs = [];
      for (const e of entries)
        withProofs.push({ ...e, proof: hex(await storedInclusionProof(deps.pool, e.index, head!.size)) });
      return { member: pseudonym, head: head ?? null, entries: withProofs };
    },
  );
}

/** Inclusion and consistency proofs against a signed head. */
function proofRoutes(app: FastifyInstance, deps: AppDeps, tags: string[]): void {
  app.get(
    "/log/proofs/inclusion",
    {
      schema: {
        tags,
        summary: "Inclusion proof of entry `index` in the tree of `size` (default: the latest head)",
        security: [],
        querystring: js(IndexQuery),
        response: { 200: InclusionProofSchema, ...problems(400, 404) },
      },
    },
    async (request) => {
      const q = IndexQuery.parse(request.query);
      const head = q.size ? await headAt(deps.pool, Number(q.size)) : await latestHead(deps.pool);
      if (!head) return fail("not_found", "no signed tree head of that size");
      const index = Number(q.index);
      if (index >= head.size)
        return fail("validation", `entry ${index} is not in a tree of ${head.size}`, "index");
      return {
        index,
        treeSize: head.size,
        proof: hex(await storedInclusionProof(deps.pool, index, head.size)),
        head,
      };
    },
  );
  app.get(
    "/log/proofs/consistency",
    {
      schema: {
        tags,
        summary: "Proof that the tree of size `from` is a prefix of the tree of size `to`",
        security: [],
        querystring: js(RangeQuery),
        response: { 200: ConsistencyProofSchema, ...problems(400, 404) },
      },
    },
    async (request) => {
      const q = RangeQuery.parse(request.query);
      const to = q.to ? await headAt(deps.pool, Number(q.to)) : await latestHead(deps.pool);
      if (!to) return fail("not_found", "no signed tree head of that size");
      const from = Number(q.from);
      if (from > to.size) return fail("validation", `${from} is beyond the tree of ${to.size}`, "from");
      return {
        from,
        to: to.size,
        proof: hex(await storedConsistencyProof(deps.pool, from, to.size)),
        head: to,
      };
    },
  );
}

/** The public transparency log: anyone may read heads, entries and proofs (entries carry no personal data). */
export const logRoutes: RoutePlugin = (app, deps) => {
  const tags = ["transparency log"];
  headRoutes(app, deps, tags);
  entryRoutes(app, deps, tags);
  proofRoutes(app, deps, tags);
};
