import type { Role } from "../domain/access.ts";
import { type Lookups, lookupParam } from "../secrets.ts";
import type { Queryable, Tx } from "../store/db.ts";

/** What the sign-in paths read of an account: enough to check a real name and a number's age. */
export type Account = {
  memberId: number;
  lastUsed: Date;
  idLookup: Buffer;
  personalCipher: Buffer | null;
  idCipher: Buffer | null;
  nameCipher: Buffer | null;
  mobileCipher: Buffer | null;
};

const ACCOUNT = `member_id AS "memberId", COALESCE(mobile_used_at, created_at) AS "lastUsed",
  id_lookup AS "idLookup", personal_cipher AS "personalCipher", id_cipher AS "idCipher",
  name_cipher AS "nameCipher", mobile_cipher AS "mobileCipher"`;

/** A one-time code as its check reads it. */
export type OtpCode = { otpId: number; codeHash: Buffer };

/** A staff account as sign-in reads it. */
export type StaffAccount = {
  staffId: number;
  passwordHash: string;
  roles: Role[];
  totpCipher: Buffer | null;
  disabledAt: Date | null;
};

/** A live session's principal, with a staff member's roles as they are now. */
export type SessionPrincipal = {
  principalKind: "member" | "staff";
  principalId: string;
  roles: Role[] | null;
  disabled: boolean | null;
};

/** A code's challenge as its statements match it: for this number, live at `now`, with tries left. */
export type OtpChallenge = { challengeHash: Buffer; lookup: Buffer; now: Date; attemptsMax: number };

/** Tables sessions, otp_codes, login_attempts, staff, and the sign-in columns of members. */
export const authRepository = Object.freeze({
  async accountByMobile(q: Queryable, lookup: Lookups, lock = false): Promise<Account | undefined> {
    const { rows } = await q.query<Account>(
      `SELECT ${ACCOUNT} FROM members WHERE mobile_lookup = ANY($1::bytea[]) AND kind = 'member'${lock ? " FOR UPDATE" : ""}`,
      [lookupParam(lookup)],
    );
    return rows[0];
  },

  async lockAccountByResidentId(q: Queryable, idLookup: Lookups): Promise<Account | undefined> {
    const { rows } = await q.query<Account>(
      `SELECT ${ACCOUNT} FROM members WHERE id_lookup = ANY($1::bytea[]) AND kind = 'member' FOR UPDATE`,
      [lookupParam(idLookup)],
    );
    return rows[0];
  },

  /** Points an account at a number (or none) with its re-encrypted record. */
  async setAccountMobile(
    q: Queryable,
    a: {
      memberId: number;
      lookup: Buffer | null;
      masked: string | null;
      personalCipher: Buffer;
      usedAt: Date | null;
    },
  ): Promise<void> {
    await q.query(
      `UPDATE members SET mobile_lookup = $2, mobile_masked = $3, personal_cipher = $4, mobile_cipher = NULL,
                          mobile_used_at = $5
        WHERE member_id = $1`,
      [a.memberId, a.lookup, a.masked, a.personalCipher, a.usedAt],
    );
  },

  async markMobileUsed(q: Queryable, memberId: number, at: Date): Promise<void> {
    await q.query("UPDATE members SET mobile_used_at = $2 WHERE member_id = $1", [memberId, at]);
  },

  async insertOtp(
    q: Queryable,
    o: { lookup: Buffer; challengeHash: Buffer; codeHash: Buffer; expiresAt: Date },
  ): Promise<void> {
    await q.query(
      "INSERT INTO otp_codes (mobile_lookup, challenge_hash, code_hash, expires_at) VALUES ($1, $2, $3, $4)",
      [o.lookup, o.challengeHash, o.codeHash, o.expiresAt],
    );
  },

  /**
   * Counts one check of a live, unused code with tries left (the cap in the same UPDATE); the code's id
   * and hash, or none.
   */
  async countOtpCheck(q: Queryable, c: OtpChallenge): Promise<OtpCode | undefined> {
    const { rows } = await q.query<OtpCode>(
      `UPDATE otp_codes SET attempts = attempts + 1
        WHERE challenge_hash = $1 AND mobile_lookup = $2 AND expires_at > $3 AND NOT used AND attempts < $4
        RETURNING otp_id AS "otpId", code_hash AS "codeHash"`,
      [c.challengeHash, c.lookup, c.now, c.attemptsMax],
    );
    return rows[0];
  },

  /** Consumes a code; false when another right answer consumed it first. */
  async useOtp(q: Queryable, otpId: number): Promise<boolean> {
    const used = await q.query("UPDATE otp_codes SET used = true WHERE otp_id = $1 AND NOT used", [otpId]);
    return used.rowCount === 1;
  },

  async otpOpen(q: Queryable, c: OtpChallenge): Promise<boolean> {
    const { rows } = await q.query(
      `SELECT 1 FROM otp_codes WHERE challenge_hash = $1 AND mobile_lookup = $2 AND expires_at > $3
          AND NOT used AND attempts < $4`,
      [c.challengeHash, c.lookup, c.now, c.attemptsMax],
    );
    return rows.length > 0;
  },

  async insertSession(
    q: Queryable,
    s: { tokenHash: Buffer; kind: "member" | "staff"; id: number; expiresAt: Date },
  ): Promise<void> {
    await q.query(
      "INSERT INTO sessions (token_hash, principal_kind, principal_id, expires_at) VALUES ($1, $2, $3, $4)",
      [s.tokenHash, s.kind, s.id, s.expiresAt],
    );
  },

  async liveSession(q: Queryable, tokenHash: Buffer, now: Date): Promise<SessionPrincipal | undefined> {
    const { rows } = await q.query<SessionPrincipal>(
      `SELECT s.principal_kind AS "principalKind", s.principal_id AS "principalId", st.roles,
              st.disabled_at IS NOT NULL AS disabled
         FROM sessions s
         LEFT JOIN staff st ON s.principal_kind = 'staff' AND st.staff_id = s.principal_id
        WHERE s.token_hash = $1 AND s.expires_at > $2`,
      [tokenHash, now],
    );
    return rows[0];
  },

  async deleteSession(q: Queryable, tokenHash: Buffer): Promise<void> {
    await q.query("DELETE FROM sessions WHERE token_hash = $1", [tokenHash]);
  },

  /** Ends every session of a principal; how many there were. */
  async deleteSessionsOf(q: Queryable, kind: "member" | "staff", id: number): Promise<number> {
    const r = await q.query("DELETE FROM sessions WHERE principal_kind = $1 AND principal_id = $2", [
      kind,
      id,
    ]);
    return r.rowCount ?? 0;
  },

  /** Counts an attempt in a bucket; the attempts in it over the last minute, this one included. */
  async countAttemptLastMinute(q: Queryable, bucket: string, at: Date): Promise<number> {
    const { rows } = await q.query<{ n: number }>(
      `WITH ins AS (INSERT INTO login_attempts (bucket, at) VALUES ($1, $2))
       SELECT count(*)::int AS n FROM login_attempts WHERE bucket = $1 AND at > $2::timestamptz - interval '1 minute'`,
      [bucket, at],
    );
    return rows[0]?.n ?? 0;
  },

  /** Holds a bucket until the transaction ends: its attempts are read and written one caller at a time. */
  async lockBucket(tx: Tx, bucket: string): Promise<void> {
    await tx.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [bucket]);
  },

  async attemptsSince(
    q: Queryable,
    bucket: string,
    since: Date,
  ): Promise<{ n: number; last: Date | null | undefined }> {
    const { rows } = await q.query<{ n: number; last: Date | null }>(
      "SELECT count(*)::int AS n, max(at) AS last FROM login_attempts WHERE bucket = $1 AND at > $2",
      [bucket, since],
    );
    return { n: rows[0]?.n ?? 0, last: rows[0]?.last };
  },

  async insertAttempt(q: Queryable, bucket: string, at: Date): Promise<void> {
    await q.query("INSERT INTO login_attempts (bucket, at) VALUES ($1, $2)", [bucket, at]);
  },

  async deleteAttempts(q: Queryable, bucket: string): Promise<void> {
    await q.query("DELETE FROM login_attempts WHERE bucket = $1", [bucket]);
  },

  async deleteLatestAttempt(q: Queryable, bucket: string): Promise<void> {
    await q.query(
      `DELETE FROM login_attempts WHERE ctid = (SELECT ctid FROM login_attempts WHERE bucket = $1
         ORDER BY at DESC LIMIT 1)`,
      [bucket],
    );
  },

  /** Deletes expired sessions and codes and attempts before a time; how many of each. */
  async purge(
    q: Queryable,
    now: Date,
    attemptsBefore: Date,
  ): Promise<{ sessions: number; codes: number; attempts: number }> {
    const sessions = await q.query("DELETE FROM sessions WHERE expires_at <= $1", [now]);
    const codes = await q.query("DELETE FROM otp_codes WHERE expires_at <= $1", [now]);
    const attempts = await q.query("DELETE FROM login_attempts WHERE at <= $1", [attemptsBefore]);
    return {
      sessions: sessions.rowCount ?? 0,
      codes: codes.rowCount ?? 0,
      attempts: attempts.rowCount ?? 0,
    };
  },

  /** A new staff account's id, or none when the username is taken. */
  async insertStaff(
    q: Queryable,
    s: { username: string; passwordHash: string; roles: readonly Role[] },
  ): Promise<number | undefined> {
    const { rows } = await q.query<{ staff_id: number }>(
      "INSERT INTO staff (username, password_hash, roles) VALUES ($1, $2, $3) ON CONFLICT (username) DO NOTHING RETURNING staff_id",
      [s.username, s.passwordHash, s.roles],
    );
    return rows[0] ? Number(rows[0].staff_id) : undefined;
  },

  async setTotp(q: Queryable, staffId: number, totpCipher: Buffer): Promise<void> {
    await q.query("UPDATE staff SET totp_cipher = $2, totp_last_step = NULL WHERE staff_id = $1", [
      staffId,
      totpCipher,
    ]);
  },

  /** Accepts a TOTP time step once: true when it is later than the last one accepted. */
  async advanceTotpStep(q: Queryable, staffId: number, step: number): Promise<boolean> {
    const r = await q.query(
      "UPDATE staff SET totp_last_step = $2 WHERE staff_id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)",
      [staffId, step],
    );
    return r.rowCount === 1;
  },

  async staffByUsername(q: Queryable, username: string): Promise<StaffAccount | undefined> {
    const { rows } = await q.query<StaffAccount>(
      `SELECT staff_id AS "staffId", password_hash AS "passwordHash", roles, totp_cipher AS "totpCipher",
              disabled_at AS "disabledAt"
         FROM staff WHERE username = $1`,
      [username],
    );
    return rows[0];
  },

  /** Disables (keeping the first time) or re-enables an account; its username and roles, or none. */
  async setStaffDisabled(
    q: Queryable,
    staffId: number,
    disabled: boolean,
    at: Date,
  ): Promise<{ username: string; roles: Role[] } | undefined> {
    const { rows } = await q.query<{ username: string; roles: Role[] }>(
      "UPDATE staff SET disabled_at = CASE WHEN $2 THEN COALESCE(disabled_at, $3) END WHERE staff_id = $1 RETURNING username, roles",
      [staffId, disabled, at],
    );
    return rows[0];
  },
});
