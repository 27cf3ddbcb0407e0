import type { CivilDate } from "../domain/calendar.ts";
import { type Lookups, lookupParam } from "../secrets.ts";
import type { Queryable, Tx } from "../store/db.ts";
import { oneRow } from "../store/rows.ts";

/**
 * A member as the services use it: personal data masked, never in plain text. An answer never carries it
 * as is: `presentMember` shows each audience its part of the identity (src/domain/disclosure.ts).
 */
export type MemberView = {
  memberId: number;
  kind: "member" | "dependant";
  guardianId: number | null;
  relation: string | null;
  name: string;
  /** The stored mask (first 4 and last 4): internal only, too revealing beside the birth date. */
  idMasked: string;
  mobile: string | null;
  birthDate: CivilDate;
  sex: "male" | "female";
  pseudonym: string;
};

type MemberRow = {
  member_id: number;
  kind: "member" | "dependant";
  guardian_id: number | null;
  relation: string | null;
  name_masked: string;
  id_masked: string;
  mobile_masked: string | null;
  birth_date: CivilDate;
  sex: "male" | "female";
  pseudonym: string;
};

const COLUMNS =
  "member_id, kind, guardian_id, relation, name_masked, id_masked, mobile_masked, birth_date, sex, pseudonym";

const toView = (r: MemberRow): MemberView => ({
  memberId: r.member_id,
  kind: r.kind,
  guardianId: r.guardian_id,
  relation: r.relation,
  name: r.name_masked,
  idMasked: r.id_masked,
  mobile: r.mobile_masked,
  birthDate: r.birth_date,
  sex: r.sex,
  pseudonym: r.pseudonym,
});

/** A new person's row: lookups, the encrypted record and the masks, computed by the caller. */
export type NewPerson = {
  kind: "member" | "dependant";
  guardianId: number | null;
  relation: string | null;
  idLookup: Buffer;
  personalCipher: Buffer;
  idMasked: string;
  nameMasked: string;
  mobileLookup: Buffer | null;
  mobileMasked: string | null;
  birthDate: CivilDate;
  sex: "male" | "female";
  createdAt: Date;
};

/** An adult dependant's record a person registering may take over. */
export type HeldDependant = { memberId: number; guardianId: number; relation: string; birthDate: CivilDate };

/** Table members (and identity_claims, the record of takeovers). */
export const memberRepository = Object.freeze({
  async idLookupTaken(q: Queryable, idLookup: Lookups): Promise<boolean> {
    const { rows } = await q.query("SELECT 1 FROM members WHERE id_lookup = ANY($1::bytea[])", [
      lookupParam(idLookup),
    ]);
    return rows.length > 0;
  },

  async mobileLookupTaken(q: Queryable, mobileLookup: Lookups): Promise<boolean> {
    const { rows } = await q.query("SELECT 1 FROM members WHERE mobile_lookup = ANY($1::bytea[])", [
      lookupParam(mobileLookup),
    ]);
    return rows.length > 0;
  },

  /** Inserts with a placeholder pseudonym; the caller sets the real one once the id is known. */
  async insert(tx: Tx, p: NewPerson): Promise<MemberView> {
    const result = await tx.query<MemberRow>(
      `INSERT INTO members (kind, guardian_id, relation, id_lookup, personal_cipher, id_masked, name_masked,
                            mobile_lookup, mobile_masked, birth_date, sex, pseudonym, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'pending', $12)
       RETURNING ${COLUMNS}`,
      [
        p.kind,
        p.guardianId,
        p.relation,
        p.idLookup,
        p.personalCipher,
        p.idMasked,
        p.nameMasked,
        p.mobileLookup,
        p.mobileMasked,
        p.birthDate,
        p.sex,
        p.createdAt,
      ],
    );
    return toView(oneRow(result, "the inserted member"));
  },

  async setPseudonym(tx: Tx, memberId: number, pseudonym: string): Promise<void> {
    await tx.query("UPDATE members SET pseudonym = $2 WHERE member_id = $1", [memberId, pseudonym]);
  },

  /** The dependant holding this resident ID, locked (a registration may take it over). */
  async lockDependantByIdLookup(tx: Tx, idLookup: Lookups): Promise<HeldDependant | undefined> {
    const { rows } = await tx.query<{
      member_id: number;
      guardian_id: number;
      relation: string;
      birth_date: CivilDate;
    }>(
      `SELECT member_id, guardian_id, relation, birth_date FROM members
       WHERE id_lookup = ANY($1::bytea[]) AND kind = 'dependant' FOR UPDATE`,
      [lookupParam(idLookup)],
    );
    const d = rows[0];
    return (
      d && { memberId: d.member_id, guardianId: d.guardian_id, relation: d.relation, birthDate: d.birth_date }
    );
  },

  /** A dependant's record becomes its person's own: the guardian's link and the old ciphers go. */
  async takeOver(
    tx: Tx,
    memberId: number,
    p: { personalCipher: Buffer; nameMasked: string; mobileLookup: Buffer; mobileMasked: string },
  ): Promise<MemberView> {
    const result = await tx.query<MemberRow>(
      `UPDATE members SET kind = 'member', guardian_id = NULL, relation = NULL, personal_cipher = $2,
         name_masked = $3, mobile_lookup = $4, mobile_masked = $5, id_cipher = NULL, name_cipher = NULL,
         mobile_cipher = NULL
       WHERE member_id = $1 RETURNING ${COLUMNS}`,
      [memberId, p.personalCipher, p.nameMasked, p.mobileLookup, p.mobileMasked],
    );
    return toView(oneRow(result, `member ${memberId} taken over`));
  },

  async insertIdentityClaim(tx: Tx, d: HeldDependant, at: Date): Promise<void> {
    await tx.query(
      "INSERT INTO identity_claims (member_id, former_guardian, relation, at) VALUES ($1, $2, $3, $4)",
      [d.memberId, d.guardianId, d.relation, at],
    );
  },

  async markMobileUsed(tx: Tx, memberId: number, at: Date): Promise<void> {
    await tx.query("UPDATE members SET mobile_used_at = $2 WHERE member_id = $1", [memberId, at]);
  },

  async get(q: Queryable, memberId: number): Promise<MemberView | undefined> {
    const { rows } = await q.query<MemberRow>(`SELECT ${COLUMNS} FROM members WHERE member_id = $1`, [
      memberId,
    ]);
    return rows[0] ? toView(rows[0]) : undefined;
  },

  async dependantsOf(q: Queryable, guardianId: number): Promise<MemberView[]> {
    const { rows } = await q.query<MemberRow>(
      `SELECT ${COLUMNS} FROM members WHERE guardian_id = $1 ORDER BY member_id`,
      [guardianId],
    );
    return rows.map(toView);
  },

  async pseudonymOf(q: Queryable, memberId: number): Promise<string> {
    const result = await q.query<{ pseudonym: string }>(
      "SELECT pseudonym FROM members WHERE member_id = $1",
      [memberId],
    );
    return oneRow(result, `member ${memberId}`).pseudonym;
  },
});
