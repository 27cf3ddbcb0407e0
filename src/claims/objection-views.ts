import type { ServiceDeps } from "../deps.ts";
import { ageOn, civilDate } from "../domain/calendar.ts";
import { maskPersonalText, objectionOutcome } from "../domain/claim/objection.ts";
import { ageBand } from "../domain/disclosure.ts";
import { limits } from "../limits.ts";
import { decryptPersonal } from "../secrets.ts";
import type { Queryable } from "../store/db.ts";
import { objectionRepository } from "./objection.repository.ts";

/**
 * A claim's objections and the applicant's explanations, for those who may read its free text. The
 * reviewer (and investigator) read the grounds as written, with the objector's masked name and
 * pseudonym; the applicant reads them masked — no objector, any ID or mobile number in the text masked.
 */
export async function objectionsShown(
  deps: ServiceDeps,
  q: Queryable,
  claimId: number,
  forApplicant: boolean,
) {
  const shown = (cipher: Buffer) => {
    const text = decryptPersonal(deps.secrets, cipher);
    return forApplicant ? maskPersonalText(text) : text;
  };
  const objections = (await objectionRepository.objectionsOf(q, claimId)).map((o) => ({
    grounds: shown(o.groundsCipher),
    at: o.at.toISOString(),
    ...(forApplicant ? {} : { objector: { nameMasked: o.nameMasked, pseudonym: o.pseudonym } }),
  }));
  const explanations = (await objectionRepository.explanationsOf(q, claimId)).map((e) => ({
    text: shown(e.textCipher),
    at: e.at.toISOString(),
  }));
  return { objections, explanations };
}

/** A case as 公示 shows it: the masked name, an age band at the diagnosis (not a birth date), the event. */
export const maskedCase = (r: {
  claimId: number;
  nameMasked: string;
  birthDate: string;
  diagnosedOn: string;
  event: string;
}) => ({
  claimId: r.claimId,
  nameMasked: r.nameMasked,
  ageBand: ageBand(ageOn(civilDate(r.birthDate), civilDate(r.diagnosedOn))),
  event: r.event,
});

/**
 * The public's view of objections (公示's other half): each case of the plan members objected to,
 * masked as its announcement was, with how many objections and what became of it. Open to anyone.
 */
export async function objectionOutcomes(q: Queryable, planId: string) {
  const rows = await objectionRepository.objectedCases(q, planId, limits.announcementsPageSizeMax);
  return {
    items: rows.map((r) => ({
      ...maskedCase(r),
      benefitFen: r.benefitFen,
      objections: r.objections,
      lastObjectedAt: r.lastObjectedAt.toISOString(),
      outcome: objectionOutcome(r.state),
    })),
  };
}
