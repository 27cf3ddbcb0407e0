import type { ServiceDeps } from "../deps.ts";
import { maskPersonalText } from "../domain/claim/objection.ts";
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
