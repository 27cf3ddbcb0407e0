import type { ServiceDeps } from "../deps.ts";
import type { Principal } from "../domain/access.ts";
import { recordPersonalReads, routeRead } from "../privacy/read-trail.ts";
import type { Queryable } from "../store/db.ts";
import { auditRepository } from "./audit.repository.ts";

// The principals (one object per request, from authenticate) whose request a use case has already
// audited as a read: the HTTP layer then adds no second, poorer row for the same GET.
const readsAudited = new WeakSet<Principal>();

/**
 * A staff member's read of personal data in plain (a document, a claim's description or findings): the
 * audit trail keeps who read what and when. The HTTP layer audits every staff request by its route;
 * the use cases that decrypt for staff call this instead, so that read's one row says what was read.
 * Members reading their own data are not recorded. The read also goes to the read trail
 * (src/privacy/read-trail.ts) under `subject`: the member whose data it is and the use case's purpose.
 */
export async function auditStaffRead(
  deps: ServiceDeps,
  q: Queryable,
  principal: Principal,
  action: string,
  target: Record<string, number | string>,
  subject: { memberId: number; purpose: string },
): Promise<void> {
  if (principal.kind !== "staff") return;
  await recordPersonalReads(deps, q, principal, [subject.memberId], {
    data: action,
    purpose: subject.purpose,
  });
  await auditRepository.insertEntry(q, {
    actorId: principal.id,
    action: `read ${action}`,
    target,
    detail: {},
    at: new Date(deps.clock.now()),
  });
  readsAudited.add(principal);
}

/** What the HTTP layer knows of a request when its answer leaves (src/http/app.ts's onSend hook). */
export type AnsweredRequest = {
  readonly method: string;
  readonly url: string;
  readonly routeOptions: { readonly url?: string | undefined };
  readonly params: unknown;
  readonly auditTarget?: Record<string, unknown> | undefined;
  readonly principal?: Principal | undefined;
};

/**
 * A staff request's answer, before it leaves, in both trails from this one place: a read of a member's
 * record by route (src/privacy/read-trail.ts's routeRead) joins the read trail; every mutation and every
 * read goes to the audit trail by its route and status, but a read its use case audited (auditStaffRead:
 * what was read) gets no second, poorer row. Members' requests are not recorded.
 */
export async function auditStaffAnswer(
  deps: ServiceDeps,
  request: AnsweredRequest,
  status: number,
): Promise<void> {
  const principal = request.principal;
  if (principal?.kind !== "staff") return;
  const route = request.routeOptions.url;
  const read = routeRead({ method: request.method, route, params: request.params, status });
  if (read) await recordPersonalReads(deps, deps.pool, principal, [read.subjectId], read.of);
  if (request.method === "GET" && status < 400 && readsAudited.has(principal)) return;
  await auditRepository.insertEntry(deps.pool, {
    actorId: principal.id,
    action: `${request.method} ${route ?? request.url}`,
    target: request.auditTarget ?? request.params ?? {},
    detail: { status },
    at: new Date(deps.clock.now()),
  });
}

/** A page of the audit trail, newest first, as the API has always shown it (its column names). */
export async function listAuditTrail(deps: ServiceDeps, page: { cursor?: number; limit: number }) {
  const rows = await auditRepository.listEntries(
    deps.pool,
    page.cursor ?? Number.MAX_SAFE_INTEGER,
    page.limit,
  );
  const items = rows.slice(0, page.limit).map((e) => ({
    audit_id: e.auditId,
    actor_kind: e.actorKind,
    actor_id: e.actorId,
    action: e.action,
    target: e.target,
    detail: e.detail,
    at: e.at,
  }));
  // the cursor is the last id seen, as in every other list
  const next = rows.length > page.limit ? String(items[items.length - 1]!.audit_id) : null;
  return { items, nextCursor: next };
}
