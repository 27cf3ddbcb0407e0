import { type Lookups, lookupParam } from "../secrets.ts";
import type { Queryable } from "../store/db.ts";

/** A staff account as the staff list shows it: never its password hash or second-factor secret. */
export type StaffListed = {
  readonly staffId: number;
  readonly username: string;
  readonly roles: readonly string[];
  readonly secondFactor: boolean;
  readonly disabledAt: Date | null;
  readonly createdAt: Date;
};

type StaffRow = {
  staff_id: number;
  username: string;
  roles: string[];
  second_factor: boolean;
  disabled_at: Date | null;
  created_at: Date;
};

/**
 * The staff operations' reads of other features' tables (members' lookup hashes, the staff accounts):
 * read-only, documented in the Feature map; every write goes through the owners' use cases.
 */
export const operationsRepository = Object.freeze({
  /** The people with this resident ID's or mobile's lookup hash (one at most each, by the unique indexes). */
  async memberIdsByLookup(q: Queryable, kind: "resident_id" | "mobile", lookup: Lookups): Promise<number[]> {
    const column = kind === "resident_id" ? "id_lookup" : "mobile_lookup";
    const { rows } = await q.query<{ member_id: number }>(
      `SELECT member_id FROM members WHERE ${column} = ANY($1::bytea[]) ORDER BY member_id`,
      [lookupParam(lookup)],
    );
    return rows.map((r) => r.member_id);
  },

  async staffList(q: Queryable): Promise<StaffListed[]> {
    const { rows } = await q.query<StaffRow>(
      `SELECT staff_id, username, roles, totp_cipher IS NOT NULL AS second_factor, disabled_at, created_at
       FROM staff ORDER BY staff_id`,
    );
    return rows.map((r) => ({
      staffId: r.staff_id,
      username: r.username,
      roles: r.roles,
      secondFactor: r.second_factor,
      disabledAt: r.disabled_at,
      createdAt: r.created_at,
    }));
  },
});
