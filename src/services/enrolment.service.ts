import { type ServiceDeps, todayOf } from "../deps.ts";
import { addDays, ageOn, type CivilDate } from "../domain/calendar.ts";
import { accounts, transfer } from "../domain/ledger.ts";
import { fen } from "../domain/money.ts";
import { transferDueOn } from "../domain/plan/closure.ts";
import { ruleVersionOn } from "../domain/plan/document.ts";
import { checkEligibility } from "../domain/plan/eligibility.ts";
import { coveredFrom, waitingDaysFor } from "../domain/plan/waiting.ts";
import { fail } from "../errors.ts";
import type { Principal } from "../http/policy.ts";
import { type Queryable, type Tx, withTransaction } from "../store/db.ts";
import { balanceOf, postTransaction } from "../store/ledger.repository.ts";
import { appendLogEntry } from "../store/log.repository.ts";
import { memberFor } from "./members.service.ts";
import { loadStoredPlan } from "./plans.service.ts";

export type ParticipationView = {
  participationId: number;
  memberId: number;
  planId: string;
  tier: string;
  joinedOn: CivilDate;
  ruleVersion: CivilDate;
  status: "active" | "suspended" | "ended";
  suspendedOn: CivilDate | null;
  endedOn: CivilDate | null;
  endReason: string | null;
  coveredFrom: CivilDate;
  waiting: Array<{ event: string; days: number; coveredFrom: CivilDate }>;
  shareMode: "auto" | "confirm" | "auto_limit";
  shareLimitFen: number | null;
};

type Row = {
  participation_id: number;
  member_id: number;
  plan_id: string;
  tier: string;
  joined_on: CivilDate;
  rule_version: CivilDate;
  status: "active" | "suspended" | "ended";
  suspended_on: CivilDate | null;
  ended_on: CivilDate | null;
  end_reason: string | null;
  covered_from: CivilDate;
  share_mode: "auto" | "confirm" | "auto_limit";
  share_limit_fen: number | null;
  birth_date: CivilDate;
};

const SELECT = `SELECT p.participation_id, p.member_id, p.plan_id, p.tier, p.joined_on, p.rule_version, p.status, p.suspended_on,
  p.ended_on, p.end_reason, p.covered_from, p.share_mode, p.share_limit_fen, m.birth_date
  FROM participations p JOIN members m USING (member_id)`;

export { todayOf } from "../deps.ts";

async function view(q: Queryable, r: Row): Promise<ParticipationView> {
  const plan = await loadStoredPlan(q, r.plan_id);
  const rules = (ruleVersionOn(plan, r.joined_on) ?? plan.versions[0]!).rules;
  const age = ageOn(r.birth_date, r.joined_on);
  return {
    participationId: r.participation_id,
    memberId: r.member_id,
    planId: r.plan_id,
    tier: r.tier,
    joinedOn: r.joined_on,
    ruleVersion: r.rule_version,
    status: r.status,
    suspendedOn: r.suspended_on,
    endedOn: r.ended_on,
    endReason: r.end_reason,
    coveredFrom: r.covered_from,
    waiting: rules.eventClasses.map((e) => {
      const days = waitingDaysFor(rules, age, e.id);
      return { event: e.id, days, coveredFrom: coveredFrom(r.joined_on, days) };
    }),
    shareMode: r.share_mode,
    shareLimitFen: r.share_limit_fen,
  };
}

async function event(
  tx: Queryable,
  participationId: number,
  memberId: number,
  kind: string,
  on: CivilDate,
  at: number,
  reason?: string,
) {
  await tx.query(
    "INSERT INTO participation_events (participation_id, member_id, kind, on_date, reason, at) VALUES ($1, $2, $3, $4, $5, $6)",
    [participationId, memberId, kind, on, reason ?? null, new Date(at)],
  );
}

export type JoinInput = {
  memberId: number;
  planId: string;
  tier?: string | undefined;
  answers?: Record<string, boolean> | undefined;
  answersVersion?: string | undefined;
  invitationCode?: string | undefined;
  occupation?: string | undefined;
};

/**
 * Joins a plan under the rule version in force today: age limits, health declaration (answers kept
 * with their question version), tier, invitation code, and for prepaid plans the initial deposit.
 * The waiting period restarts on every join.
 */
export async function join(
  deps: ServiceDeps,
  principal: Principal,
  input: JoinInput,
): Promise<ParticipationView> {
  const member = await memberFor(deps.pool, principal, input.memberId, false);
  const plan = await loadStoredPlan(deps.pool, input.planId);
  if (plan.status !== "active") fail("plan_not_open", `the plan is ${plan.status}`, "planId");
  const today = todayOf(deps);
  const version = ruleVersionOn(plan, today);
  if (!version) return fail("plan_not_open", "the plan has no rules in force today", "planId");
  const rules = version.rules;
  const eligible = checkEligibility(rules, {
    birthDate: member.birthDate,
    sex: member.sex,
    joinDate: today,
    tier: input.tier,
    answers: input.answers,
    answersVersion: input.answersVersion,
    invitationCode: input.invitationCode,
    occupation: input.occupation,
  });
  if (!eligible.ok) return fail(eligible.error.code, eligible.error.message, eligible.error.field);
  return withTransaction(deps.pool, async (tx) => {
    if (rules.eligibility.invitationRequired) {
      const code = await tx.query("SELECT 1 FROM invitation_codes WHERE plan_id = $1 AND code = $2", [
        plan.id,
        input.invitationCode,
      ]);
      if (code.rows.length === 0)
        fail("invitation_required", "the invitation code is not valid for this plan", "invitationCode");
    }
    if (rules.funding.mode === "prepaid") {
      const balance = await balanceOf(tx, accounts.memberBalance(member.memberId));
      // The balance is a liability: credits are negative in the ledger, so what the member holds is −balance.
      if (-balance < rules.funding.initialDeposit) {
        fail(
          "insufficient_balance",
          `this plan needs a first deposit of ${rules.funding.initialDeposit / 100} yuan; top up first`,
          "planId",
        );
      }
    }
    const earliest = Math.min(
      ...rules.eventClasses.map((e) => waitingDaysFor(rules, eligible.value.ageAtJoining, e.id)),
    );
    const { rows } = await tx.query<{ participation_id: number }>(
      `INSERT INTO participations (member_id, plan_id, tier, joined_on, covered_from, rule_version, status, declaration, declaration_version, invitation_code)
       VALUES ($1, $2, $3, $4, $5, $6, 'active', $7, $8, $9)
       ON CONFLICT (member_id, plan_id) WHERE status <> 'ended' DO NOTHING RETURNING participation_id`,
      [
        member.memberId,
        plan.id,
        eligible.value.tier,
        today,
        coveredFrom(today, earliest),
        version.effective,
        JSON.stringify(input.answers ?? {}),
        rules.eligibility.healthDeclaration?.version ?? null,
        input.invitationCode ?? null,
      ],
    );
    if (!rows[0]) return fail("already_joined", "already a participant of this plan", "planId");
    await event(tx, rows[0].participation_id, member.memberId, "joined", today, deps.clock.now());
    await appendLogEntry(tx, "join", {
      member: member.pseudonym,
      plan: plan.id,
      participation: rows[0].participation_id,
      tier: eligible.value.tier,
      joinedOn: today,
      coveredFrom: coveredFrom(today, earliest),
      ruleVersion: version.effective,
    });
    return getParticipation(tx, rows[0].participation_id);
  });
}

export async function getParticipation(q: Queryable, participationId: number): Promise<ParticipationView> {
  const { rows } = await q.query<Row>(`${SELECT} WHERE p.participation_id = $1`, [participationId]);
  if (!rows[0]) return fail("not_found", `no participation ${participationId}`);
  return view(q, rows[0]);
}

/** The participation, if the principal may act for its member (else 404). */
export async function participationFor(
  deps: ServiceDeps,
  principal: Principal,
  participationId: number,
  staffMayRead: boolean,
) {
  const p = await getParticipation(deps.pool, participationId).catch(() => undefined);
  if (!p) return fail("not_found", `no participation ${participationId}`);
  await memberFor(deps.pool, principal, p.memberId, staffMayRead).catch(() =>
    fail("not_found", `no participation ${participationId}`),
  );
  return p;
}

export async function listParticipations(
  q: Queryable,
  memberIds: readonly number[],
): Promise<ParticipationView[]> {
  const { rows } = await q.query<Row>(`${SELECT} WHERE p.member_id = ANY($1) ORDER BY p.participation_id`, [
    memberIds,
  ]);
  return Promise.all(rows.map((r) => view(q, r)));
}

export async function setShareMode(
  deps: ServiceDeps,
  principal: Principal,
  participationId: number,
  mode: "auto" | "confirm" | "auto_limit",
  limitFen: number | null,
): Promise<ParticipationView> {
  await participationFor(deps, principal, participationId, false);
  if (mode === "auto_limit" && (limitFen === null || limitFen < 0))
    fail("validation", "a limit in fen is required for auto_limit", "shareLimitFen");
  await deps.pool.query(
    "UPDATE participations SET share_mode = $2, share_limit_fen = $3 WHERE participation_id = $1",
    [participationId, mode, mode === "auto_limit" ? limitFen : null],
  );
  return getParticipation(deps.pool, participationId);
}

/** Ends a participation in the caller's transaction, recording the event. */
export async function endParticipation(
  deps: ServiceDeps,
  tx: Tx,
  participationId: number,
  reason: string,
  on: CivilDate,
): Promise<void> {
  const { rows } = await tx.query<{ member_id: number; plan_id: string; pseudonym: string }>(
    `UPDATE participations p SET status = 'ended', ended_on = $2, end_reason = $3 FROM members m
     WHERE p.participation_id = $1 AND p.status <> 'ended' AND m.member_id = p.member_id RETURNING p.member_id, p.plan_id, m.pseudonym`,
    [participationId, on, reason],
  );
  if (rows[0]) {
    await event(tx, participationId, rows[0].member_id, "ended", on, deps.clock.now(), reason);
    await appendLogEntry(tx, "exit", {
      member: rows[0].pseudonym,
      plan: rows[0].plan_id,
      participation: participationId,
      on,
      reason,
    });
  }
}

/**
 * Exit at any time. What the member still owes (operator advances) is settled from the prepaid
 * balance; the rest is refunded when no other prepaid participation needs it.
 */
export async function exit(deps: ServiceDeps, principal: Principal, participationId: number) {
  const p = await participationFor(deps, principal, participationId, false);
  if (p.status === "ended") fail("participation_ended", "the participation has already ended");
  const today = todayOf(deps);
  return withTransaction(deps.pool, async (tx) => {
    await endParticipation(deps, tx, participationId, "exit", today);
    const owedFen = Math.max(0, await balanceOf(tx, accounts.memberAdvance(p.memberId)));
    const heldFen = Math.max(0, -(await balanceOf(tx, accounts.memberBalance(p.memberId))));
    const others = await tx.query("SELECT 1 FROM participations WHERE member_id = $1 AND status <> 'ended'", [
      p.memberId,
    ]);
    const at = new Date(deps.clock.now());
    const settle = Math.min(owedFen, heldFen);
    if (settle > 0) {
      await postTransaction(tx, {
        key: `exit:${participationId}:settle-advance`,
        kind: "advance_recovered",
        at,
        postings: transfer(
          accounts.memberAdvance(p.memberId),
          accounts.memberBalance(p.memberId),
          fen(settle),
        ),
      });
    }
    let refundFen = 0;
    if (others.rows.length === 0 && heldFen - settle > 0) {
      refundFen = heldFen - settle;
      await postTransaction(tx, {
        key: `exit:${participationId}:refund`,
        kind: "refund",
        at,
        postings: transfer(accounts.custodianBank(), accounts.memberBalance(p.memberId), fen(refundFen)),
      });
      const who = await tx.query<{ pseudonym: string }>(
        "SELECT pseudonym FROM members WHERE member_id = $1",
        [p.memberId],
      );
      await appendLogEntry(tx, "refund", {
        member: who.rows[0]!.pseudonym,
        participation: participationId,
        amountFen: refundFen,
        on: today,
      });
      await tx.query(
        `INSERT INTO payment_requests (idem_key, kind, member_id, amount_fen, status, created_at) VALUES ($1, 'refund', $2, $3, 'pending', $4)
         ON CONFLICT (idem_key) DO NOTHING`,
        [`refund:${participationId}`, p.memberId, refundFen, at],
      );
    }
    return {
      participation: await getParticipation(tx, participationId),
      refundFen,
      stillOwedFen: owedFen - settle,
    };
  });
}

/**
 * The prepaid balance rules, set-based for a plan on a date: a balance under the floor suspends
 * protection; past the grace period the participation ends (lapse); a balance back at the floor resumes.
 */
export async function applyBalanceRules(deps: ServiceDeps, planId: string, on: CivilDate) {
  return withTransaction(deps.pool, (tx) => applyBalanceRulesIn(deps, tx, planId, on));
}

/** The balance rules in the caller's transaction (a cycle's settlement applies them with its ledger). */
export async function applyBalanceRulesIn(deps: ServiceDeps, tx: Tx, planId: string, on: CivilDate) {
  const plan = await loadStoredPlan(tx, planId);
  const rules = ruleVersionOn(plan, on)?.rules;
  if (rules?.funding.mode !== "prepaid") return { suspended: 0, resumed: 0, lapsed: 0 };
  const f = rules.funding;
  {
    const at = new Date(deps.clock.now());
    // What a member holds is the negative of the liability account's balance.
    const held =
      "-coalesce((SELECT b.balance_fen FROM account_balances b WHERE b.account_id = 'member:' || p.member_id || ':balance'), 0)";
    const suspended = await tx.query(
      `WITH s AS (UPDATE participations p SET status = 'suspended', suspended_on = $2
         WHERE p.plan_id = $1 AND p.status = 'active' AND ${held} < $3 RETURNING p.participation_id, p.member_id),
       logged AS (INSERT INTO log_outbox (kind, entry)
         SELECT 'suspension', jsonb_build_object('member', m.pseudonym, 'plan', $1::text, 'participation', s.participation_id, 'on', $2::date::text, 'reason', 'balance_below_floor')
         FROM s JOIN members m USING (member_id))
       INSERT INTO participation_events (participation_id, member_id, kind, on_date, reason, at)
       SELECT participation_id, member_id, 'suspended', $2, 'balance_below_floor', $4 FROM s`,
      [planId, on, f.floor, at],
    );
    const resumed = await tx.query(
      `WITH r AS (UPDATE participations p SET status = 'active', suspended_on = NULL
         WHERE p.plan_id = $1 AND p.status = 'suspended' AND p.suspended_on + $5::int >= $2 AND ${held} >= $3
         RETURNING p.participation_id, p.member_id),
       logged AS (INSERT INTO log_outbox (kind, entry)
         SELECT 'resumption', jsonb_build_object('member', m.pseudonym, 'plan', $1::text, 'participation', r.participation_id, 'on', $2::date::text)
         FROM r JOIN members m USING (member_id))
       INSERT INTO participation_events (participation_id, member_id, kind, on_date, reason, at)
       SELECT participation_id, member_id, 'resumed', $2, 'topped_up', $4 FROM r`,
      [planId, on, f.floor, at, f.graceDays],
    );
    let lapsed = 0;
    if (f.exitOnLapse) {
      const r = await tx.query(
        `WITH l AS (UPDATE participations SET status = 'ended', ended_on = $2, end_reason = 'lapsed'
           WHERE plan_id = $1 AND status = 'suspended' AND suspended_on + $3::int < $2 RETURNING participation_id, member_id),
         logged AS (INSERT INTO log_outbox (kind, entry)
           SELECT 'lapse', jsonb_build_object('member', m.pseudonym, 'plan', $1::text, 'participation', l.participation_id, 'on', $2::date::text)
           FROM l JOIN members m USING (member_id))
         INSERT INTO participation_events (participation_id, member_id, kind, on_date, reason, at)
         SELECT participation_id, member_id, 'ended', $2, 'lapsed', $4 FROM l`,
        [planId, on, f.graceDays, at],
      );
      lapsed = r.rowCount ?? 0;
    }
    return { suspended: suspended.rowCount ?? 0, resumed: resumed.rowCount ?? 0, lapsed };
  }
}

/** Moves members to another plan at an age (抗癌公社: at 65 into the parents' plan), without a new waiting period. */
export async function transferDueParticipations(
  deps: ServiceDeps,
  planId: string,
  on: CivilDate,
): Promise<number> {
  const plan = await loadStoredPlan(deps.pool, planId);
  const rules = ruleVersionOn(plan, on)?.rules;
  if (!rules?.transferAtAge) return 0;
  const t = rules.transferAtAge;
  return withTransaction(deps.pool, async (tx) => {
    const { rows } = await tx.query<{
      participation_id: number;
      member_id: number;
      birth_date: CivilDate;
      tier: string;
    }>(
      `SELECT p.participation_id, p.member_id, m.birth_date, p.tier FROM participations p JOIN members m USING (member_id)
       WHERE p.plan_id = $1 AND p.status <> 'ended' AND m.birth_date <= ($2::date - make_interval(years => $3))`,
      [planId, on, t.age],
    );
    const target = await loadStoredPlan(tx, t.toPlan);
    const targetVersion = ruleVersionOn(target, on);
    if (!targetVersion) return 0;
    let moved = 0;
    for (const r of rows) {
      const due = transferDueOn(rules, r.birth_date);
      if (!due || due.on > on) continue;
      await endParticipation(
        deps,
        tx,
        r.participation_id,
        `transferred:${t.toPlan}`,
        addDays(due.on, -1) < on ? on : due.on,
      );
      const ins = await tx.query<{ participation_id: number }>(
        `INSERT INTO participations (member_id, plan_id, tier, joined_on, covered_from, rule_version, status)
         VALUES ($1, $2, $3, $4, $4, $5, 'active') ON CONFLICT (member_id, plan_id) WHERE status <> 'ended' DO NOTHING RETURNING participation_id`,
        [r.member_id, t.toPlan, targetVersion.rules.tiers[0]!.id, on, targetVersion.effective],
      );
      if (ins.rows[0])
        await event(
          tx,
          ins.rows[0].participation_id,
          r.member_id,
          "transferred_in",
          on,
          deps.clock.now(),
          planId,
        );
      moved++;
    }
    return moved;
  });
}
