import { any, int, obj, page, str } from "../domain/json-schema.ts";

/** One staff action of the audit trail (audit/audit.ts), newest first. */
export const AuditPageSchema = page(
  obj({
    audit_id: int,
    actor_kind: str,
    actor_id: int,
    action: str,
    target: any,
    detail: any,
    at: str,
  }),
);
