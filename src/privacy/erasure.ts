import { type ServiceDeps, todayOf } from "../deps.ts";
import type { Principal } from "../domain/access.ts";
import { civilDateOfInstant } from "../domain/calendar.ts";
import { ERASED_MASKS, erasureBlockers, evidenceKeptUntil } from "../domain/erasure.ts";
import { fail } from "../errors.ts";
import { limits } from "../limits.ts";
import { encryptPersonalRecord, personalRecordOf } from "../secrets.ts";
import { type Queryable, type Tx, withTransaction } from "../store/db.ts";
import { type ErasureRequest, erasureRepository as repo } from "./erasure.repository.ts";
import { exportRepository, type HeldMember } from "./export.repository.ts";
import { exportableMember } from "./export.ts";

const view = (r: ErasureRequest) => ({
  requestId: r.requestId,
  memberId: r.memberId,
  status: r.status,
  requestedAt: r.requestedAt.toISOString(),
  decidedAt: r.decidedAt?.toISOString() ?? null,
  reason: r.reason,
});

async function assertErasable(q: Queryable, m: HeldMember): Promise<void> {
  if (m.erasedAt) fail("already_erased", `member ${m.memberId}'s personal data was erased`);
  const blockers = erasureBlockers(await repo.facts(q, m.memberId));
  if (blockers.length > 0) fail("erasure_blocked", blockers.join("; "));
}

/**
 * A member asks for their personal data (or their dependant's) to be erased. Refused while something
 * is open (erasure_blocked names it), once erased (already_erased), or while a request waits (conflict).
 */
export async function requestErasure(deps: ServiceDeps, principal: Principal, memberId: number) {
  await exportableMember(deps.pool, principal, memberId);
  return withTransaction(deps.pool, async (tx) => {
    const m = (await exportRepository.lockMember(tx, memberId))!;
    if (await repo.openRequestOf(tx, memberId))
      fail("conflict", `an erasure request for member ${memberId} is already waiting for a decision`);
    await assertErasable(tx, m);
    const at = new Date(deps.clock.now());
    return view(await repo.insertRequest(tx, { memberId, requestedBy: principal.id, at }));
  });
}

/** The identity evidence the sampling audit needs, from either storage: resident ID and name only. */
function evidenceOf(deps: ServiceDeps, m: HeldMember): Buffer {
  const record = personalRecordOf(deps.secrets, m);
  return encryptPersonalRecord(deps.secrets, {
    residentId: record.residentId,
    name: record.name,
    mobile: null,
  });
}

/**
 * Executes an erasure in the caller's transaction: contact data, lookups, sessions, codes, outboxes,
 * notification contents and idempotent answers go; the row keeps its id and pseudonym, under which
 * every money and log fact stays; the identity evidence stays encrypted until its retention ends.
 */
export async function executeErasure(deps: ServiceDeps, tx: Tx, memberId: number): Promise<void> {
  const m = (await exportRepository.lockMember(tx, memberId)) ?? fail("not_found", `no member ${memberId}`);
  await assertErasable(tx, m);
  const at = new Date(deps.clock.now());
  const keptUntil = evidenceKeptUntil(
    civilDateOfInstant(at.getTime()),
    limits.privacy.identityEvidenceRetentionYears,
  );
  await repo.eraseMember(tx, memberId, {
    evidenceCipher: evidenceOf(deps, m),
    at,
    keptUntil,
    nameMasked: ERASED_MASKS.name,
    idMasked: ERASED_MASKS.residentId,
  });
  await repo.removeContactData(tx, memberId, m.mobileLookup);
}

/** Staff decide a waiting request: erase (executed now, in the same transaction) or refuse with a reason. */
export async function decideErasure(
  deps: ServiceDeps,
  staff: Principal,
  requestId: number,
  d: { erase: boolean; reason?: string | undefined },
) {
  return withTransaction(deps.pool, async (tx) => {
    const r = (await repo.lockRequest(tx, requestId)) ?? fail("not_found", `no erasure request ${requestId}`);
    if (r.status !== "requested") fail("conflict", `erasure request ${requestId} was decided: ${r.status}`);
    const at = new Date(deps.clock.now());
    if (!d.erase) {
      if (!d.reason) fail("validation", "a refusal needs its reason (the legal ground)", "reason");
      return view(
        await repo.decide(tx, requestId, { status: "refused", decidedBy: staff.id, at, reason: d.reason }),
      );
    }
    await executeErasure(deps, tx, r.memberId);
    return view(
      await repo.decide(tx, requestId, { status: "erased", decidedBy: staff.id, at, reason: null }),
    );
  });
}

/** The requests of one status, oldest first, each with what still blocks it (none: it can be executed). */
export async function listErasureRequests(deps: ServiceDeps, status: "requested" | "refused" | "erased") {
  const rows = await repo.list(deps.pool, status, limits.pageSizeMax);
  const items = [];
  for (const r of rows)
    items.push({
      ...view(r),
      blockers: r.status === "requested" ? erasureBlockers(await repo.facts(deps.pool, r.memberId)) : [],
    });
  return { items };
}

/** The retention job: erased members' identity evidence past its retention is deleted (by the app clock). */
export async function purgeExpiredEvidence(deps: ServiceDeps): Promise<{ deleted: number }> {
  const ids = await repo.deleteExpiredEvidence(deps.pool, todayOf(deps), new Date(deps.clock.now()));
  return { deleted: ids.length };
}
