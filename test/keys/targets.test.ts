import { describe, expect, it } from "vitest";
import { CIPHER_TARGETS, LOOKUP_TARGETS } from "../../src/keys/targets.ts";
import { useTestApp } from "../support/use-app.ts";

/*
 * Every personal-data ciphertext column is one the rotation re-encrypts, and every lookup-hash column
 * one it recomputes (or, for one-time codes, waits out): a new `*_cipher` or `*_lookup` column fails
 * here until src/keys/targets.ts names it, instead of being left under a retired key.
 */
const t = useTestApp({ presets: [] });

describe("the rotation's targets", () => {
  it("name every *_cipher and *_lookup column of the schema, with the table's primary key", async () => {
    const { rows } = await t.db.pool.query<{ table_name: string; column_name: string; pk: string }>(
      `SELECT c.table_name, c.column_name,
              (SELECT string_agg(a.attname, ',' ORDER BY array_position(i.indkey, a.attnum))
                 FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
                WHERE i.indrelid = c.table_name::regclass AND i.indisprimary) AS pk
         FROM information_schema.columns c
        WHERE c.table_schema = 'public' AND c.data_type = 'bytea'
          AND (c.column_name LIKE '%\\_cipher' OR c.column_name LIKE '%\\_lookup')
        ORDER BY 1, 2`,
    );
    const named = new Map<string, string>();
    for (const x of CIPHER_TARGETS)
      for (const c of x.columns) named.set(`${x.table}.${c}`, x.key.map((k) => k.column).join(","));
    for (const x of LOOKUP_TARGETS)
      for (const l of x.lookups) named.set(`${x.table}.${l.column}`, x.key.map((k) => k.column).join(","));
    // otp_codes keeps no value to recompute from: the rotation waits for its live codes to expire
    named.set("otp_codes.mobile_lookup", "otp_id");
    const found = new Map(rows.map((r) => [`${r.table_name}.${r.column_name}`, r.pk]));
    expect(found).toEqual(named);
  });
});
