import { createStaff } from "../../src/auth/staff.ts";
import { lookupHash } from "../../src/secrets.ts";
import { nextAddress, type TestApp, totpCode } from "./app.ts";

/** The newest one-time code sent to a number, read from the simulated provider's table. */
export async function lastCode(t: TestApp, mobile: string): Promise<string> {
  const { rows } = await t.db.pool.query<{ body: string }>(
    "SELECT body FROM sms_outbox WHERE mobile_lookup = $1 ORDER BY sms_id DESC LIMIT 1",
    [lookupHash(t.deps.secrets, "mobile", mobile)],
  );
  const code = /(\d{6})/.exec(rows[0]?.body ?? "")?.[1];
  if (!code) throw new Error("no code was sent to this number");
  return code;
}

/** What a code request gives its requester: the challenge id it answered and the code sent. */
export type Proof = { challengeId: string; code: string };

/** Asks for a code for a number from an address; returns the challenge id and the code (spread it in). */
export async function requestCode(t: TestApp, mobile: string, remoteAddress = nextAddress()): Promise<Proof> {
  const r = await t.app.inject({ method: "POST", url: "/auth/otp", payload: { mobile }, remoteAddress });
  if (r.statusCode !== 202) throw new Error(`code request failed: ${r.body}`);
  return { challengeId: r.json().challengeId, code: await lastCode(t, mobile) };
}

/** A code that is not `code` (a wrong guess). */
export const wrongCode = (code: string): string => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

let seq = 0;
/** A staff account made directly, with what it takes to sign in. */
export async function newStaff(t: TestApp, roles: Parameters<typeof createStaff>[3]) {
  const username = `auth${++seq}_${roles.join("_")}`;
  const password = "correct horse battery staple";
  const { staffId, totpUri } = await createStaff(t.deps, username, password, roles);
  return { staffId, username, password, totpUri, code: () => totpCode(t, totpUri) };
}

/** The same challenge with a wrong code. */
export const wrongGuess = (p: Proof): Proof => ({ ...p, code: wrongCode(p.code) });
