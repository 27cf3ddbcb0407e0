import type { Queryable } from "../../store/db.ts";

export type EvidenceRow = {
  memberId: number;
  pseudonym: string;
  personalCipher: Buffer | null;
  idCipher: Buffer | null;
  nameCipher: Buffer | null;
  mobileCipher: Buffer | null;
};

/** The members behind pseudonyms, with their encrypted real-name records (table members). */
export const sampleRepository = Object.freeze({
  async evidenceOf(q: Queryable, pseudonyms: readonly string[]): Promise<EvidenceRow[]> {
    const { rows } = await q.query<EvidenceRow>(
      `SELECT member_id::int AS "memberId", pseudonym, personal_cipher AS "personalCipher", id_cipher AS "idCipher",
              name_cipher AS "nameCipher", mobile_cipher AS "mobileCipher"
       FROM members WHERE pseudonym = ANY($1::text[])`,
      [pseudonyms],
    );
    return rows;
  },
});
