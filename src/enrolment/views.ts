import type { ServiceDeps } from "../deps.ts";
import type { Principal } from "../domain/access.ts";
import { ageOn, type CivilDate } from "../domain/calendar.ts";
import { ruleVersionOn } from "../domain/plan/document.ts";
import { coveredFrom, waitingDaysFor } from "../domain/plan/waiting.ts";
import { fail } from "../errors.ts";
import { memberFor } from "../members/member-for.ts";
import { loadStoredPlan } from "../plans/stored-plan.ts";
import type { Queryable } from "../store/db.ts";
import { enrolmentRepository, type StoredParticipation } from "./enrolment.repository.ts";

/** A participation as answers show it: as stored, with the waiting period of each event class. */
export type ParticipationView = Omit<StoredParticipation, "birthDate"> & {
  waiting: Array<{ event: string; days: number; coveredFrom: CivilDate }>;
};

async function view(q: Queryable, r: StoredParticipation): Promise<ParticipationView> {
  const plan = await loadStoredPlan(q, r.planId);
  const rules = (ruleVersionOn(plan, r.joinedOn) ?? plan.versions[0]!).rules;
  const age = ageOn(r.birthDate, r.joinedOn);
  return {
    participationId: r.participationId,
    memberId: r.memberId,
    planId: r.planId,
    tier: r.tier,
    joinedOn: r.joinedOn,
    ruleVersion: r.ruleVersion,
    status: r.status,
    suspendedOn: r.suspendedOn,
    endedOn: r.endedOn,
    endReason: r.endReason,
    coveredFrom: r.coveredFrom,
    waiting: rules.eventClasses.map((e) => {
      const days = waitingDaysFor(rules, age, e.id);
      return { event: e.id, days, coveredFrom: coveredFrom(r.joinedOn, days) };
    }),
    shareMode: r.shareMode,
    shareLimitFen: r.shareLimitFen,
  };
}

export async function getParticipation(q: Queryable, participationId: number): Promise<ParticipationView> {
  const stored = await enrolmentRepository.get(q, participationId);
  if (!stored) return fail("not_found", `no participation ${participationId}`);
  return view(q, stored);
}

/** The participation, if the principal may act for its member (else 404). */
export async function participationFor(
  deps: ServiceDeps,
  principal: Principal,
  participationId: number,
  staffMayRead: boolean,
) {
  const p = await getParticipation(deps.pool, participationId).catch(() => undefined);
  if (!p) return fail("not_found", `no participation ${participationId}`);
  await memberFor(deps.pool, principal, p.memberId, staffMayRead).catch(() =>
    fail("not_found", `no participation ${participationId}`),
  );
  return p;
}

export async function listParticipations(
  q: Queryable,
  memberIds: readonly number[],
): Promise<ParticipationView[]> {
  const rows = await enrolmentRepository.ofMembers(q, memberIds);
  return Promise.all(rows.map((r) => view(q, r)));
}
