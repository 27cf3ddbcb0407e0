import type { Clock } from "../domain/clock.ts";
import { sha256 } from "../domain/sha256.ts";
import { limits } from "../limits.ts";
import type { DebitAuthorisation, DebitMandates, MandateResult } from "./port.ts";

type Mandate = { memberId: number; agreementRef: string; expiresAtMs: number; revoked: boolean };

/**
 * The simulated provider's 代扣 agreements, as a real one keeps them: a signing under a key is done once
 * (a replay answers the same agreement), an agreement runs `limits.debitAuthorisationDays` and then
 * expires by the clock, a revoked one stays revoked, and keys in `failKeys` are declined.
 */
export class SimulatedMandates implements DebitMandates {
  private readonly byRef = new Map<string, Mandate>();
  private readonly byKey = new Map<string, string>();

  constructor(
    private readonly seed: string,
    private readonly clock: Clock,
    private readonly failKeys?: ReadonlySet<string>,
  ) {}

  private state(m: Mandate): Exclude<DebitAuthorisation, { status: "unknown" }> {
    const status = m.revoked ? "revoked" : this.clock.now() >= m.expiresAtMs ? "expired" : "signed";
    return { status, agreementRef: m.agreementRef, expiresAtMs: m.expiresAtMs };
  }

  async signDebitAuthorisation(req: { key: string; memberId: number }): Promise<MandateResult> {
    if (this.failKeys?.has(req.key)) return { status: "failed", reason: "declined" };
    const known = this.byKey.get(req.key);
    if (known) return this.state(this.byRef.get(known)!);
    const agreementRef = `sim_agr_${sha256(`${this.seed}|${req.key}`).toString("hex", 0, 8)}`;
    const expiresAtMs = this.clock.now() + limits.debitAuthorisationDays * 86_400_000;
    this.byRef.set(agreementRef, { memberId: req.memberId, agreementRef, expiresAtMs, revoked: false });
    this.byKey.set(req.key, agreementRef);
    return this.state(this.byRef.get(agreementRef)!);
  }

  async revokeDebitAuthorisation(agreementRef: string): Promise<MandateResult> {
    const m = this.byRef.get(agreementRef);
    if (!m) return { status: "failed", reason: "not_signed" };
    m.revoked = true;
    return this.state(m);
  }

  async debitAuthorisation(agreementRef: string): Promise<DebitAuthorisation> {
    const m = this.byRef.get(agreementRef);
    return m ? this.state(m) : { status: "unknown" };
  }
}
