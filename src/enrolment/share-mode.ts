import type { ServiceDeps } from "../deps.ts";
import type { Principal } from "../domain/access.ts";
import { fail } from "../errors.ts";
import { enrolmentRepository, type ShareMode } from "./enrolment.repository.ts";
import { getParticipation, type ParticipationView, participationFor } from "./views.ts";

export async function setShareMode(
  deps: ServiceDeps,
  principal: Principal,
  participationId: number,
  mode: ShareMode,
  limitFen: number | null,
): Promise<ParticipationView> {
  await participationFor(deps, principal, participationId, false);
  if (mode === "auto_limit" && (limitFen === null || limitFen < 0))
    fail("validation", "a limit in fen is required for auto_limit", "shareLimitFen");
  await enrolmentRepository.setShareMode(
    deps.pool,
    participationId,
    mode,
    mode === "auto_limit" ? limitFen : null,
  );
  return getParticipation(deps.pool, participationId);
}
