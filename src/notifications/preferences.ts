import type { ServiceDeps } from "../deps.ts";
import type { Principal } from "../domain/access.ts";
import { fail } from "../errors.ts";
import { limits } from "../limits.ts";
import { encryptPersonal } from "../secrets.ts";
import { maskEmail } from "./email.ts";
import { notificationRepository } from "./notifications.repository.ts";
import { NOTIFICATION_KINDS, type NotificationKind } from "./notify.ts";

export type Preferences = {
  sms: boolean;
  email: boolean;
  emailAddress?: string | null;
  kinds: NotificationKind[];
};

/** How a member wants to be told, beyond the inbox (which always has everything). */
export async function setPreferences(deps: ServiceDeps, principal: Principal, p: Preferences) {
  if (principal.kind !== "member") fail("forbidden", "preferences are a member's");
  if (p.email && !p.emailAddress)
    fail("validation", "an e-mail address is needed for e-mail", "emailAddress");
  if (
    p.emailAddress &&
    (p.emailAddress.length > limits.claimTextCharsMax || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(p.emailAddress))
  )
    fail("validation", "not an e-mail address", "emailAddress");
  await notificationRepository.upsertPreferences(deps.pool, principal.id, {
    sms: p.sms,
    email: p.email,
    emailCipher: p.emailAddress ? encryptPersonal(deps.secrets, p.emailAddress) : null,
    emailMasked: p.emailAddress ? maskEmail(p.emailAddress) : null,
    kinds: p.kinds,
  });
  return getPreferences(deps, principal);
}

export async function getPreferences(deps: ServiceDeps, principal: Principal) {
  const stored = await notificationRepository.preferencesOf(deps.pool, principal.id);
  return stored ?? { sms: false, email: false, emailMasked: null, kinds: [...NOTIFICATION_KINDS] };
}
