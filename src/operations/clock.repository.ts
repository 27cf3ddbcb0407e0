import type { Queryable } from "../store/db.ts";

/** The development clock's offset (table app_clock, one row at most). */
export const clockRepository = Object.freeze({
  async offsetMs(q: Queryable): Promise<number> {
    const { rows } = await q.query<{ offset_ms: number }>("SELECT offset_ms FROM app_clock");
    return rows[0]?.offset_ms ?? 0;
  },

  /** The offset under a row lock, so two moves at once add up rather than one winning. */
  async offsetMsForUpdate(q: Queryable): Promise<number> {
    const { rows } = await q.query<{ offset_ms: number }>("SELECT offset_ms FROM app_clock FOR UPDATE");
    return rows[0]?.offset_ms ?? 0;
  },

  async saveOffset(q: Queryable, offsetMs: number, movedAt: Date): Promise<void> {
    await q.query(
      `INSERT INTO app_clock (singleton, offset_ms, moved_at) VALUES (true, $1, $2)
       ON CONFLICT (singleton) DO UPDATE SET offset_ms = EXCLUDED.offset_ms, moved_at = EXCLUDED.moved_at`,
      [offsetMs, movedAt],
    );
  },
});
