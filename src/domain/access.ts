/** Every authorisation decided in one place: which roles may perform which action. */

export const ROLES = ["member", "operator", "reviewer", "investigator", "auditor", "admin"] as const;
export type Role = (typeof ROLES)[number];

export type Principal = {
  readonly kind: "member" | "staff";
  readonly id: number;
  readonly roles: readonly Role[];
};

const POLICY = {
  "member.self": ["member"],
  "member.read_any": ["operator", "reviewer", "investigator", "auditor", "admin"],
  "staff.create": ["admin"],
  "staff.manage": ["admin"],
  "audit.read": ["auditor", "admin"],
  "plan.read": ["member", "operator", "reviewer", "investigator", "auditor", "admin"],
  "plan.manage": ["operator", "admin"],
  "participation.self": ["member"],
  "participation.manage": ["operator", "admin"],
  "participation.read_any": ["operator", "reviewer", "investigator", "auditor", "admin"],
  "balance.self": ["member"],
  "ledger.read": ["operator", "auditor", "admin"],
  "batch.run": ["operator", "admin"],
  "import.run": ["operator", "admin"],
  "claim.report": ["member", "operator"],
  "claim.read_any": ["operator", "reviewer", "investigator", "auditor", "admin"],
  "claim.assign": ["operator", "admin"],
  "claim.review": ["reviewer"],
  "claim.investigate": ["investigator"],
  "claim.object": ["member"],
  "claim.vote": ["member"],
  "proposal.submit": ["member", "operator"],
  "proposal.manage": ["operator", "admin"],
  "vote.cast": ["member"],
  "notifications.self": ["member"],
  "dependant.review": ["reviewer"],
  "member.record_death": ["operator", "admin"],
  "invitation.issue": ["member", "operator", "admin"],
  "sms_outbox.read": ["operator", "reviewer", "investigator", "auditor", "admin"],
  "dispute.decide": ["operator", "admin"],
  "clock.move": ["operator", "admin"],
  "jobs.read": ["operator", "auditor", "admin"],
  "jobs.retry": ["operator", "admin"],
  // Issue 20, personal data: the read trail is the auditors'; erasure requests are listed for operators
  // and decided by an admin (an erasure cannot be undone).
  "privacy.reads": ["auditor", "admin"],
  "erasure.read": ["operator", "auditor", "admin"],
  "erasure.decide": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof POLICY;

export function can(principal: Principal | undefined, action: Action): boolean {
  if (!principal) return false;
  const allowed: readonly Role[] = POLICY[action];
  return principal.roles.some((r) => allowed.includes(r));
}

/** Staff actions (anything but the member role) are written to the audit trail. */
export const isStaff = (p: Principal | undefined): boolean => p?.kind === "staff";

/** Who has held which duty on one claim, as its record shows. */
export type ClaimDuties = {
  readonly reviewerId: number | null;
  /** The named investigator and every staff member who recorded findings. */
  readonly investigatorIds: readonly number[];
  /** Staff who acted for an heir on this claim (reported it, handed in documents, …). */
  readonly heirAgentIds: readonly number[];
  readonly afterDeath: boolean;
  /** The staff member who recorded the member's death; null while the member is not recorded deceased. */
  readonly deathRecordedBy: number | null;
};

/** What a staff member would do on a claim. */
export type ClaimDuty = "review" | "investigate" | "act_for_heir";

/**
 * Separation of duties on one claim (issue 15): nobody investigates and decides the same claim; staff
 * are never the applicant — the one exception the domain has (domain.md §4.1: an heir reports within 90
 * days of a death; heirs hold no account) lets an operator act for the heir only on an after-death
 * claim of a member another staff member recorded deceased, and that operator then never reviews or
 * investigates it. Returns the refusal, or undefined when the duty is allowed.
 */
export function claimDutyRefusal(staffId: number, duty: ClaimDuty, d: ClaimDuties): string | undefined {
  const investigated = d.investigatorIds.includes(staffId);
  const actedForHeir = d.heirAgentIds.includes(staffId);
  if (duty === "review") {
    if (investigated) return "you investigated this claim; someone else reviews and decides it";
    if (actedForHeir) return "you acted for the heir on this claim; someone else reviews it";
    return undefined;
  }
  if (duty === "investigate") {
    if (d.reviewerId === staffId) return "you review this claim; someone else investigates it";
    if (actedForHeir) return "you acted for the heir on this claim; someone else investigates it";
    return undefined;
  }
  if (!d.afterDeath)
    return "staff are never the applicant; only an heir's claim after a death is reported for them";
  if (d.deathRecordedBy === null) return "the member is not recorded as deceased";
  if (d.deathRecordedBy === staffId) return "you recorded the death; another operator acts for the heir";
  if (d.reviewerId === staffId || investigated)
    return "you review or investigate this claim; you cannot act for the heir";
  return undefined;
}
