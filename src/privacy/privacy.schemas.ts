import { any, arr, int, nullable, obj, page, str, strEnum } from "../domain/json-schema.ts";

/** One row of the read trail (privacy/read-trail.ts): who read whose data, what, why, when. */
export const PersonalReadPageSchema = page(
  obj({
    readId: int,
    actorKind: strEnum("staff", "command"),
    actorId: int,
    subjectId: int,
    data: str,
    purpose: str,
    at: str,
  }),
);

const rows = arr(any);

/** A member's export (privacy/export.ts): every section is always there, empty when nothing is held. */
export const MemberExportSchema = obj({
  exportedAt: str,
  member: obj({
    memberId: int,
    kind: str,
    guardianId: nullable(int),
    relation: nullable(str),
    pseudonym: str,
    birthDate: str,
    sex: str,
    registeredAt: str,
    diedOn: nullable(str),
    erasedAt: nullable(str),
    identityEvidenceKeptUntil: nullable(str),
    identity: obj({ residentId: nullable(str), name: nullable(str), mobile: nullable(str) }),
  }),
  dependants: rows,
  dependantRequests: rows,
  identityClaims: rows,
  consents: rows,
  participations: rows,
  participationEvents: rows,
  claims: rows,
  money: obj({
    balances: rows,
    shares: rows,
    debits: rows,
    topUps: rows,
    withdrawals: rows,
    payouts: rows,
    mandates: rows,
    disputes: rows,
  }),
  notifications: obj({ items: rows, preferences: rows }),
  votes: obj({ ballots: rows, juries: rows, comments: rows, objections: rows }),
  sessions: rows,
  log: obj({ pseudonym: str, entries: rows, shareProofs: arr(str) }),
  staffReads: rows,
  erasureRequests: rows,
});

/** An erasure request (privacy/erasure.ts) as its member and staff see it: no personal data. */
export const ErasureRequestSchema = obj({
  requestId: int,
  memberId: int,
  status: strEnum("requested", "refused", "erased"),
  requestedAt: str,
  decidedAt: nullable(str),
  reason: nullable(str),
});

export const ErasureRequestListSchema = obj({
  items: arr(obj({ ...(ErasureRequestSchema.properties as object), blockers: arr(str) })),
});
