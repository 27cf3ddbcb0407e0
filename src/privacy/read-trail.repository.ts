import type { Queryable } from "../store/db.ts";

/** One read of a member's personal data by staff or a server command (table personal_data_reads). */
export type PersonalRead = {
  readonly actorKind: "staff" | "command";
  readonly actorId: number;
  readonly subjectId: number;
  readonly data: string;
  readonly purpose: string;
  readonly at: Date;
};

export type StoredPersonalRead = PersonalRead & { readonly readId: number };

const COLUMNS = `read_id::int AS "readId", actor_kind AS "actorKind", actor_id::int AS "actorId",
  subject_id::int AS "subjectId", data, purpose, at`;

/** The read trail: insert and list only (a trigger refuses UPDATE, DELETE and TRUNCATE). */
export const readTrailRepository = Object.freeze({
  async insertMany(q: Queryable, reads: readonly PersonalRead[]): Promise<void> {
    if (reads.length === 0) return;
    await q.query(
      `INSERT INTO personal_data_reads (actor_kind, actor_id, subject_id, data, purpose, at)
       SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::timestamptz[])`,
      [
        reads.map((r) => r.actorKind),
        reads.map((r) => r.actorId),
        reads.map((r) => r.subjectId),
        reads.map((r) => r.data),
        reads.map((r) => r.purpose),
        reads.map((r) => r.at),
      ],
    );
  },

  /** Newest first below `beforeId`, of one subject or all; one row more than `limit` (a next page?). */
  async list(
    q: Queryable,
    o: { beforeId: number; limit: number; subjectId?: number | undefined },
  ): Promise<StoredPersonalRead[]> {
    const { rows } = await q.query<StoredPersonalRead>(
      `SELECT ${COLUMNS} FROM personal_data_reads
       WHERE read_id < $1 AND ($2::bigint IS NULL OR subject_id = $2)
       ORDER BY read_id DESC LIMIT $3`,
      [o.beforeId, o.subjectId ?? null, o.limit + 1],
    );
    return rows;
  },
});
