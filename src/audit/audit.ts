import type { ServiceDeps } from "../deps.ts";
import type { Principal } from "../domain/access.ts";
import { recordPersonalReads } from "../privacy/read-trail.ts";
import type { Queryable } from "../store/db.ts";
import { auditRepository } from "./audit.repository.ts";

// The principals (one object per request, from authenticate) whose request a use case has already
// audited as a read: the HTTP layer then adds no second, poorer row for the same GET.
const readsAudited = new WeakSet<Principal>();

/** Whether a use case audited this request's read itself (auditStaffRead), naming what was read. */
export const readAudited = (principal: Principal): boolean => readsAudited.has(principal);

/**
 * A staff member's read of personal data in plain (a document, a claim's description or findings): the
 * audit trail keeps who read what and when. The HTTP layer audits every staff request by its route;
 * the use cases that decrypt for staff call this instead, so that read's one row says what was read.
 * Members reading their own data are not recorded. With `subject` (the member whose data it is and
 * the use case's purpose) the read also goes to the read trail (src/privacy/read-trail.ts).
 */
export async function auditStaffRead(
  deps: ServiceDeps,
  q: Queryable,
  principal: Principal,
  action: string,
  target: Record<string, number | string>,
  subject?: { memberId: number; purpose: string },
): Promise<void> {
  if (principal.kind !== "staff") return;
  if (subject)
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

/** A staff request the HTTP layer audits (every mutation, every personal read): its route and status. */
export async function auditStaffRequest(
  deps: ServiceDeps,
  staffId: number,
  request: { route: string; params: unknown; status: number },
): Promise<void> {
  await auditRepository.insertEntry(deps.pool, {
    actorId: staffId,
    action: request.route,
    target: request.params ?? {},
    detail: { status: request.status },
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
