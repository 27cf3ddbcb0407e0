import { createHash, randomBytes } from "node:crypto";
import type { ServiceDeps } from "../deps.ts";
import type { Principal, Role } from "../domain/access.ts";
import { limits } from "../limits.ts";
import type { Queryable } from "../store/db.ts";

const sha256 = (s: string) => createHash("sha256").update(s).digest();

/** A new bearer token for a principal; only its hash is stored, and no roles: they are read per request. */
export async function issueToken(
  deps: ServiceDeps,
  q: Queryable,
  kind: "member" | "staff",
  id: number,
): Promise<{ token: string; expiresAt: string }> {
  const token = randomBytes(32).toString("base64url");
  const expires = new Date(deps.clock.now() + limits.sessionHours * 3_600_000);
  await q.query(
    "INSERT INTO sessions (token_hash, principal_kind, principal_id, expires_at) VALUES ($1, $2, $3, $4)",
    [sha256(token), kind, id, expires],
  );
  return { token, expiresAt: expires.toISOString() };
}

/**
 * The principal of a live session. A staff member's roles come from the staff table on every request,
 * so a role change or a disabled account applies at the next request.
 */
export async function authenticate(deps: ServiceDeps, token: string): Promise<Principal | undefined> {
  const { rows } = await deps.pool.query<{
    principal_kind: "member" | "staff";
    principal_id: string;
    roles: Role[] | null;
    disabled: boolean | null;
  }>(
    `SELECT s.principal_kind, s.principal_id, st.roles, st.disabled_at IS NOT NULL AS disabled
       FROM sessions s
       LEFT JOIN staff st ON s.principal_kind = 'staff' AND st.staff_id = s.principal_id
      WHERE s.token_hash = $1 AND s.expires_at > $2`,
    [sha256(token), new Date(deps.clock.now())],
  );
  const r = rows[0];
  if (!r) return undefined;
  const id = Number(r.principal_id);
  if (r.principal_kind === "member") return { kind: "member", id, roles: ["member"] };
  if (!r.roles || r.disabled) return undefined;
  return { kind: "staff", id, roles: r.roles };
}

/** Ends the session of this token (logout). */
export async function endSession(deps: ServiceDeps, token: string): Promise<void> {
  await deps.pool.query("DELETE FROM sessions WHERE token_hash = $1", [sha256(token)]);
}

/** Ends every session of a principal (sign out everywhere, a moved number, a disabled account). */
export async function endAllSessions(q: Queryable, kind: "member" | "staff", id: number): Promise<number> {
  const r = await q.query("DELETE FROM sessions WHERE principal_kind = $1 AND principal_id = $2", [kind, id]);
  return r.rowCount ?? 0;
}
