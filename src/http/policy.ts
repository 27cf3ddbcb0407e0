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
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof POLICY;

export function can(principal: Principal | undefined, action: Action): boolean {
  if (!principal) return false;
  const allowed: readonly Role[] = POLICY[action];
  return principal.roles.some((r) => allowed.includes(r));
}

/** Staff actions (anything but the member role) are written to the audit trail. */
export const isStaff = (p: Principal | undefined): boolean => p?.kind === "staff";
