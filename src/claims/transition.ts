import type { ServiceDeps } from "../deps.ts";
import { todayOf } from "../deps.ts";
import { type Reason, reasonColumns, reasonText, type Said } from "../domain/claim/reasons.ts";
import { type ClaimAction, type ClaimState, nextState } from "../domain/claim/state.ts";
import { fail } from "../errors.ts";
import { encryptPersonal } from "../secrets.ts";
import type { Tx } from "../store/db.ts";
import type { Actor } from "./access.ts";
import { type Claim, type ClaimColumn, claimRepository } from "./claim.repository.ts";

/**
 * Moves a claim by the state machine and records who, when, why and under which rule version, in the
 * caller's transaction. The reason is stored as its code and parameters with its English sentence (or
 * the English the step gives it, `Said`). `set` updates further columns in the same statement; `note`
 * is the actor's own words, kept encrypted beside the reason.
 */
export async function move(
  deps: ServiceDeps,
  tx: Tx,
  c: Claim,
  action: ClaimAction,
  actor: Actor,
  reason: Reason | Said,
  set: Partial<Record<ClaimColumn, unknown>> = {},
  note?: string,
): Promise<ClaimState> {
  const to = nextState(c.state, action);
  const said = "text" in reason ? reason : { why: reason, text: reasonText(reason) };
  const { code, params } = reasonColumns(said.why);
  if (!to.ok) return fail(to.error.code, to.error.message);
  await claimRepository.setState(tx, c.claimId, to.value, set);
  await claimRepository.insertTransition(tx, {
    claimId: c.claimId,
    from: c.state,
    to: to.value,
    action,
    actorKind: actor.kind,
    actorId: actor.id,
    reason: said.text,
    reasonCode: code,
    reasonParams: params,
    ruleVersion: c.ruleVersion,
    on: todayOf(deps),
    at: new Date(deps.clock.now()),
    noteCipher: note ? encryptPersonal(deps.secrets, note) : null,
  });
  // the caller's row now reflects every column the move set
  Object.assign(c, await claimRepository.load(tx, c.claimId));
  return to.value;
}
