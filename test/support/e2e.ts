/**
 * The end-to-end walks (test/e2e/*): the app on the development clock, driven through HTTP only — people
 * who sign in again after the clock moves (sessions last 7 days of the app's clock), staff who keep their
 * accounts (the assigned reviewer decides again) — the database only read for assertions.
 */
import type { LightMyRequestResponse } from "fastify";
import { createStaff } from "../../src/auth/staff.ts";
import type { Role } from "../../src/domain/access.ts";
import { sequenceLog } from "../../src/log/sequencer.ts";
import { nextAddress, registerMember, residentId, type TestApp, totpCode } from "./app.ts";
import { lastCode } from "./auth.ts";

export type Headers = Record<string, string>;

/** A member as the walk holds one: who they are and their current session. */
export type Person = {
  readonly name: string;
  readonly mobile: string;
  readonly residentId: string;
  readonly memberId: number;
  auth: Headers;
};

/** A staff account as the walk holds one: it signs in again with its password and second factor. */
export type Staff = { readonly staffId: number; readonly username: string; auth: Headers };

/** A request the walk needs to succeed: its JSON answer, or the failure with the answer. */
export async function must(r: Promise<LightMyRequestResponse>) {
  const a = await r;
  if (a.statusCode >= 300) throw new Error(`${a.statusCode}: ${a.body}`);
  return a.json();
}

const PASSWORD = "correct horse battery staple";

export function walk(t: TestApp) {
  const people: Person[] = [];
  const staff: Array<Staff & { totpUri: string }> = [];
  const send = (
    method: "GET" | "POST" | "PUT" | "DELETE",
    url: string,
    headers: Headers,
    payload?: unknown,
  ) =>
    t.app.inject({
      method,
      url,
      headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const staffLogin = async (s: Staff & { totpUri: string }) => {
    // a fresh second-factor step for each sign-in: a code is used once (the real time moves 30 s)
    t.clock.advance(30_000);
    const r = await send(
      "POST",
      "/auth/staff/login",
      {},
      {
        username: s.username,
        password: PASSWORD,
        totp: totpCode(t, s.totpUri),
      },
    );
    if (r.statusCode !== 200) throw new Error(`staff login: ${r.body}`);
    s.auth = { authorization: `Bearer ${r.json().token}` };
  };
  /** A sign-in by one-time code; a number dormant for 180 days adds the real-name check, as asked. */
  const memberLogin = async (p: Person, realName = false): Promise<void> => {
    const remoteAddress = nextAddress();
    const otp = await t.app.inject({
      method: "POST",
      url: "/auth/otp",
      payload: { mobile: p.mobile },
      remoteAddress,
    });
    const r = await t.app.inject({
      method: "POST",
      url: "/auth/member/login",
      payload: {
        mobile: p.mobile,
        challengeId: otp.json().challengeId,
        code: await lastCode(t, p.mobile),
        ...(realName ? { name: p.name, residentId: p.residentId } : {}),
      },
      remoteAddress,
    });
    if (!realName && r.statusCode === 403 && r.json().code === "real_name_required")
      return memberLogin(p, true);
    if (r.statusCode !== 200) throw new Error(`member login: ${r.body}`);
    p.auth = { authorization: `Bearer ${r.json().token}` };
  };
  return {
    send,
    get: (url: string, headers: Headers = {}) => send("GET", url, headers),
    post: (url: string, headers: Headers, payload?: unknown) => send("POST", url, headers, payload),
    /** Registers a person (born `born`, ID sequence `seq`) through the one-time-code flow. */
    async person(name: string, mobile: string, born: string, seq: number): Promise<Person> {
      const id = residentId(born, seq);
      const m = await registerMember(t, mobile, id, name);
      const p: Person = { name, mobile, residentId: id, memberId: m.memberId, auth: m.auth };
      people.push(p);
      return p;
    },
    /** A staff account with the roles, signed in. */
    async staff(username: string, roles: Role[]): Promise<Staff> {
      const { staffId, totpUri } = await createStaff(t.deps, username, PASSWORD, roles);
      const s = { staffId, username, totpUri, auth: {} };
      await staffLogin(s);
      staff.push(s);
      return s;
    },
    /**
     * Moves the development clock through `POST /dev/clock` (as `huzhu clock set` does) to a Shanghai time,
     * then signs everyone in again: a move past 7 days ends every session.
     */
    async clockTo(operator: Staff, to: string): Promise<LightMyRequestResponse> {
      const r = await send("POST", "/dev/clock", operator.auth, { to });
      if (r.statusCode !== 200) throw new Error(`clock: ${r.body}`);
      for (const s of staff) await staffLogin(s);
      for (const p of people) await memberLogin(p);
      return r;
    },
    /** The log's sequencer, as the worker runs it each few seconds: signs a head over what was appended. */
    sequence: () => sequenceLog(t.db.pool, t.deps.logKeys, t.deps.clock),
  };
}

export type Walk = ReturnType<typeof walk>;
