import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { type TOTP, URI } from "otpauth";
import { createStaff } from "../../src/auth/staff.ts";
import type { ServiceDeps } from "../../src/deps.ts";
import type { Role } from "../../src/domain/access.ts";
import { civilDate } from "../../src/domain/calendar.ts";
import { fixedClock } from "../../src/domain/clock.ts";
import { residentIdCheckChar } from "../../src/domain/identity.ts";
import { fen } from "../../src/domain/money.ts";
import { buildApp } from "../../src/http/app.ts";
import { createLogger } from "../../src/log.ts";
import { freshLogKeys, type LogKeys } from "../../src/log-keys.ts";
import { simulatedSms } from "../../src/notifications/sms.ts";
import { appClock } from "../../src/operations/dev-clock.ts";
import { guardProvider } from "../../src/payments/guarded.ts";
import { SimulatedProvider } from "../../src/payments/simulated.ts";
import { installPresets } from "../../src/plans/presets.ts";
import { freshSecrets, type Secrets } from "../../src/secrets.ts";
import { addApprovedCase } from "./cases.ts";
import { type TestDatabase, testDatabase } from "./db.ts";

export type TestApp = {
  app: FastifyInstance;
  deps: ServiceDeps;
  db: TestDatabase;
  clock: ReturnType<typeof fixedClock>;
  provider: SimulatedProvider;
  /** Every log line the app wrote. */
  logs: string[];
  close(): Promise<void>;
};

/** A resident ID with a valid check character: 110105 + birth date + a 3-digit sequence (odd = male). */
export function residentId(birth: string, seq = 1): string {
  // sequences past 999 move to another region code, so ids stay unique and valid
  const region = `11${String(1 + Math.floor(seq / 1000)).padStart(2, "0")}05`;
  const first17 = `${region}${birth.replaceAll("-", "")}${String(seq % 1000).padStart(3, "0")}`;
  return first17 + residentIdCheckChar(first17);
}

/** The whole app on a fresh database, at 2020-03-01 10:00 Shanghai unless told otherwise. */
export async function testApp(
  opts: {
    nowMs?: number;
    presets?: string[];
    logLevel?: string;
    provider?: Partial<ConstructorParameters<typeof SimulatedProvider>[0]>;
    /** The payment guard's timeout for every call (test/faults: a hanging provider). */
    paymentTimeoutMs?: number;
    /** The development clock (src/operations/dev-clock.ts) over the fixed one: `/dev/clock` moves the app. */
    devClock?: boolean;
    /** Keys from files (loadSecrets), for the key rotation tests; fresh ones in memory otherwise. */
    secrets?: Secrets;
    /** The log's keys (loadLogKeys over files, for the hand-over test); fresh ones otherwise. */
    logKeys?: LogKeys;
  } = {},
): Promise<TestApp> {
  const db = await testDatabase();
  const clock = fixedClock(opts.nowMs ?? Date.UTC(2020, 2, 1, 2, 0, 0));
  const appTime = opts.devClock ? appClock(db.pool, false, clock) : clock;
  const secrets = opts.secrets ?? freshSecrets();
  const logLines: string[] = [];
  const logger = createLogger(opts.logLevel ?? "warn", {
    write: (s: string) => logLines.push(s),
  } as unknown as NodeJS.WritableStream);
  const webhookSecret = "whsec_test";
  let app: FastifyInstance | undefined;
  const provider = new SimulatedProvider({
    seed: "test",
    webhookSecret,
    clock: appTime,
    store: db.pool,
    deliver: async (raw, sig) => {
      await app!.inject({
        method: "POST",
        url: "/payments/webhook",
        headers: { "content-type": "application/json", "x-signature": sig },
        payload: raw,
      });
    },
    ...opts.provider,
  });
  const deps: ServiceDeps = {
    pool: db.pool,
    clock: appTime,
    secrets,
    sms: simulatedSms(secrets),
    payments: guardProvider(provider, {
      pool: db.pool,
      clock: appTime,
      timeoutMs: opts.paymentTimeoutMs,
      batchTimeoutMs: opts.paymentTimeoutMs,
    }),
    webhookSecret,
    logKeys: opts.logKeys ?? freshLogKeys(),
    logger,
    dataDir: mkdtempSync(join(tmpdir(), "huzhu-data-")),
    production: false,
  };
  await installPresets(
    db.pool,
    opts.presets ?? ["xianghubao", "shuidi", "kangai", "kangai-parents", "ehuzhu-children"],
  );
  app = await buildApp(deps);
  return {
    app,
    deps,
    db,
    logs: logLines,
    clock,
    provider,
    close: async () => {
      await app!.close();
      await db.close();
    },
  };
}

/** The code in the newest SMS (read from the simulated outbox's table: the route is for staff only). */
export async function latestCode(t: TestApp): Promise<string> {
  const { rows } = await t.db.pool.query<{ body: string }>(
    "SELECT body FROM sms_outbox ORDER BY sms_id DESC LIMIT 1",
  );
  return /(\d{6})/.exec(rows[0]?.body ?? "")?.[1] ?? "";
}

let addressSeq = 0;
/** A fresh client address: sign-in is throttled per address, and helpers stand for many people. */
export function nextAddress(): string {
  const n = addressSeq++;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

/** Registers a member through the OTP flow and returns the member id and bearer token. */
export async function registerMember(t: TestApp, mobile: string, residentIdNumber: string, name = "张三") {
  const remoteAddress = nextAddress();
  const otp = await t.app.inject({ method: "POST", url: "/auth/otp", payload: { mobile }, remoteAddress });
  const { challengeId } = otp.json();
  const code = await latestCode(t);
  const r = await t.app.inject({
    method: "POST",
    url: "/auth/member/register",
    payload: { name, mobile, residentId: residentIdNumber, challengeId, code },
    remoteAddress,
  });
  if (r.statusCode !== 201) throw new Error(`register failed: ${r.body}`);
  const body = r.json();
  return {
    memberId: body.member.memberId as number,
    token: body.token as string,
    auth: { authorization: `Bearer ${body.token}` },
  };
}

/** The current code of a staff account's second factor, from the otpauth URI given when it was made. */
export function totpCode(t: TestApp, totpUri: string): string {
  return (URI.parse(totpUri) as TOTP).generate({ timestamp: t.clock.now() });
}

let staffSeq = 0;
/** A staff account with the roles, signed in through the route with its password and a TOTP code. */
export async function staffAccount(t: TestApp, roles: Role[], name?: string) {
  const username = name ?? `staff${++staffSeq}_${roles.join("_")}`;
  const { staffId, totpUri } = await createStaff(t.deps, username, "correct horse battery staple", roles);
  const r = await t.app.inject({
    method: "POST",
    url: "/auth/staff/login",
    payload: { username, password: "correct horse battery staple", totp: totpCode(t, totpUri) },
    remoteAddress: nextAddress(),
  });
  return { staffId, totpUri, login: r, auth: { authorization: `Bearer ${r.json().token}` } };
}

export async function staffToken(t: TestApp, roles: Role[]) {
  return (await staffAccount(t, roles)).auth;
}

/**
 * n members registered (mobiles `{mobilePrefix}{i}`, born `born`, ID sequence from `seq0`) and joined to
 * a plan on 2019-01-01 under the given rule version; their participations and member ids in order.
 */
export async function enrolMembers(
  t: TestApp,
  n: number,
  plan: string,
  mobilePrefix: string,
  born: string,
  seq0: number,
  terms: { coveredFrom: string; ruleVersion: string } = {
    coveredFrom: "2019-04-01",
    ruleVersion: "2018-10-16",
  },
) {
  const parts: number[] = [];
  const members: number[] = [];
  const registered: Array<Awaited<ReturnType<typeof registerMember>>> = [];
  for (let i = 0; i < n; i++) {
    const m = await registerMember(t, `${mobilePrefix}${i}`, residentId(born, seq0 + i));
    const p = await t.db.pool.query(
      "INSERT INTO participations (member_id, plan_id, tier, joined_on, covered_from, rule_version, status) VALUES ($1, $2, 'standard', '2019-01-01', $3, $4, 'active') RETURNING participation_id",
      [m.memberId, plan, terms.coveredFrom, terms.ruleVersion],
    );
    parts.push(p.rows[0].participation_id);
    members.push(m.memberId);
    registered.push(m);
  }
  return { parts, members, registered };
}

/** An approved case of `benefitFen` for a participation, decided on a date, waiting for its cycle. */
export async function approveCase(
  t: TestApp,
  participationId: number,
  benefitFen: number,
  decidedOn: string,
  event = "major",
) {
  return addApprovedCase(t.deps, {
    participationId,
    event,
    benefitFen: fen(benefitFen),
    decidedOn: civilDate(decidedOn),
  });
}

/** A minimal PDF, as a guardianship document. */
export const GUARDIANSHIP_PDF = Buffer.from("%PDF-1.4\n% birth certificate\n%%EOF\n");

/**
 * Enrols a child dependant the whole way: the guardian's request, the guardianship document, a
 * reviewer's acceptance. Returns the request's and the final answers.
 */
export async function enrolChild(
  t: TestApp,
  guardian: { memberId: number; auth: Record<string, string> },
  child: { name: string; residentId: string; consentVersion?: string },
) {
  const request = await t.app.inject({
    method: "POST",
    url: `/members/${guardian.memberId}/dependants`,
    headers: guardian.auth,
    payload: { ...child, relation: "child", consentVersion: child.consentVersion ?? "v1" },
  });
  if (request.statusCode !== 202) return { request, decision: undefined, memberId: undefined };
  const requestId = request.json().requestId as number;
  await t.app.inject({
    method: "PUT",
    url: `/members/${guardian.memberId}/dependant-requests/${requestId}/document`,
    headers: { ...guardian.auth, "content-type": "application/pdf" },
    payload: GUARDIANSHIP_PDF,
  });
  const reviewer = await staffToken(t, ["reviewer"]);
  const decision = await t.app.inject({
    method: "POST",
    url: `/dependant-requests/${requestId}/decision`,
    headers: reviewer,
    payload: { accept: true },
  });
  return { request, decision, memberId: decision.json().dependantId as number | undefined };
}
