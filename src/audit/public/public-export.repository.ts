import type { Queryable } from "../../store/db.ts";

/** The published export's reads that no other feature makes. */
export const publicExportRepository = Object.freeze({
  /**
   * Every checkpoint a witness cosigned, in order of size: the signed note with each witness's
   * cosignature line appended (as `cosignedCheckpoint` serves one), the sampling audit's seeds.
   */
  async cosignedCheckpoints(q: Queryable): Promise<string[]> {
    const { rows } = await q.query<{ note: string }>(
      `SELECT h.checkpoint || string_agg(c.signature_line, '' ORDER BY c.witness) AS note
       FROM log_heads h JOIN log_cosignatures c USING (size)
       WHERE h.checkpoint IS NOT NULL GROUP BY h.size, h.checkpoint ORDER BY h.size`,
    );
    return rows.map((r) => r.note);
  },
});
