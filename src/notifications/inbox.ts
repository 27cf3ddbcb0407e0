import type { ServiceDeps } from "../deps.ts";
import type { Principal } from "../domain/access.ts";
import { fail } from "../errors.ts";
import { notificationRepository } from "./notifications.repository.ts";

/** Cycle shares the inbox lists beside the notices (about two years of monthly cycles). */
const INBOX_CHARGES_MAX = 24;

/**
 * A member's inbox, newest first: their own notices, their plans' broadcasts, and a line per cycle
 * share (derived from the shares themselves, so a ten-million-member cycle writes no extra rows).
 */
export async function inbox(deps: ServiceDeps, principal: Principal, f: { before?: number; limit: number }) {
  if (principal.kind !== "member") fail("forbidden", "the inbox is a member's");
  const rows = await notificationRepository.inboxPage(
    deps.pool,
    principal.id,
    f.before ?? Number.MAX_SAFE_INTEGER,
    f.limit,
  );
  const charges = await notificationRepository.recentCharges(deps.pool, principal.id, INBOX_CHARGES_MAX);
  const page = rows.slice(0, f.limit);
  return {
    items: page.map((r) => ({
      notificationId: r.notificationId,
      kind: r.kind,
      title: r.title,
      body: r.body,
      at: r.createdAt.toISOString(),
      read: r.readAt !== null,
    })),
    nextCursor: rows.length > f.limit ? String(page[page.length - 1]!.notificationId) : null,
    cycleCharges: charges.map((c) => ({ kind: "cycle_charge", ...c })),
  };
}

export async function markRead(deps: ServiceDeps, principal: Principal, notificationId: number) {
  if (principal.kind !== "member") fail("forbidden", "the inbox is a member's");
  if (!(await notificationRepository.isVisibleTo(deps.pool, notificationId, principal.id)))
    fail("not_found", `no notification ${notificationId}`);
  await notificationRepository.markRead(deps.pool, principal.id, notificationId, new Date(deps.clock.now()));
  return { notificationId, read: true };
}
