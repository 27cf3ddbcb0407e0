import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ReasonCode, reasonColumns, reasonText } from "../../src/domain/claim/reasons.ts";
import { type TestDatabase, testDatabase } from "../support/db.ts";
import { CASES } from "../support/reason-cases.ts";

// Migration 171 backfills old claim steps' reason codes from their English. Its mapping function (dropped
// at the end of the migration) is loaded again here and given the very sentences the server writes:
// each must come back as the code and parameters it was rendered from, or as nothing.
let db: TestDatabase;
const mapping = /CREATE FUNCTION reason_of_english_171[\s\S]*?END \$\$;/.exec(
  readFileSync("src/store/migrations/171_claim_reason_codes.sql", "utf8"),
)![0];

beforeAll(async () => {
  db = await testDatabase();
  await db.pool.query(mapping);
});
afterAll(async () => {
  await db.close();
});

const mapped = async (english: string, action = "decide") =>
  (await db.pool.query("SELECT reason_of_english_171($1, $2) AS r", [english, action])).rows[0].r;

/** Codes whose English carries words or names the mapping cannot be sure of: they stay NULL. */
const UNMAPPED: ReasonCode[] = [
  "no_rules_in_force",
  "not_covered",
  "age_limit",
  "nothing_paid_in",
  "phase_in",
  "phase_in_below_fen",
  "jury_overturned",
  "payout_waiting",
  "payout_announced",
  "payout_paid_in_full",
  "payout_capped",
  "payout_shortfall",
  "payout_from_pool",
];

describe("migration 171's backfill of reason codes", () => {
  for (const [code, [r]] of Object.entries(CASES)) {
    const action = code === "investigation_started" ? "investigate" : "decide";
    it(`${code}: the English maps back ${UNMAPPED.includes(code as ReasonCode) ? "to nothing" : "to its code and parameters"}`, async () => {
      const back = await mapped(reasonText(r), action);
      expect(back).toEqual(UNMAPPED.includes(code as ReasonCode) ? null : reasonColumns(r));
    });
  }

  it("a jury's tally said before a decision, or a sentence it does not know, maps to nothing", async () => {
    expect(
      await mapped(`${reasonText(CASES.jury_overturned[0])}; ${reasonText(CASES.approved[0])}`),
    ).toBeNull();
    expect(await mapped("something else entirely")).toBeNull();
  });
});
