import type { ServiceDeps } from "../deps.ts";
import type { Principal } from "../domain/access.ts";
import type { Queryable } from "../store/db.ts";
import { readTrailRepository } from "./read-trail.repository.ts";

/** What was read and why: the data's category (never the data) and the route or command. */
export type ReadOf = { readonly data: string; readonly purpose: string };

/**
 * The commands run on the server act through principals with id 0 (`huzhu claims show`'s auditor): their
 * reads are the command's, not a staff account's.
 */
const actorOf = (p: Principal) =>
  p.id === 0 ? { actorKind: "command" as const, actorId: 0 } : { actorKind: "staff" as const, actorId: p.id };

/**
 * A staff read of members' personal data (decrypted, or a member's record by id) goes to the read trail:
 * who, whose, what, why, when by the app clock. Members reading their own or their dependants' data are
 * not recorded.
 */
export async function recordPersonalReads(
  deps: Pick<ServiceDeps, "clock">,
  q: Queryable,
  principal: Principal,
  subjectIds: readonly number[],
  of: ReadOf,
): Promise<void> {
  if (principal.kind !== "staff") return;
  const at = new Date(deps.clock.now());
  const actor = actorOf(principal);
  await readTrailRepository.insertMany(
    q,
    [...new Set(subjectIds)].map((subjectId) => ({ ...actor, subjectId, ...of, at })),
  );
}

/** A server command's read (the sampling audit's evidence, …): actor `command`, id 0. */
export const recordCommandReads = (
  deps: Pick<ServiceDeps, "clock">,
  q: Queryable,
  subjectIds: readonly number[],
  of: ReadOf,
): Promise<void> => recordPersonalReads(deps, q, { kind: "staff", id: 0, roles: [] }, subjectIds, of);

/**
 * The HTTP edge's part: a staff GET of a member's record (`/members/:memberId` and every route under it:
 * identity, dependants, money, authorisations, disputes…) answered with success is one read of that
 * member's personal data, named by its route. Routes whose use case records what it decrypted (a claim's
 * text, a document) do so themselves. The hook's call is src/audit/audit.ts's auditStaffAnswer, which
 * writes the request's audit-trail row beside it.
 */
export function routeRead(request: {
  method: string;
  route: string | undefined;
  params: unknown;
  status: number;
}): { subjectId: number; of: ReadOf } | undefined {
  if (request.method !== "GET" || request.status >= 400) return undefined;
  if (!request.route?.startsWith("/members/:memberId")) return undefined;
  const id = Number((request.params as { memberId?: unknown } | undefined)?.memberId);
  if (!Number.isSafeInteger(id) || id < 1) return undefined;
  return { subjectId: id, of: { data: "member_record", purpose: `GET ${request.route}` } };
}

/** A page of the read trail, newest first, of one member or all (auditor, admin). */
export async function listPersonalReads(
  deps: Pick<ServiceDeps, "pool">,
  page: { cursor?: number | undefined; limit: number; subjectId?: number | undefined },
) {
  const rows = await readTrailRepository.list(deps.pool, {
    beforeId: page.cursor ?? Number.MAX_SAFE_INTEGER,
    limit: page.limit,
    subjectId: page.subjectId,
  });
  const items = rows.slice(0, page.limit).map((r) => ({ ...r, at: r.at.toISOString() }));
  const next = rows.length > page.limit ? String(items[items.length - 1]!.readId) : null;
  return { items, nextCursor: next };
}
