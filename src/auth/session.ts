import { createHash, randomBytes } from "node:crypto";
import type { ServiceDeps } from "../deps.ts";
import type { Principal } from "../domain/access.ts";
import { limits } from "../limits.ts";
import type { Queryable } from "../store/db.ts";
import { authRepository } from "./auth.repository.ts";

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
  await authRepository.insertSession(q, { tokenHash: sha256(token), kind, id, expiresAt: expires });
  return { token, expiresAt: expires.toISOString() };
}

/**
 * The principal of a live session. A staff member's roles come from the staff table on every request,
 * so a role change or a disabled account applies at the next request.
 */
export async function authenticate(deps: ServiceDeps, token: string): Promise<Principal | undefined> {
  const r = await authRepository.liveSession(deps.pool, sha256(token), new Date(deps.clock.now()));
  if (!r) return undefined;
  const id = Number(r.principalId);
  if (r.principalKind === "member") return { kind: "member", id, roles: ["member"] };
  if (!r.roles || r.disabled) return undefined;
  return { kind: "staff", id, roles: r.roles };
}

/** Ends the session of this token (logout). */
export async function endSession(deps: ServiceDeps, token: string): Promise<void> {
  await authRepository.deleteSession(deps.pool, sha256(token));
}

/** Ends every session of a principal (sign out everywhere, a moved number, a disabled account). */
export async function endAllSessions(q: Queryable, kind: "member" | "staff", id: number): Promise<number> {
  return authRepository.deleteSessionsOf(q, kind, id);
}
