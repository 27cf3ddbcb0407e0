import { auditStaffRead } from "../audit/audit.ts";
import type { ServiceDeps } from "../deps.ts";
import type { Principal } from "../domain/access.ts";
import { addDays, ageOn, civilDate } from "../domain/calendar.ts";
import { decisionShown } from "../domain/claim/decision.ts";
import { addWorkingDays } from "../domain/claim/state.ts";
import { residentIdShown, staffAudience } from "../domain/disclosure.ts";
import type { Sex } from "../domain/identity.ts";
import { fail } from "../errors.ts";
import { decryptPersonal } from "../secrets.ts";
import type { Queryable } from "../store/db.ts";
import { oneRow } from "../store/rows.ts";
import { asApplicant, loadClaim, mayReadDocuments, rulesOf } from "./access.ts";
import { type Claim, claimRepository } from "./claim.repository.ts";
import { maskedCase, objectionsShown } from "./objection-views.ts";
import { payoutOf } from "./payout.ts";
import { claimSignals } from "./signals.ts";

/**
 * The applicant as the claim's reader may see them (src/domain/disclosure.ts): the ID per audience; age at
 * diagnosis and sex for those who decide (reviewer, investigator, auditor), who need no ID digit.
 */
function applicantShown(
  m: { idMasked: string; birthDate: string; sex: Sex },
  c: Claim,
  principal: Principal,
): { idMasked: string; ageAtDiagnosis?: number; sex?: Sex } {
  const audience = principal.kind === "member" ? "subject" : staffAudience(principal.roles);
  const idMasked = residentIdShown(m.idMasked, audience);
  if (audience !== "case") return { idMasked };
  return { idMasked, ageAtDiagnosis: ageOn(civilDate(m.birthDate), civilDate(c.diagnosedOn)), sex: m.sex };
}

/** The documents and findings, for those who may read them (else undefined: the keys are left out). */
async function privyParts(deps: ServiceDeps, q: Queryable, c: Claim, privy: boolean, principal: Principal) {
  if (!privy)
    return { documents: undefined, findings: undefined, objections: undefined, explanations: undefined };
  const documents = await claimRepository.documents(q, c.claimId);
  const findings = (await claimRepository.findings(q, c.claimId)).map((f) => ({
    findings: decryptPersonal(deps.secrets, f.findingsCipher),
    expertOpinion: f.opinionCipher ? decryptPersonal(deps.secrets, f.opinionCipher) : null,
    diagnosisProven: f.diagnosisProven,
    preExisting: f.preExisting,
    falseClaim: f.falseClaim,
    at: f.at.toISOString(),
  }));
  const said = await objectionsShown(deps, q, c.claimId, principal.kind === "member");
  return { documents, findings, ...said };
}

/** Paid in one sum after the cycle's collection, within the plan's working days. */
async function payoutDueOn(q: Queryable, c: Claim): Promise<string | null> {
  if (c.caseId === null) return null;
  const y = await claimRepository.caseCycle(q, c.caseId);
  if (!y) return null;
  const rules = await rulesOf(q, c);
  return addWorkingDays(civilDate(y.collectOn), rules.claims.payoutWithinWorkingDays);
}

async function transitionsShown(deps: ServiceDeps, q: Queryable, c: Claim, privy: boolean) {
  return (await claimRepository.transitions(q, c.claimId)).map((t) => ({
    from: t.fromState,
    to: t.toState,
    action: t.action,
    actor: t.actorId === null ? t.actorKind : `${t.actorKind}:${t.actorId}`,
    reason: t.reason,
    reasonCode: t.reasonCode,
    reasonParams: t.reasonParams,
    ...(privy && t.noteCipher ? { note: decryptPersonal(deps.secrets, t.noteCipher) } : {}),
    ruleVersion: t.ruleVersion,
    on: t.onDate,
    at: t.at.toISOString(),
  }));
}

/** A claim as its reader may see it: masked identity always; free text only for applicant and assignees. */
export async function claimView(deps: ServiceDeps, q: Queryable, c: Claim, principal: Principal) {
  const privy = await mayReadDocuments(deps.pool, principal, c);
  const member = oneRow(await claimRepository.applicant(q, c.memberId), `member ${c.memberId}`);
  const applicant = applicantShown(member, c, principal);
  const transitions = await transitionsShown(deps, q, c, privy);
  const { documents, findings, objections, explanations } = await privyParts(deps, q, c, privy, principal);
  // each staff read of personal text in plain is audited (sec-identity), after the reads, as before
  const said = (findings?.length ?? 0) + (objections?.length ?? 0) + (explanations?.length ?? 0);
  if (privy && (c.descriptionCipher || said > 0))
    await auditStaffRead(
      deps,
      q,
      principal,
      "claim_personal_text",
      { claimId: c.claimId },
      { memberId: c.memberId, purpose: "claim view" },
    );
  return {
    claimId: c.claimId,
    planId: c.planId,
    participationId: c.participationId,
    memberId: c.memberId,
    nameMasked: member.nameMasked,
    ...applicant,
    event: c.event,
    diagnosedOn: c.diagnosedOn,
    reportedOn: c.reportedOn,
    afterDeath: c.afterDeath,
    ruleVersion: c.ruleVersion,
    state: c.state,
    description:
      privy && c.descriptionCipher ? decryptPersonal(deps.secrets, c.descriptionCipher) : undefined,
    deadlines: {
      documentsDueOn: c.documentsDueOn,
      reviewDueOn: c.reviewDueOn,
      appealDueOn: c.appealDueOn,
      publicityEndsOn: c.publicityEndsOn,
      payoutDueOn: await payoutDueOn(q, c),
    },
    complexity: c.complexity,
    reviewerId: c.reviewerId,
    investigatorId: c.investigatorId,
    decision: c.decision ? decisionShown(c.decision) : null,
    benefitFen: c.benefitFen,
    payout: await payoutOf(q, c),
    publishedOn: c.publishedOn,
    appealed: c.appealed,
    explanationRequested: c.explanationRequested,
    caseId: c.caseId,
    deposit: { fen: c.depositFen, status: c.depositStatus },
    documents,
    findings,
    objections,
    explanations,
    // the reviewer's queue flags what the claim should be read beside; members never see it
    signals: principal.kind === "staff" ? await claimSignals(q, c.claimId) : undefined,
    transitions,
  };
}

/** One claim: the applicant (or guardian), staff who may read claims; anyone else gets 404. */
export async function getClaim(
  deps: ServiceDeps,
  principal: Principal,
  claimId: number,
  staffMayRead: boolean,
) {
  const c = await loadClaim(deps.pool, claimId);
  if (principal.kind === "member") await asApplicant(deps.pool, principal, c);
  else if (!staffMayRead) fail("not_found", `no claim ${claimId}`);
  return claimView(deps, deps.pool, c, principal);
}

/** Claims by id order after a cursor: a member's own and dependants'; staff see all (filters optional). */
export async function listClaims(
  deps: ServiceDeps,
  principal: Principal,
  f: { state?: string; planId?: string; after?: number; limit: number },
) {
  const rows = await claimRepository.list(deps.pool, {
    memberId: principal.kind === "member" ? principal.id : undefined,
    state: f.state,
    planId: f.planId,
    after: f.after ?? 0,
    limit: f.limit + 1,
  });
  const page = rows.slice(0, f.limit);
  const items = await Promise.all(
    page.map(async (c) => {
      const v = await claimView(deps, deps.pool, c, principal);
      return {
        ...v,
        transitions: undefined,
        findings: undefined,
        objections: undefined,
        explanations: undefined,
      };
    }),
  );
  return { items, nextCursor: rows.length > f.limit ? String(page[page.length - 1]!.claimId) : null };
}

/**
 * The plan's public announcements: cases in their publicity period, masked (name masked, no ID digit,
 * an age band instead of a birth date or an exact age, event, amount), with the decision's explanation — what members object to.
 * Paginated by claim id (limits.announcementsPageSizeMax a page unless asked for fewer).
 */
export async function listAnnouncements(
  deps: ServiceDeps,
  planId: string,
  page: { after?: number; limit: number },
) {
  const rows = await claimRepository.announcements(deps.pool, planId, page.after ?? null, page.limit + 1);
  const shown = rows.slice(0, page.limit);
  return {
    items: shown.map((r) => ({
      ...maskedCase(r),
      diagnosedOn: r.diagnosedOn,
      benefitFen: r.benefitFen,
      publishedOn: r.publishedOn,
      objectionsUntil: addDays(civilDate(r.publicityEndsOn), -1),
      explanation: r.decision.explanation,
      reasonCode: r.decision.reasonCode ?? null,
      reasonParams: r.decision.reasonParams ?? null,
    })),
    nextCursor: rows.length > page.limit ? String(shown[shown.length - 1]!.claimId) : null,
  };
}
