import { join } from "node:path";
import type { ServiceDeps } from "../deps.ts";
import { todayOf } from "../deps.ts";
import type { Principal } from "../domain/access.ts";
import type { CivilDate } from "../domain/calendar.ts";
import { afterJury } from "../domain/claim/decision.ts";
import { maskPersonalText } from "../domain/claim/objection.ts";
import { tallyJury } from "../domain/jury.ts";
import { decideClaim } from "../domain/plan/decision.ts";
import { fail } from "../errors.ts";
import { limits } from "../limits.ts";
import { appendLogEntry } from "../log/append.ts";
import { memberPseudonym } from "../members/member-for.ts";
import { loadStoredPlan } from "../plans/stored-plan.ts";
import { decryptPersonal, encryptPersonal } from "../secrets.ts";
import { type Queryable, type Tx, withTransaction } from "../store/db.ts";
import { oneRow } from "../store/rows.ts";
import { JURY, lockClaim } from "./access.ts";
import type { Claim } from "./claim.repository.ts";
import { applyDecision, decisionFacts } from "./decide.ts";
import { juryRepository } from "./jury.repository.ts";
import { move } from "./transition.ts";

/**
 * Adult members with an active participation in the plan, not the applicant's household, in byte
 * order of their pseudonyms. COPY, not rows, and sorted by the server in byte order with the memory for
 * it: ten million candidates in about 20 s here, half of sorting the lines in JavaScript.
 */
export async function juryCandidates(tx: Tx, c: Claim, today: CivilDate) {
  const lines: string[] = [];
  await juryRepository.juryCandidateLines(
    tx,
    { memberId: c.memberId, planId: c.planId, today, workMemMiB: limits.juryWorkMemMiB },
    (line) => lines.push(line),
  );
  const pseudonyms = new Array<string>(lines.length);
  const memberIds = new Array<number>(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const tab = lines[i]!.indexOf("\t");
    pseudonyms[i] = lines[i]!.slice(0, tab);
    memberIds[i] = Number(lines[i]!.slice(tab + 1));
  }
  return { pseudonyms, memberIds };
}

/**
 * A juror's vote with its reason, once, inside the window. A second vote by the same juror changes
 * nothing and returns the first. Each ballot goes to the transparency log under the juror's pseudonym
 * (the choice only: free text never enters the immutable public log); the reason is sealed and published,
 * unattributed, once the jury is tallied. When every juror has voted the jury is tallied at once.
 */
export async function voteJury(
  deps: ServiceDeps,
  principal: Principal,
  claimId: number,
  { inFavour, reason }: { inFavour: boolean; reason: string },
) {
  if (principal.kind !== "member") fail("not_a_juror", "only drawn jurors vote");
  return withTransaction(deps.pool, async (tx) => {
    const j =
      (await juryRepository.lockJury(tx, claimId)) ?? fail("not_found", `claim ${claimId} has no jury`);
    const pseudonym =
      (await juryRepository.jurorPseudonym(tx, claimId, principal.id)) ??
      fail("not_a_juror", `you were not drawn for the jury of claim ${claimId}`);
    const previous = await juryRepository.voteOf(tx, claimId, principal.id);
    if (previous)
      return { claimId, inFavour: previous.inFavour, at: previous.at.toISOString(), alreadyVoted: true };
    const now = deps.clock.now();
    if (j.outcome !== null || now >= j.closesAt.getTime())
      fail("jury_closed", `the jury's vote closed at ${j.closesAt.toISOString()}`);
    await juryRepository.insertVote(tx, {
      claimId,
      memberId: principal.id,
      inFavour,
      reasonCipher: encryptPersonal(deps.secrets, reason),
      at: new Date(now),
    });
    await appendLogEntry(tx, "ballot", { claim: claimId, juror: pseudonym, inFavour });
    const counts = oneRow(await juryRepository.voteCounts(tx, claimId), "the vote counts");
    if (counts.voted === counts.drawn) await closeJury(deps, tx, claimId);
    return { claimId, inFavour, at: new Date(now).toISOString(), alreadyVoted: false };
  });
}

/**
 * Tallies a jury: below the quorum, or at or under the threshold, the refusal stands; above it the
 * refusal is overturned and the claim is decided again by the rules with the contested findings set
 * aside (a refusal the rules themselves give still stands).
 */
export async function closeJury(deps: ServiceDeps, tx: Tx, claimId: number) {
  const r = oneRow(await juryRepository.juryTallyInputs(tx, claimId), `the jury of claim ${claimId}`);
  const t = tallyJury(
    { inFavour: r.inFavour, against: r.against },
    { overturnAboveBp: r.overturnAboveBp, quorum: r.quorum },
  );
  await juryRepository.setJuryOutcome(tx, claimId, t, new Date(deps.clock.now()));
  const c = await lockClaim(tx, claimId);
  if (t.outcome === "overturned") {
    const plan = await loadStoredPlan(tx, c.planId);
    const d = decideClaim(plan, await decisionFacts(tx, c, false));
    await applyDecision(deps, tx, c, afterJury(d, t), JURY, "jury");
  } else {
    await move(deps, tx, c, "uphold", JURY, t.why);
    await appendLogEntry(tx, "claim_decision", {
      stage: "jury_result",
      claim: claimId,
      plan: c.planId,
      member: await memberPseudonym(tx, c.memberId),
      decision: "rejected",
      reason: c.decision?.reason ?? null,
      jury: t.outcome,
      inFavour: t.inFavour,
      against: t.against,
      on: todayOf(deps),
    });
  }
  return t;
}

/**
 * The jurors' reasons once the jury is tallied (none while it votes, so no juror reads another's first),
 * unattributed and masked as the case file is: a ballot is public under its pseudonym in the log, its
 * reason is not tied to it.
 */
async function tallyReasons(deps: Pick<ServiceDeps, "pool" | "secrets">, claimId: number) {
  const rows = await juryRepository.voteReasons(deps.pool, claimId);
  return rows.map((r) => ({
    inFavour: r.inFavour,
    reason: maskPersonalText(decryptPersonal(deps.secrets, r.reasonCipher)),
  }));
}

/** The jury's public record: the draw's inputs, the jurors (pseudonyms), the tally and reasons once closed. */
export async function juryRecord(deps: Pick<ServiceDeps, "pool" | "secrets">, claimId: number) {
  const q = deps.pool;
  const j = (await juryRepository.jury(q, claimId)) ?? fail("not_found", `claim ${claimId} has no jury`);
  const jurors = await juryRepository.jurorPseudonyms(q, claimId);
  return {
    claimId,
    seed: j.seed,
    seedInputs: { claimId, logSize: Number(j.logSize), logRootHex: j.logRoot },
    candidates: { count: j.candidatesCount, digest: j.candidatesDigest },
    jurySize: j.jurorCount,
    rule: { overturnAboveBp: j.overturnAboveBp, quorum: j.quorum },
    drawnAt: j.drawnAt.toISOString(),
    closesAt: j.closesAt.toISOString(),
    jurors,
    tally: j.outcome ? { outcome: j.outcome, inFavour: j.inFavour, against: j.against } : null,
    reasons: j.outcome ? await tallyReasons(deps, claimId) : [],
  };
}

/** The published candidate list (pseudonyms, one per line), as the draw used it. */
export async function juryCandidatesFile(deps: ServiceDeps, claimId: number): Promise<string> {
  const j = await juryRecord(deps, claimId);
  return join(deps.dataDir, "juries", `${j.candidates.digest}.txt`);
}

/** The juries a member was drawn for (the invitations), with their own vote and each jury's result. */
export async function juryInvitations(q: Queryable, principal: Principal) {
  if (principal.kind !== "member") fail("not_a_juror", "only members are drawn for juries");
  const rows = await juryRepository.invitationsOf(q, principal.id, limits.juryInvitationsMax);
  return {
    items: rows.map((r) => ({
      claimId: r.claimId,
      planId: r.planId,
      drawnAt: r.drawnAt.toISOString(),
      closesAt: r.closesAt.toISOString(),
      myVote: r.myVote,
      tally: r.outcome ? { outcome: r.outcome, inFavour: r.inFavour, against: r.against } : null,
    })),
  };
}
