import type { ServiceDeps } from "../deps.ts";
import type { Principal } from "../domain/access.ts";
import { ageOn, civilDate } from "../domain/calendar.ts";
import { maskPersonalText } from "../domain/claim/objection.ts";
import { ageBand } from "../domain/disclosure.ts";
import { fail } from "../errors.ts";
import { decryptPersonal } from "../secrets.ts";
import { oneRow } from "../store/rows.ts";
import { loadClaim } from "./access.ts";
import { claimRepository } from "./claim.repository.ts";
import { juryRepository } from "./jury.repository.ts";

/**
 * The case file a drawn juror reads before voting, masked as the announcements are: the applicant as
 * a masked name and an age band, the event, the decision and every step's reason, the findings (text
 * with any ID or mobile number masked, and their conclusions), and the list of documents — their kind,
 * type and size, never their content. Only the claim's drawn jurors; anyone else is `not_a_juror`.
 */
export async function juryCaseFile(deps: ServiceDeps, principal: Principal, claimId: number) {
  if (principal.kind !== "member") fail("not_a_juror", "only drawn jurors read the case file");
  const c = await loadClaim(deps.pool, claimId);
  const jury =
    (await juryRepository.jury(deps.pool, claimId)) ?? fail("not_found", `claim ${claimId} has no jury`);
  if (!(await juryRepository.isJuror(deps.pool, claimId, principal.id)))
    fail("not_a_juror", `you were not drawn for the jury of claim ${claimId}`);
  const m = oneRow(await claimRepository.applicant(deps.pool, c.memberId), `member ${c.memberId}`);
  const masked = (cipher: Buffer) => maskPersonalText(decryptPersonal(deps.secrets, cipher));
  return {
    claimId,
    planId: c.planId,
    applicant: {
      nameMasked: m.nameMasked,
      ageBand: ageBand(ageOn(civilDate(m.birthDate), civilDate(c.diagnosedOn))),
    },
    event: c.event,
    diagnosedOn: c.diagnosedOn,
    reportedOn: c.reportedOn,
    ruleVersion: c.ruleVersion,
    decision: c.decision
      ? {
          reason: c.decision.reason,
          explanation: c.decision.explanation,
          reasonCode: c.decision.reasonCode ?? null,
          reasonParams: c.decision.reasonParams ?? null,
        }
      : null,
    reasons: (await claimRepository.transitions(deps.pool, claimId)).map((t) => ({
      action: t.action,
      to: t.toState,
      reason: t.reason,
      reasonCode: t.reasonCode,
      reasonParams: t.reasonParams,
      on: t.onDate,
    })),
    findings: (await claimRepository.findings(deps.pool, claimId)).map((f) => ({
      findings: masked(f.findingsCipher),
      expertOpinion: f.opinionCipher ? masked(f.opinionCipher) : null,
      diagnosisProven: f.diagnosisProven,
      preExisting: f.preExisting,
      falseClaim: f.falseClaim,
      at: f.at.toISOString(),
    })),
    documents: (await claimRepository.documents(deps.pool, claimId)).map((d) => ({
      kind: d.kind,
      contentType: d.contentType,
      sizeBytes: d.sizeBytes,
    })),
    vote: { closesAt: jury.closesAt.toISOString(), path: `/claims/${claimId}/jury/votes` },
  };
}
