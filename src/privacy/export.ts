import type { ServiceDeps } from "../deps.ts";
import type { Principal } from "../domain/access.ts";
import { fail } from "../errors.ts";
import { decryptPersonal, personalRecordOf, type Secrets } from "../secrets.ts";
import type { Queryable } from "../store/db.ts";
import { type HeldMember, exportRepository as repo } from "./export.repository.ts";

/** A member's identity in plain, for the member (or their guardian) only; null fields once erased. */
function identityOf(secrets: Secrets, m: HeldMember) {
  if (m.erasedAt) return { residentId: null, name: null, mobile: null };
  return personalRecordOf(secrets, m);
}

/** The member the principal may export: themselves, or a dependant they are guardian of (else 404). */
export async function exportableMember(q: Queryable, principal: Principal, memberId: number) {
  const m = await repo.member(q, memberId);
  const mine = m && (m.memberId === principal.id || m.guardianId === principal.id);
  if (!m || principal.kind !== "member" || !mine) return fail("not_found", `no member ${memberId}`);
  return m;
}

async function money(q: Queryable, memberId: number) {
  const payments = await repo.payments(q, memberId);
  return {
    balances: await repo.balances(q, memberId),
    shares: await repo.shares(q, memberId),
    debits: payments.filter((p) => p.kind === "debit"),
    topUps: payments.filter((p) => p.kind === "topup"),
    withdrawals: payments.filter((p) => p.kind === "refund"),
    payouts: payments.filter((p) => p.kind === "payout"),
    mandates: await repo.mandates(q, memberId),
    disputes: await repo.disputes(q, memberId),
  };
}

async function claims(deps: ServiceDeps, q: Queryable, memberId: number) {
  const documents = await repo.claimDocuments(q, memberId);
  return (await repo.claims(q, memberId)).map(({ descriptionCipher, ...c }) => ({
    ...c,
    description: descriptionCipher ? decryptPersonal(deps.secrets, descriptionCipher) : null,
    documents: documents.filter((d) => d.claimId === c.claimId),
  }));
}

async function voice(deps: ServiceDeps, q: Queryable, memberId: number) {
  return {
    ballots: await repo.ballots(q, memberId),
    juries: await repo.juries(q, memberId),
    comments: await repo.comments(q, memberId),
    objections: (await repo.objections(q, memberId)).map(({ groundsCipher, ...o }) => ({
      ...o,
      grounds: decryptPersonal(deps.secrets, groundsCipher),
    })),
  };
}

async function notices(deps: ServiceDeps, q: Queryable, memberId: number) {
  return {
    items: await repo.notifications(q, memberId),
    preferences: (await repo.preferences(q, memberId)).map(({ emailCipher, ...p }) => ({
      ...p,
      emailAddress: emailCipher ? decryptPersonal(deps.secrets, emailCipher) : null,
    })),
  };
}

/** The log's facts naming the member, each with where its proof is fetched. */
async function log(q: Queryable, m: HeldMember) {
  const entries = await repo.logEntries(q, m.pseudonym);
  return {
    pseudonym: m.pseudonym,
    entries: entries.map((e) => ({
      ...e,
      entry: `/log/entries/${e.index}`,
      inclusionProof: `/log/proofs/inclusion?index=${e.index}`,
    })),
    shareProofs: (await repo.shares(q, m.memberId)).map(
      (s) => `/cycles/${s.cycleId}/shares/${m.pseudonym}/proof`,
    ),
  };
}

/**
 * Everything held about a member, as JSON (issue 20): identity in plain, family, plans, claims with
 * their documents' metadata, money, notifications, votes, consents and mandates, sessions' metadata,
 * the log's facts with their proofs, the staff reads of their data and their erasure requests. After an
 * erasure it shows what remains: the facts under the pseudonym, no contact data.
 */
export async function memberExport(deps: ServiceDeps, m: HeldMember) {
  const q = deps.pool;
  const id = m.memberId;
  return {
    exportedAt: new Date(deps.clock.now()).toISOString(),
    member: {
      memberId: id,
      kind: m.kind,
      guardianId: m.guardianId,
      relation: m.relation,
      pseudonym: m.pseudonym,
      birthDate: m.birthDate,
      sex: m.sex,
      registeredAt: m.createdAt.toISOString(),
      diedOn: m.diedOn,
      erasedAt: m.erasedAt?.toISOString() ?? null,
      identityEvidenceKeptUntil: m.evidenceDeletedAt ? null : m.evidenceKeptUntil,
      identity: identityOf(deps.secrets, m),
    },
    dependants: await repo.dependants(q, id),
    dependantRequests: await repo.dependantRequests(q, id),
    identityClaims: await repo.identityClaims(q, id),
    consents: await repo.consents(q, id),
    participations: await repo.participations(q, id),
    participationEvents: await repo.participationEvents(q, id),
    claims: await claims(deps, q, id),
    money: await money(q, id),
    notifications: await notices(deps, q, id),
    votes: await voice(deps, q, id),
    sessions: await repo.sessions(q, id),
    log: await log(q, m),
    staffReads: await repo.staffReads(q, id),
    erasureRequests: await repo.erasureRequests(q, id),
  };
}
