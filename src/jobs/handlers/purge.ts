import { purgeExpiredAuth } from "../../auth/purge.ts";
import { purgeExpiredEvidence } from "../../privacy/erasure.ts";
import { idempotencyRepository } from "../../store/idempotency.repository.ts";
import type { JobContext } from "../context.ts";

/** Idempotency rows past their retention (limits.idempotencyRetentionHours), by the app clock. */
export async function purgeIdempotencyJob(ctx: JobContext): Promise<void> {
  await idempotencyRepository.purgeExpired(ctx.deps.pool, new Date(ctx.deps.clock.now()));
}

/** Expired sessions, sign-in codes and throttle attempts. */
export async function purgeAuthJob(ctx: JobContext): Promise<void> {
  await purgeExpiredAuth(ctx.deps);
}

/** Erased members' identity evidence past its retention (limits.privacy.identityEvidenceRetentionYears). */
export async function purgeEvidenceJob(ctx: JobContext): Promise<void> {
  await purgeExpiredEvidence(ctx.deps);
}
