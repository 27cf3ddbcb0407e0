import { closeSync, existsSync, mkdirSync, openSync, renameSync, writeSync } from "node:fs";
import { join } from "node:path";
import type { ServiceDeps } from "../deps.ts";
import { todayOf } from "../deps.ts";
import type { Principal } from "../domain/access.ts";
import { type CivilDate, civilDate } from "../domain/calendar.ts";
import { why } from "../domain/claim/reasons.ts";
import { checkAppealWindow, type FindingReason, isAppealable, nextState } from "../domain/claim/state.ts";
import { candidatesDigest, candidatesText, drawJurors, jurySeed } from "../domain/jury.ts";
import { fail } from "../errors.ts";
import { appendLogEntry } from "../log/append.ts";
import { latestHead } from "../log/heads.ts";
import { notifyMembers } from "../notifications/notify.ts";
import { type Tx, withTransaction } from "../store/db.ts";
import { actorOf, asApplicant, lockClaim, rulesOf } from "./access.ts";
import type { Claim } from "./claim.repository.ts";
import { juryRepository } from "./jury.repository.ts";
import { juryCandidates } from "./jury.ts";
import { move } from "./transition.ts";
import { claimView } from "./views.ts";

/** A refusal is appealable once, inside its window, when it rests on findings (not on the rules). */
function checkAppealable(c: Claim, today: CivilDate): FindingReason {
  if (c.state !== "rejected") {
    const r = nextState(c.state, "appeal");
    if (!r.ok) fail(r.error.code, r.error.message);
  }
  if (c.appealed) fail("not_appealable", "the jury has already decided this claim");
  const reason = c.decision?.reason ?? "";
  if (!isAppealable(reason))
    fail(
      "not_appealable",
      `a refusal for "${reason}" follows from the rules themselves and is not for a jury`,
    );
  const window = checkAppealWindow(civilDate(c.appealDueOn!), today);
  if (!window.ok) fail(window.error.code, window.error.message);
  return reason;
}

/** Publishes the sorted candidate list under its digest, once (a second draw on the same list reuses it). */
function publishCandidates(dataDir: string, digest: string, pseudonyms: string[]): void {
  const dir = join(dataDir, "juries");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${digest}.txt`);
  if (existsSync(file)) return;
  // written in chunks: the whole list as one string would not fit at a hundred million names
  const fd = openSync(`${file}.tmp`, "w");
  for (let i = 0; i < pseudonyms.length; i += 65_536)
    writeSync(fd, candidatesText(pseudonyms.slice(i, i + 65_536)));
  closeSync(fd);
  renameSync(`${file}.tmp`, file);
}

/** Draws the jurors by a seed anyone can recompute: the latest signed log head and the claim id. */
async function drawJury(deps: ServiceDeps, tx: Tx, c: Claim, jurySize: number) {
  const head =
    (await latestHead(tx)) ?? fail("conflict", "the log has no signed head yet; try again in a moment");
  const seed = jurySeed({ claimId: c.claimId, logSize: head.size, logRootHex: head.rootHash });
  const candidates = await juryCandidates(tx, c, todayOf(deps));
  const digest = candidatesDigest(candidates.pseudonyms);
  const picked = drawJurors(seed, candidates.pseudonyms.length, jurySize);
  publishCandidates(deps.dataDir, digest, candidates.pseudonyms);
  return { head, seed, candidates, digest, picked };
}

/**
 * A refused applicant appeals: the jurors are drawn from the plan's adult members (not the applicant's
 * family) by a seed anyone can recompute — the latest signed log head and the claim id — over a
 * published, sorted candidate list. The vote is open for the plan's window.
 */
export async function appeal(deps: ServiceDeps, principal: Principal, claimId: number) {
  return withTransaction(deps.pool, async (tx) => {
    const c = await lockClaim(tx, claimId);
    await asApplicant(deps.pool, principal, c);
    const rules = await rulesOf(tx, c);
    const jury = rules.claims.jury ?? fail("no_jury", "this plan has no jury to appeal to");
    const reason = checkAppealable(c, todayOf(deps));
    const { head, seed, candidates, digest, picked } = await drawJury(deps, tx, c, jury.jurors);
    const now = deps.clock.now();
    const closesAtMs = now + jury.windowHours * 3_600_000;
    await juryRepository.insertJury(tx, {
      claimId,
      seed,
      logSize: head.size,
      logRoot: head.rootHash,
      candidatesCount: candidates.pseudonyms.length,
      candidatesDigest: digest,
      jurorCount: picked.length,
      overturnAboveBp: jury.overturnAbovePercent,
      quorum: jury.quorum,
      drawnAt: new Date(now),
      closesAt: new Date(closesAtMs),
    });
    const jurorIds = picked.map((i) => candidates.memberIds[i]!);
    await juryRepository.insertJurors(
      tx,
      claimId,
      jurorIds,
      picked.map((i) => candidates.pseudonyms[i]!),
    );
    await notifyMembers(deps, tx, jurorIds, {
      kind: "claim",
      title: `您被抽选为互助申请 #${claimId} 的评审员`,
      body: `请阅读案卷（GET /claims/${claimId}/jury/case）并在 ${new Date(closesAtMs).toISOString()} 前投票（POST /claims/${claimId}/jury/votes）。`,
    });
    await move(
      deps,
      tx,
      c,
      "appeal",
      actorOf(principal),
      why("appealed", { refusal: reason, jurors: picked.length }),
      {
        appealed: true,
      },
    );
    await appendLogEntry(tx, "claim_decision", {
      stage: "jury_drawn",
      claim: claimId,
      plan: c.planId,
      seed,
      logSize: head.size,
      logRoot: head.rootHash,
      candidates: candidates.pseudonyms.length,
      candidatesDigest: digest,
      jurors: picked.length,
      closesAtMs,
    });
    return claimView(deps, tx, c, principal);
  });
}
