import { publicExport } from "../../src/audit/public/public-export.ts";
import { sequenceLog } from "../../src/log/sequencer.ts";
import { auditChecks } from "../../src/operations/audit-run.ts";
import { pseudonymOf } from "../../src/secrets.ts";
import { registerMember, residentId, staffToken, type TestApp, testApp } from "../support/app.ts";
import { at } from "../support/claims.ts";
import { runDueOn } from "../support/cycles.ts";

/*
 * The tamper suite's real state, built through the services as members and staff would: 36 members
 * join 相互宝 on 2020-03-01 (90 days' waiting, covered from 05-30), two claims are reported, reviewed,
 * approved, publicised and shared, and two cycles announce, collect and pay them (06-21/28, 07-07/14).
 */

export const MEMBERS = 36;
export const PLAN = "xianghubao";

type Member = Awaited<ReturnType<typeof registerMember>> & { participationId: number; pseudonym: string };

export type TamperState = {
  t: TestApp;
  members: Member[];
  operator: Record<string, string>;
  reviewer: Record<string, string>;
  reviewerId: number;
  claimIds: number[];
  /** A claim the reviewer rejected (diagnosis not proven), decided after both cycles. */
  rejectedClaimId: number;
};

async function must(r: Promise<{ statusCode: number; body: string }>) {
  const a = await r;
  if (a.statusCode >= 300) throw new Error(`${a.statusCode}: ${a.body}`);
  return a;
}

const post = (t: TestApp, url: string, headers: Record<string, string>, payload?: unknown) =>
  t.app.inject({
    method: "POST",
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

/** Moves the clock; sessions are made to outlive the simulated months. */
export async function setNow(t: TestApp, ms: number) {
  t.clock.set(ms);
  await t.db.pool.query("UPDATE sessions SET expires_at = $1", [new Date(ms + 7 * 86_400_000)]);
}

export async function joinAll(t: TestApp, n: number, seq0: number, mobile0: string): Promise<Member[]> {
  const out: Member[] = [];
  for (let i = 0; i < n; i++) {
    const m = await registerMember(
      t,
      `${mobile0}${String(i).padStart(2, "0")}`,
      residentId("1985-02-02", seq0 + i),
    );
    const r = await must(
      post(t, "/participations", m.auth, {
        memberId: m.memberId,
        planId: PLAN,
        answers: { major_illness: false, hospitalised: false },
        answersVersion: "V2",
      }),
    );
    out.push({
      ...m,
      participationId: JSON.parse(r.body).participationId as number,
      pseudonym: pseudonymOf(t.deps.secrets, m.memberId),
    });
  }
  return out;
}

const PDF = Buffer.from("%PDF-1.4\n% 诊断证明\n1 0 obj <<>> endobj\n%%EOF\n");

/** A claim reported, documented, submitted, assigned and approved by the reviewer; its id. */
export const approvedClaim = (s: TamperState, m: Member, diagnosedOn: string) =>
  decidedClaim(s, m, diagnosedOn, true);

/** The same, the reviewer finding the diagnosis not proven: rejected. */
export const rejectedClaim = (s: TamperState, m: Member, diagnosedOn: string) =>
  decidedClaim(s, m, diagnosedOn, false);

async function decidedClaim(s: TamperState, m: Member, diagnosedOn: string, proven: boolean) {
  const { t } = s;
  const r = await must(
    post(t, "/claims", m.auth, { participationId: m.participationId, event: "major", diagnosedOn }),
  );
  const id = JSON.parse(r.body).claimId as number;
  await must(
    post(t, `/claims/${id}/documents?kind=diagnosis`, { ...m.auth, "content-type": "application/pdf" }, PDF),
  );
  await must(post(t, `/claims/${id}/submit`, m.auth));
  await must(post(t, `/claims/${id}/assignment`, s.operator, { reviewerId: s.reviewerId }));
  await must(
    post(t, `/claims/${id}/decision`, s.reviewer, { diagnosisProven: proven, preExisting: false, note: "" }),
  );
  return id;
}

/** The claims' publicity ends and their cases are shared, then the cycle of `day` runs both steps. */
async function shareAndPay(s: TamperState, shareDay: string, announceDay: string, collectDay: string) {
  const { t } = s;
  await setNow(t, at(shareDay));
  await must(post(t, "/admin/claims/advance", s.operator));
  await setNow(t, at(announceDay));
  await runDueOn(t, PLAN, announceDay, announceDay);
  await setNow(t, at(collectDay));
  await runDueOn(t, PLAN, collectDay, announceDay);
  await must(post(t, "/admin/claims/advance", s.operator));
}

export async function buildTamperState(): Promise<TamperState> {
  const t = await testApp({ nowMs: at("2020-03-01") });
  const operator = await staffToken(t, ["operator"]);
  const reviewer = await staffToken(t, ["reviewer"]);
  const ids = await t.db.pool.query("SELECT staff_id FROM staff ORDER BY staff_id");
  const s: TamperState = {
    t,
    members: [],
    operator,
    reviewer,
    reviewerId: ids.rows[1].staff_id,
    claimIds: [],
    rejectedClaimId: 0,
  };
  s.members = await joinAll(t, MEMBERS, 501, "137000000");
  await setNow(t, at("2020-06-02"));
  s.claimIds.push(await approvedClaim(s, s.members[0]!, "2020-06-01"));
  // publicity: 15 days from 06-02, so the case is shared on 06-17 and paid by the cycle of 06-21
  await shareAndPay(s, "2020-06-18", "2020-06-21", "2020-06-28");
  await setNow(t, at("2020-06-20"));
  s.claimIds.push(await approvedClaim(s, s.members[1]!, "2020-06-15"));
  await shareAndPay(s, "2020-07-06", "2020-07-07", "2020-07-14");
  s.rejectedClaimId = await rejectedClaim(s, s.members[2]!, "2020-07-10");
  await sequenceLog(t.db.pool, t.deps.logKeys, t.clock);
  return s;
}

/** `huzhu audit`'s findings on the state as it now stands. */
export const privateAudit = (t: TestApp) => auditChecks(t.db.pool, t.deps.logKeys.publicKey);
/** The export anyone may download, as it now stands. */
export const exportOf = (t: TestApp) => publicExport(t.db.pool, t.deps.logKeys.publicKeyPem);
