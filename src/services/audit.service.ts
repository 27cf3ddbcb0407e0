import type { Principal } from "../http/policy.ts";
import type { Queryable } from "../store/db.ts";
import type { ServiceDeps } from "./deps.ts";

/**
 * A staff member's read of personal data in plain (a document, a claim's description or findings): the
 * audit trail keeps who read what and when. Mutations are audited by the HTTP layer; reads are not, so
 * the use cases that decrypt for staff call this. Members reading their own data are not recorded.
 */
export async function auditStaffRead(
  deps: ServiceDeps,
  q: Queryable,
  principal: Principal,
  action: string,
  target: Record<string, number | string>,
): Promise<void> {
  if (principal.kind !== "staff") return;
  await q.query(
    "INSERT INTO audit_trail (actor_kind, actor_id, action, target, detail, at) VALUES ('staff', $1, $2, $3, $4, $5)",
    [principal.id, `read ${action}`, JSON.stringify(target), JSON.stringify({}), new Date(deps.clock.now())],
  );
}
