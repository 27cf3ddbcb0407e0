import type { KeyObject } from "node:crypto";
import { civilDate } from "../../domain/calendar.ts";
import type { Clock } from "../../domain/clock.ts";
import { parseResidentId } from "../../domain/identity.ts";
import type { PublicExport } from "../../domain/public-audit/export.ts";
import { drawSample, type SeedPins, sampleFrame } from "../../domain/public-audit/sample.ts";
import { nodeVerifyEd25519 } from "../../log-keys.ts";
import { recordCommandReads } from "../../privacy/read-trail.ts";
import {
  decryptPersonal,
  decryptPersonalRecord,
  memberMobile,
  pseudonymOf,
  type Secrets,
} from "../../secrets.ts";
import type { Queryable } from "../../store/db.ts";
import { publicExport } from "../public/public-export.ts";
import { type EvidenceRow, sampleRepository } from "./sample.repository.ts";
import { openSealed, type Sealed, sealTo } from "./seal.ts";

/** One sampled member's real-name evidence, as the auditor receives it (inside the sealed part only). */
export type Evidence = {
  pseudonym: string;
  memberId: number;
  name: string;
  residentId: string;
  mobile: string | null;
  /** The operator's pseudonym key gives this pseudonym for this member id (checked on the way out). */
  pseudonymRecomputes: boolean;
};

/** What `huzhu audit sample` writes: the draw in the clear (it is public), the evidence sealed. */
export type SampleBundle = {
  kind: "huzhu-sampling-audit";
  cycle: number;
  /** The witness-cosigned checkpoint whose root is the seed (the note, with its cosignatures). */
  seed: { size: number; rootHash: string; checkpoint: string };
  population: number;
  pseudonyms: string[];
  sealed: Sealed;
};

function evidenceOf(secrets: Secrets, r: EvidenceRow): Evidence {
  const record = r.personalCipher
    ? decryptPersonalRecord(secrets, r.personalCipher)
    : {
        residentId: decryptPersonal(secrets, r.idCipher!),
        name: decryptPersonal(secrets, r.nameCipher!),
        mobile: memberMobile(secrets, { personal_cipher: null, mobile_cipher: r.mobileCipher }),
      };
  return {
    pseudonym: r.pseudonym,
    memberId: r.memberId,
    ...record,
    pseudonymRecomputes: pseudonymOf(secrets, r.memberId) === r.pseudonym,
  };
}

/**
 * The operator's side: the sample the public export's seed (the first checkpoint after the cycle that
 * a quorum of the witnesses cosigned) draws for the cycle, and the real-name evidence behind each
 * pseudonym sealed to the auditor's key. A reason (string) when no sample can be drawn yet.
 */
export async function buildSampleBundle(
  q: Queryable,
  secrets: Secrets,
  logPublicKeyPem: string,
  o: {
    auditorKey: KeyObject;
    n: number;
    cycle?: number | undefined;
    pins: SeedPins;
    clock?: Clock | undefined;
  },
): Promise<SampleBundle | string> {
  const exp = await publicExport(q, logPublicKeyPem);
  const frame = await sampleFrame(exp, o.pins, nodeVerifyEd25519, o.cycle);
  if (typeof frame === "string") return frame;
  const pseudonyms = drawSample(frame.seed.rootHash, frame.population, o.n);
  // an erased member's evidence is gone once its retention ended: the auditor is told it is missing
  const rows = (await sampleRepository.evidenceOf(q, pseudonyms)).filter(
    (r) => r.personalCipher || r.idCipher,
  );
  const evidence = rows.map((r) => evidenceOf(secrets, r));
  // each record opened for the auditor is a read of that person's data (the server's command reads it)
  if (o.clock)
    await recordCommandReads(
      { clock: o.clock },
      q,
      rows.map((r) => r.memberId),
      { data: "identity_evidence", purpose: "huzhu audit sample" },
    );
  return {
    kind: "huzhu-sampling-audit",
    cycle: frame.cycle,
    seed: frame.seed,
    population: frame.population.length,
    pseudonyms,
    sealed: sealTo(o.auditorKey, Buffer.from(JSON.stringify(evidence))),
  };
}

/** The evidence against the redrawn sample: one valid record per pseudonym, one person per record. */
function checkEvidence(
  drawn: readonly string[],
  evidence: readonly Evidence[],
  today: string,
  problems: string[],
) {
  const byPseudonym = new Map(evidence.map((e) => [e.pseudonym, e]));
  const people = new Map<string, string>();
  for (const p of drawn) {
    const e = byPseudonym.get(p);
    if (!e) {
      problems.push(`no evidence for the drawn pseudonym ${p}`);
      continue;
    }
    if (!e.pseudonymRecomputes) problems.push(`pseudonym ${p} does not recompute from member ${e.memberId}`);
    if (!parseResidentId(e.residentId, civilDate(today)).ok)
      problems.push(`the resident ID behind ${p} is not a valid one`);
    const other = people.get(e.residentId);
    if (other) problems.push(`one person is behind two pseudonyms: ${other} and ${p}`);
    people.set(e.residentId, p);
  }
  for (const e of evidence)
    if (!drawn.includes(e.pseudonym))
      problems.push(`evidence for ${e.pseudonym}, which the seed did not draw`);
}

/**
 * The auditor's side: the sample redrawn from the public export (the seed is the first checkpoint after
 * the cycle cosigned by a quorum of the auditor's pinned witnesses, the population the cycle's logged
 * sharing members), the evidence opened with the auditor's private key and checked against it. Problems
 * name what is wrong; the evidence is for the auditor's own follow-up (calling the people, checking
 * their documents).
 */
export async function openSampleBundle(
  bundle: SampleBundle,
  auditorPrivateKeyPem: string,
  exp: PublicExport,
  o: { today: string; pins: SeedPins },
): Promise<{ problems: string[]; evidence: Evidence[] }> {
  const problems: string[] = [];
  const today = o.today;
  const frame = await sampleFrame(exp, o.pins, nodeVerifyEd25519, bundle.cycle);
  if (typeof frame === "string") return { problems: [frame], evidence: [] };
  if (frame.seed.rootHash !== bundle.seed.rootHash || frame.seed.size !== bundle.seed.size)
    problems.push(
      `the bundle's seed is not the first witness-cosigned checkpoint after cycle ${bundle.cycle} (size ${frame.seed.size})`,
    );
  const drawn = drawSample(frame.seed.rootHash, frame.population, bundle.pseudonyms.length);
  if (drawn.join() !== bundle.pseudonyms.join())
    problems.push("the bundle's pseudonyms are not the ones the seed draws from the logged members");
  const opened = openSealed(auditorPrivateKeyPem, bundle.sealed);
  if (!opened)
    return {
      problems: [...problems, "the evidence does not open with this key (another key, or altered)"],
      evidence: [],
    };
  const evidence = JSON.parse(opened.toString("utf8")) as Evidence[];
  checkEvidence(drawn, evidence, today, problems);
  return { problems, evidence };
}
