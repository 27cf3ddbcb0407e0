import type { Queryable } from "../store/db.ts";

/** One entry of the audit trail: a staff member's action or read of personal data. */
export type AuditEntry = {
  readonly actorId: number;
  readonly action: string;
  readonly target: unknown;
  readonly detail: unknown;
  readonly at: Date;
};

export type StoredAuditEntry = AuditEntry & { readonly auditId: number; readonly actorKind: string };

type AuditRow = {
  audit_id: number;
  actor_kind: string;
  actor_id: number;
  action: string;
  target: unknown;
  detail: unknown;
  at: Date;
};

const toEntry = (r: AuditRow): StoredAuditEntry => ({
  auditId: r.audit_id,
  actorKind: r.actor_kind,
  actorId: r.actor_id,
  action: r.action,
  target: r.target,
  detail: r.detail,
  at: r.at,
});

/** The audit trail (table audit_trail): only staff are recorded, so actor_kind is always 'staff'. */
export const auditRepository = Object.freeze({
  async insertEntry(q: Queryable, e: AuditEntry): Promise<void> {
    await q.query(
      "INSERT INTO audit_trail (actor_kind, actor_id, action, target, detail, at) VALUES ('staff', $1, $2, $3, $4, $5)",
      [e.actorId, e.action, JSON.stringify(e.target), JSON.stringify(e.detail), e.at],
    );
  },

  /** Newest first, below `beforeId`; one row more than `limit`, so the caller knows whether a page follows. */
  async listEntries(q: Queryable, beforeId: number, limit: number): Promise<StoredAuditEntry[]> {
    const { rows } = await q.query<AuditRow>(
      "SELECT audit_id, actor_kind, actor_id, action, target, detail, at FROM audit_trail WHERE audit_id < $1 ORDER BY audit_id DESC LIMIT $2",
      [beforeId, limit + 1],
    );
    return rows.map(toEntry);
  },
});
