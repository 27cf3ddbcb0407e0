import { createHash } from "node:crypto";
import { startWindDownIn } from "../cycles/wind-down.ts";
import { addDays, type CivilDate, civilDate } from "../domain/calendar.ts";
import { BallotCounter, type LoggedBallot, readBallot } from "../domain/governance/ballots.ts";
import { Charter, type CharterInput, charterOn, defaultCharter } from "../domain/governance/charter.ts";
import {
  checkAdoption,
  nextProposalState,
  type ProposalState,
  planPublication,
  tallyVote,
} from "../domain/governance/proposal.ts";
import { classifyChange, diffRules, formatDiff } from "../domain/governance/rules-diff.ts";
import { type MembershipStanding, membershipStanding, membershipThresholds } from "../domain/plan/closure.ts";
import { issuesToProblems, mergeRules, ruleVersionOn } from "../domain/plan/document.ts";
import { Rules } from "../domain/plan/schema.ts";
import { fail, ProblemError } from "../errors.ts";
import type { Principal } from "../http/policy.ts";
import { copyOutLines, type Db, type Queryable, type Tx, withTransaction } from "../store/db.ts";
import { appendLogEntry } from "../store/log.repository.ts";
import type { ServiceDeps } from "./deps.ts";
import { todayOf } from "./enrolment.service.ts";
import { broadcast } from "./notifications.service.ts";
import { loadStoredPlan, stableJson } from "./plans.service.ts";

// ---------------------------------------------------------------------------------------------------
// The charter

/** Every charter version of a plan; a plan without one has the default from its first rule version. */
export async function chartersOf(q: Queryable, planId: string): Promise<Charter[]> {
  const { rows } = await q.query<{ charter: unknown }>(
    "SELECT charter FROM plan_charters WHERE plan_id = $1 ORDER BY effective",
    [planId],
  );
  if (rows.length) return rows.map((r) => Charter.parse(r.charter));
  const plan = await loadStoredPlan(q, planId);
  return [defaultCharter(plan.versions[0]!.effective)];
}

export async function charterInForce(q: Queryable, planId: string, on: CivilDate): Promise<Charter> {
  return (
    charterOn(await chartersOf(q, planId), on) ?? fail("conflict", `plan ${planId} has no charter on ${on}`)
  );
}

/**
 * A new charter version. Once a plan is active its charter is the members' own: the operator can set it
 * only while the plan is a draft or in consultation.
 */
export async function setCharter(
  deps: ServiceDeps,
  principal: Principal,
  planId: string,
  input: CharterInput,
) {
  const parsed = Charter.safeParse(input);
  if (!parsed.success) {
    const problems = issuesToProblems(parsed.error.issues);
    throw new ProblemError({
      code: "validation",
      message: `${problems[0]!.field}: ${problems[0]!.message}`,
      field: problems[0]!.field,
      errors: problems.map((p) => ({ field: p.field ?? "charter", message: p.message })),
    });
  }
  const plan = await loadStoredPlan(deps.pool, planId);
  if (plan.status !== "draft" && plan.status !== "consultation")
    fail("conflict", `the charter of a plan that is ${plan.status} changes only by the members' proposal`);
  await withTransaction(deps.pool, async (tx) => {
    await tx.query("INSERT INTO plan_charters (plan_id, effective, charter) VALUES ($1, $2, $3)", [
      planId,
      parsed.data.effective,
      JSON.stringify(parsed.data),
    ]);
    await appendLogEntry(tx, "plan_status", {
      plan: planId,
      charter: parsed.data.effective,
      charterSha256: createHash("sha256").update(stableJson(parsed.data)).digest("hex"),
      by: `staff:${principal.id}`,
    });
  });
  return chartersOf(deps.pool, planId);
}

// ---------------------------------------------------------------------------------------------------
// Proposals

type ProposalRow = {
  proposal_id: number;
  plan_id: string;
  kind: "change" | "dissolution";
  title: string;
  body: string;
  changes: Record<string, unknown> | null;
  diff: string[];
  change_class: "ordinary" | "benefitReduction" | "feeIncrease" | "dissolution";
  class_reasons: string[];
  proposer: string;
  state: ProposalState;
  charter_effective: string | null;
  published_on: string | null;
  effective_on: string | null;
  notice_ends_on: string | null;
  vote_required: boolean;
  voting_closes_on: string | null;
  vote_rule: { vote: boolean; thresholdPercent: number; comparison: "moreThan" | "atLeast" } | null;
  quorum_percent: string | null;
  eligible_count: number | null;
  tally: Record<string, unknown> | null;
  adopted_version: string | null;
};

const COLUMNS = `proposal_id, plan_id, kind, title, body, changes, diff, change_class, class_reasons, proposer, state,
  charter_effective::text, published_on::text, effective_on::text, notice_ends_on::text, vote_required,
  voting_closes_on::text, vote_rule, quorum_percent, eligible_count, tally, adopted_version::text`;

async function lockProposal(tx: Tx, id: number): Promise<ProposalRow> {
  const { rows } = await tx.query<ProposalRow>(
    `SELECT ${COLUMNS} FROM proposals WHERE proposal_id = $1 FOR UPDATE`,
    [id],
  );
  return rows[0] ?? fail("not_found", `no proposal ${id}`);
}

async function pseudonymOf(q: Queryable, memberId: number): Promise<string> {
  const { rows } = await q.query<{ pseudonym: string }>(
    "SELECT pseudonym FROM members WHERE member_id = $1",
    [memberId],
  );
  return rows[0]!.pseudonym;
}

const actorName = async (q: Queryable, p: Principal) =>
  p.kind === "member" ? `member:${await pseudonymOf(q, p.id)}` : `staff:${p.id}`;

async function move(
  deps: ServiceDeps,
  tx: Tx,
  p: ProposalRow,
  action: string,
  actor: string,
  reason: string,
  set: Record<string, unknown> = {},
): Promise<void> {
  const to = nextProposalState(p.state, action);
  if (!to.ok) fail(to.error.code, to.error.message);
  const cols = Object.keys(set);
  await tx.query(
    `UPDATE proposals SET state = $2${cols.map((k, i) => `, ${k} = $${i + 3}`).join("")} WHERE proposal_id = $1`,
    [p.proposal_id, to.ok ? to.value : p.state, ...cols.map((k) => set[k])],
  );
  await tx.query(
    "INSERT INTO proposal_events (proposal_id, from_state, to_state, action, actor, reason, at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    [p.proposal_id, p.state, to.ok ? to.value : p.state, action, actor, reason, new Date(deps.clock.now())],
  );
  Object.assign(
    p,
    (await tx.query<ProposalRow>(`SELECT ${COLUMNS} FROM proposals WHERE proposal_id = $1`, [p.proposal_id]))
      .rows[0],
  );
}

/** The rules a patch would give, validated; the diff against the rules in force today and the change's class. */
async function assessChange(q: Queryable, planId: string, on: CivilDate, changes: Record<string, unknown>) {
  const plan = await loadStoredPlan(q, planId);
  const { rows } = await q.query<{ rules: unknown }>(
    "SELECT rules FROM rule_versions WHERE plan_id = $1 AND effective <= $2 ORDER BY effective DESC LIMIT 1",
    [planId, on],
  );
  const before = rows[0]?.rules ?? fail("conflict", `plan ${plan.id} has no rules in force on ${on}`);
  const after = mergeRules(before, changes);
  const valid = Rules.safeParse(after);
  if (!valid.success) {
    const problems = issuesToProblems(valid.error.issues, "changes");
    throw new ProblemError({
      code: "validation",
      message: `${problems[0]!.field}: ${problems[0]!.message}`,
      field: problems[0]!.field,
      errors: problems.map((p) => ({ field: p.field ?? "changes", message: p.message })),
    });
  }
  const diff = diffRules(before, after);
  if (diff.length === 0) fail("validation", "the change changes nothing", "changes");
  return { diff: formatDiff(diff), ...classifyChange(diff) };
}

export type ProposalInput = {
  planId: string;
  kind: "change" | "dissolution";
  title: string;
  text: string;
  changes?: Record<string, unknown> | undefined;
};

/** Any member (or the operator, as the charter allows) submits a suggestion, optionally a concrete change. */
export async function submitProposal(deps: ServiceDeps, principal: Principal, input: ProposalInput) {
  const today = todayOf(deps);
  const plan = await loadStoredPlan(deps.pool, input.planId);
  if (plan.status !== "active" && plan.status !== "consultation")
    fail("conflict", `plan ${plan.id} is ${plan.status}: it takes no proposals`);
  const charter = await charterInForce(deps.pool, input.planId, today);
  if (principal.kind === "member") {
    if (charter.proposers === "operatorOnly")
      fail("forbidden", "this plan's charter lets only the operator propose");
    const member = await deps.pool.query(
      "SELECT 1 FROM participations WHERE member_id = $1 AND plan_id = $2 AND status <> 'ended'",
      [principal.id, input.planId],
    );
    if (!member.rowCount) fail("forbidden", "only members of the plan propose changes to it");
  }
  if (input.kind === "change" && !input.changes && input.text.length === 0)
    fail("validation", "a proposal needs a text or a change", "text");
  const assessed =
    input.kind === "dissolution"
      ? { diff: [], changeClass: "dissolution" as const, reasons: ["the plan would close"] }
      : input.changes
        ? await assessChange(deps.pool, input.planId, today, input.changes)
        : { diff: [], changeClass: "ordinary" as const, reasons: [] };
  return withTransaction(deps.pool, async (tx) => {
    const ins = await tx.query<{ proposal_id: number }>(
      `INSERT INTO proposals (plan_id, kind, title, body, changes, diff, change_class, class_reasons, proposer, state, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'submitted', $10) RETURNING proposal_id`,
      [
        input.planId,
        input.kind,
        input.title,
        input.text,
        input.changes ? JSON.stringify(input.changes) : null,
        JSON.stringify(assessed.diff),
        assessed.changeClass,
        JSON.stringify(assessed.reasons),
        await actorName(tx, principal),
        new Date(deps.clock.now()),
      ],
    );
    const id = ins.rows[0]!.proposal_id;
    await tx.query(
      "INSERT INTO proposal_events (proposal_id, from_state, to_state, action, actor, reason, at) VALUES ($1, NULL, 'submitted', 'submit', $2, $3, $4)",
      [id, await actorName(tx, principal), input.title, new Date(deps.clock.now())],
    );
    return proposalView(tx, id);
  });
}

/** The operator's or an expert's evaluation, with its reasons (recorded, shown to everyone). */
export async function evaluateProposal(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
  e: { role: "operator" | "expert"; expertName?: string | undefined; recommend: boolean; opinion: string },
) {
  return withTransaction(deps.pool, async (tx) => {
    const p = await lockProposal(tx, id);
    await move(
      deps,
      tx,
      p,
      "evaluate",
      `staff:${principal.id}`,
      `${e.role} ${e.recommend ? "recommends" : "advises against"}`,
    );
    await tx.query(
      "INSERT INTO proposal_evaluations (proposal_id, staff_id, role, expert_name, recommend, opinion, at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
      [id, principal.id, e.role, e.expertName ?? null, e.recommend, e.opinion, new Date(deps.clock.now())],
    );
    return proposalView(tx, id);
  });
}

/** The operator accepts the proposal for publication or declines it, with reasons. */
export async function decideProposal(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
  d: { accept: boolean; reasons: string },
) {
  return withTransaction(deps.pool, async (tx) => {
    const p = await lockProposal(tx, id);
    const evals = await tx.query("SELECT 1 FROM proposal_evaluations WHERE proposal_id = $1", [id]);
    if (d.accept && !evals.rowCount) fail("conflict", "evaluate the proposal before accepting it");
    await move(deps, tx, p, d.accept ? "accept" : "decline", `staff:${principal.id}`, d.reasons);
    return proposalView(tx, id);
  });
}

/** Eligible voters: adult members with a participation in the plan that has not ended, joined by `on`. */
const ELIGIBLE = `FROM participations p JOIN members m USING (member_id)
  WHERE p.plan_id = $1 AND p.status <> 'ended' AND p.joined_on <= $2 AND m.kind = 'member'
    AND m.birth_date <= ($2::date - interval '18 years')`;

/**
 * Publication to every member: the notice runs from today, the effective date is checked against the
 * charter in force, and where the change's class needs a vote the vote opens now.
 */
export async function publishProposal(
  deps: ServiceDeps,
  principal: Principal,
  id: number,
  effectiveOn: CivilDate,
) {
  const today = todayOf(deps);
  return withTransaction(deps.pool, async (tx) => {
    const p = await lockProposal(tx, id);
    const charter = await charterInForce(tx, p.plan_id, today);
    const pub = planPublication(charter, p.change_class, today, effectiveOn);
    if (!pub.ok) return fail(pub.error.code, pub.error.message, pub.error.field);
    if (p.kind === "change" && !p.changes)
      fail("conflict", "only a concrete change can be published for adoption");
    const rule = charter.votes[p.change_class];
    const eligible = pub.value.voteRequired
      ? (await tx.query<{ n: number }>(`SELECT count(*)::int AS n ${ELIGIBLE}`, [p.plan_id, today])).rows[0]!
          .n
      : null;
    await move(
      deps,
      tx,
      p,
      "publish",
      `staff:${principal.id}`,
      `published with notice to ${pub.value.noticeEndsOn}`,
      {
        charter_effective: charter.effective,
        published_on: today,
        effective_on: effectiveOn,
        notice_ends_on: pub.value.noticeEndsOn,
        vote_required: pub.value.voteRequired,
        voting_closes_on: pub.value.votingClosesOn,
        vote_rule: JSON.stringify(rule),
        quorum_percent: charter.quorumPercent,
        eligible_count: eligible,
      },
    );
    await appendLogEntry(tx, "proposal", {
      stage: "published",
      proposal: id,
      plan: p.plan_id,
      changeClass: p.change_class,
      changesSha256: createHash("sha256")
        .update(stableJson(p.changes ?? null))
        .digest("hex"),
      publishedOn: today,
      effectiveOn,
      voteRequired: pub.value.voteRequired,
      votingClosesOn: pub.value.votingClosesOn,
      eligible,
    });
    await broadcast(
      deps,
      tx,
      p.plan_id,
      pub.value.voteRequired ? "vote" : "proposal",
      `规则变更公示：${p.title}`,
      `${p.diff.join("\n")}\n生效日期 ${effectiveOn}` +
        (pub.value.voteRequired ? `；请在 ${pub.value.votingClosesOn} 前投票` : "；公示期内欢迎留言"),
    );
    return proposalView(tx, id);
  });
}

/** A member's comment during the notice period, shown under their pseudonym. */
export async function commentOnProposal(deps: ServiceDeps, principal: Principal, id: number, text: string) {
  if (principal.kind !== "member") fail("forbidden", "comments come from members");
  const today = todayOf(deps);
  return withTransaction(deps.pool, async (tx) => {
    const p = await lockProposal(tx, id);
    if (p.state !== "published" && p.state !== "passed")
      fail("proposal_wrong_state", `a proposal that is ${p.state} takes no comments`);
    if (today >= p.notice_ends_on!)
      fail("voting_closed", `comments closed when the notice ended on ${p.notice_ends_on}`);
    const pseudonym = await pseudonymOf(tx, principal.id);
    await tx.query(
      "INSERT INTO proposal_comments (proposal_id, member_id, pseudonym, text, at) VALUES ($1, $2, $3, $4, $5)",
      [id, principal.id, pseudonym, text, new Date(deps.clock.now())],
    );
    return { proposalId: id, member: pseudonym, text };
  });
}

/**
 * A member's ballot: one counted vote per eligible adult member, changeable until the window closes
 * (the last ballot counts). Every ballot goes to the transparency log under the member's pseudonym with
 * its sequence number, so anyone recomputes the tally from the log.
 */
export async function castBallot(deps: ServiceDeps, principal: Principal, id: number, inFavour: boolean) {
  if (principal.kind !== "member") fail("not_eligible", "members vote");
  const today = todayOf(deps);
  return withTransaction(deps.pool, async (tx) => {
    const p = await lockProposal(tx, id);
    if (p.state !== "published" || !p.vote_required)
      fail("proposal_wrong_state", "this proposal is not open for a vote");
    if (today >= p.voting_closes_on!)
      fail("voting_closed", `the vote closed on ${p.voting_closes_on} (the last day was the day before)`);
    const eligible = await tx.query(`SELECT 1 ${ELIGIBLE} AND m.member_id = $3`, [
      p.plan_id,
      p.published_on,
      principal.id,
    ]);
    if (!eligible.rowCount)
      fail("not_eligible", "only adult members of the plan who joined by the publication may vote");
    const seq = (
      await tx.query<{ n: number }>(
        "SELECT coalesce(max(seq), 0)::int + 1 AS n FROM ballots WHERE proposal_id = $1 AND member_id = $2",
        [id, principal.id],
      )
    ).rows[0]!.n;
    await tx.query(
      "INSERT INTO ballots (proposal_id, member_id, seq, in_favour, at) VALUES ($1, $2, $3, $4, $5)",
      [id, principal.id, seq, inFavour, new Date(deps.clock.now())],
    );
    const member = await pseudonymOf(tx, principal.id);
    const ballot: LoggedBallot = { proposal: id, member, inFavour, seq };
    await appendLogEntry(tx, "ballot", ballot);
    return { ...ballot, replacesEarlier: seq > 1 };
  });
}

/** The count from the database: each member's last ballot. */
export async function countFromDatabase(q: Queryable, id: number) {
  const { rows } = await q.query<{ y: number; n: number }>(
    `SELECT count(*) FILTER (WHERE in_favour)::int AS y, count(*) FILTER (WHERE NOT in_favour)::int AS n
     FROM (SELECT DISTINCT ON (member_id) in_favour FROM ballots WHERE proposal_id = $1 ORDER BY member_id, seq DESC) last`,
    [id],
  );
  return { inFavour: rows[0]!.y, against: rows[0]!.n };
}

/**
 * The count from this server's log table, streamed with COPY (a national vote has millions of
 * ballots). Ballot entries hold only hex, digits and booleans, so COPY's text escaping never applies.
 */
export async function countFromLog(pool: Db, id: number) {
  const counter = new BallotCounter(id);
  const client = await pool.connect();
  try {
    await copyOutLines(
      client,
      `SELECT canonical FROM log_entries WHERE kind = 'ballot' AND canonical LIKE ${client.escapeLiteral(`%"proposal":${id},%`)} ORDER BY idx`,
      (line) => {
        const b = readBallot(line);
        if (b) counter.add(b);
      },
    );
  } finally {
    client.release();
  }
  return counter.result();
}

/** After the window: the result by the charter's rule and quorum, published and logged. */
export async function tallyProposal(deps: ServiceDeps, actor: string, id: number) {
  const today = todayOf(deps);
  return withTransaction(deps.pool, async (tx) => {
    const p = await lockProposal(tx, id);
    if (p.state !== "published" || !p.vote_required)
      fail("proposal_wrong_state", "there is no vote to count");
    if (today < p.voting_closes_on!) fail("voting_open", `the vote is open until ${p.voting_closes_on}`);
    const votes = await countFromDatabase(tx, id);
    const t = tallyVote(votes, p.eligible_count!, p.vote_rule!, Number(p.quorum_percent));
    await move(deps, tx, p, t.passed ? "pass" : "fail", actor, t.explanation, { tally: JSON.stringify(t) });
    await appendLogEntry(tx, "proposal", {
      stage: "result",
      proposal: id,
      plan: p.plan_id,
      inFavour: t.inFavour,
      against: t.against,
      eligible: t.eligible,
      passed: t.passed,
    });
    await broadcast(deps, tx, p.plan_id, "vote", `投票结果：${p.title}`, t.explanation);
    return proposalView(tx, id);
  });
}

/**
 * Adoption: a new rule version effective on the published date (never before the notice ends, never
 * without the vote the charter requires — checked in the domain), or for a dissolution the wind-down.
 */
export async function adoptProposal(deps: ServiceDeps, principal: Principal, id: number) {
  await withTransaction(deps.pool, async (tx) => {
    const p = await lockProposal(tx, id);
    if (!["published", "passed"].includes(p.state))
      fail("proposal_wrong_state", `a proposal that is ${p.state} cannot be adopted`);
    const ok = checkAdoption({
      state: p.state,
      voteRequired: p.vote_required,
      noticeEndsOn: civilDate(p.notice_ends_on!),
      effectiveOn: civilDate(p.effective_on!),
    });
    if (!ok.ok) return fail(ok.error.code, ok.error.message);
    if (p.vote_required && today(deps) < p.voting_closes_on!) fail("voting_open", "the vote is still open");
    if (p.kind === "change") {
      const base = await tx.query<{ rules: unknown }>(
        "SELECT rules FROM rule_versions WHERE plan_id = $1 AND effective <= $2 ORDER BY effective DESC LIMIT 1",
        [p.plan_id, p.effective_on],
      );
      const rules = mergeRules(base.rows[0]!.rules, p.changes);
      const ins = await tx.query(
        "INSERT INTO rule_versions (plan_id, effective, rules, summary) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
        [p.plan_id, p.effective_on, JSON.stringify(rules), `proposal ${id}: ${p.title}`],
      );
      if (!ins.rowCount)
        fail("conflict", `plan ${p.plan_id} already has a rule version effective ${p.effective_on}`);
      await appendLogEntry(tx, "rule_version", {
        plan: p.plan_id,
        effective: p.effective_on,
        rulesSha256: createHash("sha256").update(stableJson(rules)).digest("hex"),
        proposal: id,
      });
    }
    await move(deps, tx, p, "adopt", `staff:${principal.id}`, `adopted, effective ${p.effective_on}`, {
      adopted_version: p.effective_on,
    });
    await broadcast(
      deps,
      tx,
      p.plan_id,
      "adopted_change",
      `规则变更通过：${p.title}`,
      `自 ${p.effective_on} 起生效`,
    );
    deps.checkpoint?.("adopt:adopted");
    // a dissolution's wind-down commits with its adoption: neither is ever left without the other
    if (p.kind === "dissolution")
      await startWindDownIn(
        deps,
        tx,
        p.plan_id,
        civilDate(p.effective_on!),
        `dissolution voted: proposal ${id}`,
      );
  });
  return proposalView(deps.pool, id);
}

const today = (deps: ServiceDeps) => todayOf(deps);

/** Withdraws a proposal before publication (its proposer or the operator). */
export async function withdrawProposal(deps: ServiceDeps, principal: Principal, id: number) {
  return withTransaction(deps.pool, async (tx) => {
    const p = await lockProposal(tx, id);
    const me = await actorName(tx, principal);
    if (principal.kind === "member" && p.proposer !== me) fail("not_found", `no proposal ${id}`);
    await move(deps, tx, p, "withdraw", me, "withdrawn");
    return proposalView(tx, id);
  });
}

export async function proposalView(q: Queryable, id: number) {
  const { rows } = await q.query<ProposalRow>(`SELECT ${COLUMNS} FROM proposals WHERE proposal_id = $1`, [
    id,
  ]);
  const p = rows[0] ?? fail("not_found", `no proposal ${id}`);
  const evaluations = await q.query(
    "SELECT role, expert_name, recommend, opinion, at FROM proposal_evaluations WHERE proposal_id = $1 ORDER BY evaluation_id",
    [id],
  );
  const events = await q.query(
    "SELECT from_state, to_state, action, actor, reason, at FROM proposal_events WHERE proposal_id = $1 ORDER BY event_id",
    [id],
  );
  const comments = await q.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM proposal_comments WHERE proposal_id = $1",
    [id],
  );
  return {
    proposalId: p.proposal_id,
    planId: p.plan_id,
    kind: p.kind,
    title: p.title,
    text: p.body,
    changes: p.changes,
    diff: p.diff,
    changeClass: p.change_class,
    classReasons: p.class_reasons,
    proposer: p.proposer,
    state: p.state,
    charter: p.charter_effective,
    publishedOn: p.published_on,
    effectiveOn: p.effective_on,
    noticeEndsOn: p.notice_ends_on,
    voteRequired: p.vote_required,
    votingClosesOn: p.voting_closes_on,
    voteRule: p.vote_rule,
    quorumPercent: p.quorum_percent === null ? null : Number(p.quorum_percent),
    eligible: p.eligible_count,
    tally: p.tally,
    adoptedVersion: p.adopted_version,
    comments: comments.rows[0]!.n,
    evaluations: evaluations.rows.map((e) => ({
      role: e.role,
      expertName: e.expert_name,
      recommend: e.recommend,
      opinion: e.opinion,
      at: (e.at as Date).toISOString(),
    })),
    events: events.rows.map((e) => ({
      from: e.from_state,
      to: e.to_state,
      action: e.action,
      actor: e.actor,
      reason: e.reason,
      at: (e.at as Date).toISOString(),
    })),
  };
}

export async function listProposals(
  q: Queryable,
  f: { planId?: string | undefined; after?: number; limit: number },
) {
  const { rows } = await q.query<{ proposal_id: number }>(
    "SELECT proposal_id FROM proposals WHERE proposal_id > $1 AND ($2::text IS NULL OR plan_id = $2) ORDER BY proposal_id LIMIT $3",
    [f.after ?? 0, f.planId ?? null, f.limit + 1],
  );
  const page = rows.slice(0, f.limit);
  return {
    items: await Promise.all(page.map((r) => proposalView(q, r.proposal_id))),
    nextCursor: rows.length > f.limit ? String(page[page.length - 1]!.proposal_id) : null,
  };
}

export async function listComments(q: Queryable, id: number) {
  const { rows } = await q.query(
    "SELECT comment_id, pseudonym, text, at FROM proposal_comments WHERE proposal_id = $1 ORDER BY comment_id",
    [id],
  );
  return {
    items: rows.map((r) => ({
      commentId: r.comment_id,
      member: r.pseudonym,
      text: r.text,
      at: (r.at as Date).toISOString(),
    })),
  };
}

// ---------------------------------------------------------------------------------------------------
// Plan lifecycle and the membership watch

const LIFECYCLE: Record<string, { from: string[]; to: string }> = {
  consult: { from: ["draft"], to: "consultation" },
  launch: { from: ["draft", "consultation"], to: "active" },
};

/** draft → consultation → active: launching publishes the terms (the rules' and the charter's digests). */
export async function changePlanStatus(
  deps: ServiceDeps,
  principal: Principal,
  planId: string,
  action: "consult" | "launch",
) {
  const plan = await loadStoredPlan(deps.pool, planId);
  const step = LIFECYCLE[action]!;
  if (!step.from.includes(plan.status))
    fail("conflict", `a plan that is ${plan.status} cannot ${action} (from ${step.from.join(" or ")})`);
  const on = todayOf(deps);
  const rules = ruleVersionOn(plan, on) ?? plan.versions[0]!;
  const charter = await charterInForce(deps.pool, planId, rules.effective > on ? rules.effective : on);
  await withTransaction(deps.pool, async (tx) => {
    await tx.query("UPDATE plans SET status = $2 WHERE plan_id = $1", [planId, step.to]);
    await appendLogEntry(tx, "plan_status", {
      plan: planId,
      status: step.to,
      on,
      rulesSha256: createHash("sha256").update(stableJson(rules.rules)).digest("hex"),
      charterSha256: createHash("sha256").update(stableJson(charter)).digest("hex"),
      by: `staff:${principal.id}`,
    });
    await broadcast(
      deps,
      tx,
      planId,
      "plan_status",
      `计划状态：${step.to}`,
      `${plan.name} 自 ${on} 起为 ${step.to}`,
    );
  });
  return { planId, status: step.to, on };
}

/**
 * The operator closes the plan where the charter does not reserve dissolution to the members: with the
 * plan's notice, handing over to the wind-down. Otherwise closure goes through a dissolution proposal.
 */
export async function closePlan(
  deps: ServiceDeps,
  principal: Principal,
  planId: string,
  closingOn: CivilDate,
  reason: string,
) {
  const on = todayOf(deps);
  const charter = await charterInForce(deps.pool, planId, on);
  if (charter.votes.dissolution.vote)
    fail(
      "vote_required",
      "this plan's charter reserves dissolution to the members' vote: submit a dissolution proposal",
    );
  const plan = await loadStoredPlan(deps.pool, planId);
  const rules = ruleVersionOn(plan, on)?.rules ?? fail("conflict", `no rules in force on ${on}`);
  const earliest = addDays(on, rules.closure.noticeDays);
  if (closingOn < earliest)
    fail(
      "notice_too_short",
      `closing needs ${rules.closure.noticeDays} days' notice: ${earliest} at the earliest`,
      "closingOn",
    );
  // the wind-down and the members' notice commit together
  await withTransaction(deps.pool, async (tx) => {
    await startWindDownIn(deps, tx, planId, closingOn, `${reason} (operator, staff:${principal.id})`);
    await broadcast(
      deps,
      tx,
      planId,
      "plan_status",
      "计划将关闭",
      `${plan.name} 将于 ${closingOn} 关闭：${reason}`,
    );
  });
  return { planId, status: "closing", closingOn };
}

export type Watch = {
  planId: string;
  members: number;
  minimum: number | null;
  warnAt: number | null;
  status: "ok" | "warning" | "below";
};

/** The words the watch stores and logs for the domain's standing (kept from before the domain had one). */
const WATCH_WORD = { healthy: "ok", warning: "warning", below_minimum: "below" } as const satisfies Record<
  MembershipStanding,
  Watch["status"]
>;

/** Membership against the minimum, with a warning band above it; a change of status is broadcast once. */
export async function watchMembership(deps: ServiceDeps, planId: string): Promise<Watch> {
  const plan = await loadStoredPlan(deps.pool, planId);
  const on = todayOf(deps);
  const rules = ruleVersionOn(plan, on)?.rules;
  const { rows } = await deps.pool.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM participations WHERE plan_id = $1 AND status = 'active'",
    [planId],
  );
  const members = rows[0]!.n;
  const t = rules ? membershipThresholds(rules) : undefined;
  const minimum = t?.minimum ?? null;
  const warnAt = t?.warnAt ?? null;
  const status = rules ? WATCH_WORD[membershipStanding(rules, members)] : "ok";
  await withTransaction(deps.pool, async (tx) => {
    const prev = await tx.query<{ status: string }>(
      "SELECT status FROM plan_watch WHERE plan_id = $1 FOR UPDATE",
      [planId],
    );
    if (prev.rows[0]?.status === status) return;
    await tx.query(
      `INSERT INTO plan_watch (plan_id, status, members, since) VALUES ($1, $2, $3, $4)
       ON CONFLICT (plan_id) DO UPDATE SET status = excluded.status, members = excluded.members, since = excluded.since`,
      [planId, status, members, new Date(deps.clock.now())],
    );
    if (status !== "ok" || prev.rows[0]) {
      await appendLogEntry(tx, "plan_status", { plan: planId, membership: status, members, minimum, on });
      await broadcast(
        deps,
        tx,
        planId,
        "plan_status",
        status === "below"
          ? "成员人数低于最低要求"
          : status === "warning"
            ? "成员人数接近最低要求"
            : "成员人数恢复",
        `${members} 名成员；最低 ${minimum}${warnAt ? `，预警线 ${warnAt}` : ""}`,
      );
    }
  });
  return { planId, members, minimum, warnAt, status };
}
