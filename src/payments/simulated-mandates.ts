import type { Clock } from "../domain/clock.ts";
import { sha256 } from "../domain/sha256.ts";
import { limits } from "../limits.ts";
import type { Db } from "../store/db.ts";
import type { DebitAuthorisation, DebitMandates, MandateResult } from "./port.ts";
import { type Mandate, simulatedRepository } from "./simulated.repository.ts";

/** Where the agreements are kept: this process's memory, or the provider's books in the database. */
type MandateBook = {
  /** Inserts the agreement unless its key signed one; the agreement under the key either way. */
  sign(m: Mandate): Promise<Mandate>;
  byRef(agreementRef: string): Promise<Mandate | undefined>;
  revoke(agreementRef: string): Promise<void>;
};

function memoryBook(): MandateBook {
  const byRef = new Map<string, Mandate>();
  const byKey = new Map<string, string>();
  return {
    async sign(m) {
      const known = byKey.get(m.signKey);
      if (known) return byRef.get(known)!;
      byRef.set(m.agreementRef, m);
      byKey.set(m.signKey, m.agreementRef);
      return m;
    },
    byRef: async (ref) => byRef.get(ref),
    async revoke(ref) {
      const m = byRef.get(ref);
      if (m) byRef.set(ref, { ...m, revoked: true });
    },
  };
}

const databaseBook = (db: Db): MandateBook => ({
  sign: (m) => simulatedRepository.signMandate(db, m),
  byRef: (ref) => simulatedRepository.mandate(db, ref),
  revoke: (ref) => simulatedRepository.revokeMandate(db, ref),
});

/**
 * The simulated provider's 代扣 agreements, as a real one keeps them: a signing under a key is done once
 * (a replay answers the same agreement), an agreement runs `limits.debitAuthorisationDays` and then
 * expires by the application's clock, a revoked one stays revoked, and keys in `failKeys` are declined.
 * With a database they are in its books (migration 131) and outlive the process.
 */
export class SimulatedMandates implements DebitMandates {
  private readonly book: MandateBook;

  constructor(
    private readonly seed: string,
    private readonly clock: Clock,
    private readonly failKeys?: ReadonlySet<string>,
    store?: Db,
  ) {
    this.book = store ? databaseBook(store) : memoryBook();
  }

  private state(m: Mandate): Exclude<DebitAuthorisation, { status: "unknown" }> {
    const status = m.revoked ? "revoked" : this.clock.now() >= m.expiresAtMs ? "expired" : "signed";
    return { status, agreementRef: m.agreementRef, expiresAtMs: m.expiresAtMs };
  }

  async signDebitAuthorisation(req: { key: string; memberId: number }): Promise<MandateResult> {
    if (this.failKeys?.has(req.key)) return { status: "failed", reason: "declined" };
    const m = await this.book.sign({
      agreementRef: `sim_agr_${sha256(`${this.seed}|${req.key}`).toString("hex", 0, 8)}`,
      signKey: req.key,
      memberId: req.memberId,
      expiresAtMs: this.clock.now() + limits.debitAuthorisationDays * 86_400_000,
      revoked: false,
    });
    return this.state(m);
  }

  async revokeDebitAuthorisation(agreementRef: string): Promise<MandateResult> {
    if (!(await this.book.byRef(agreementRef))) return { status: "failed", reason: "not_signed" };
    await this.book.revoke(agreementRef);
    return this.state((await this.book.byRef(agreementRef))!);
  }

  async debitAuthorisation(agreementRef: string): Promise<DebitAuthorisation> {
    const m = await this.book.byRef(agreementRef);
    return m ? this.state(m) : { status: "unknown" };
  }
}
