import { fail } from "../errors.ts";
import { limits } from "../limits.ts";
import type { Queryable } from "../store/db.ts";
import { governanceRepository } from "./governance.repository.ts";
import { conflictsOf, currentAssessment } from "./rebase.ts";

/**
 * A proposal as everyone sees it: its text, its diff and class against the rules in force now (and as
 * recorded at submission, publication or adoption), the open proposals it conflicts with, dates, vote,
 * evaluations and history.
 */
export async function proposalView(q: Queryable, id: number) {
  const p = (await governanceRepository.proposalById(q, id)) ?? fail("not_found", `no proposal ${id}`);
  const evaluations = await governanceRepository.evaluations(q, id);
  const events = await governanceRepository.events(q, id);
  const comments = await governanceRepository.commentCount(q, id);
  const now = await currentAssessment(q, p);
  return {
    proposalId: p.proposalId,
    planId: p.planId,
    kind: p.kind,
    title: p.title,
    text: p.body,
    changes: p.changes,
    diff: now.diff,
    recordedDiff: p.diff,
    changeClass: now.changeClass,
    classReasons: now.reasons,
    conflicts: await conflictsOf(q, p),
    proposer: p.proposer,
    state: p.state,
    charter: p.charterEffective,
    publishedOn: p.publishedOn,
    effectiveOn: p.effectiveOn,
    noticeEndsOn: p.noticeEndsOn,
    voteRequired: p.voteRequired,
    votingClosesOn: p.votingClosesOn,
    voteRule: p.voteRule,
    quorumPercent: p.quorumPercent === null ? null : Number(p.quorumPercent),
    eligible: p.eligibleCount,
    tally: p.tally,
    adoptedVersion: p.adoptedVersion,
    comments,
    evaluations: evaluations.map((e) => ({ ...e, at: e.at.toISOString() })),
    events: events.map((e) => ({ ...e, at: e.at.toISOString() })),
  };
}

export async function listProposals(
  q: Queryable,
  f: { planId?: string | undefined; after?: number; limit: number },
) {
  const ids = await governanceRepository.proposalIds(q, {
    planId: f.planId ?? null,
    afterId: f.after ?? 0,
    limit: f.limit + 1,
  });
  const page = ids.slice(0, f.limit);
  return {
    items: await Promise.all(page.map((id) => proposalView(q, id))),
    nextCursor: ids.length > f.limit ? String(page[page.length - 1]!) : null,
  };
}

/** A proposal's comments in order, a page at a time (`after` a comment id). */
export async function listComments(q: Queryable, id: number, f: { after?: number; limit?: number } = {}) {
  const limit = Math.min(f.limit ?? limits.commentsPageSizeMax, limits.commentsPageSizeMax);
  const rows = await governanceRepository.comments(q, id, f.after ?? 0, limit + 1);
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => ({
      commentId: r.commentId,
      member: r.pseudonym,
      text: r.text,
      at: r.at.toISOString(),
    })),
    nextCursor: rows.length > limit ? String(page[page.length - 1]!.commentId) : null,
  };
}
