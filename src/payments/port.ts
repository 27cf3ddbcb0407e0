/** The payment-provider port: money in (top-ups, debits) and out (payouts, refunds), each idempotent by key. */

export type PaymentKind = "topup" | "debit" | "refund" | "payout";

export type PaymentRequest = {
  /** The idempotency key: the provider executes a key at most once and answers replays alike. */
  readonly key: string;
  readonly kind: PaymentKind;
  readonly memberId: number;
  readonly amountFen: number;
};

export type PaymentResult =
  | { readonly status: "succeeded"; readonly providerRef: string }
  | {
      readonly status: "failed";
      readonly providerRef: string;
      readonly reason: "insufficient_funds" | "declined" | "provider_error";
    }
  | { readonly status: "pending"; readonly providerRef: string };

/** A webhook event, delivered as a raw JSON body with a signature header. */
export type PaymentEvent = {
  readonly eventId: string;
  readonly key: string;
  readonly result: PaymentResult;
  readonly at: number;
};

/** The request did not get an answer in time: it may or may not have been executed — query by key. */
export class PaymentTimeout extends Error {}

/** One request, and on a timeout what the provider knows of its key (as the port asks every caller). */
export async function executeOrAsk(
  payments: Pick<PaymentProvider, "execute" | "query">,
  req: PaymentRequest,
): Promise<PaymentResult | { status: "unknown" }> {
  try {
    return await payments.execute(req);
  } catch (e) {
    if (!(e instanceof PaymentTimeout)) throw e;
    return payments.query(req.key);
  }
}

export type PaymentProvider = DebitMandates & {
  execute(req: PaymentRequest): Promise<PaymentResult>;
  /**
   * A batch of debits in one instruction file (代扣批量), as providers take them for collections;
   * each entry is still idempotent by its key, and the answers come back in the same order.
   */
  executeBatch(reqs: readonly PaymentRequest[]): Promise<PaymentResult[]>;
  /** What the provider knows of a key: the final result, pending, or unknown (never received). */
  query(key: string): Promise<PaymentResult | { status: "unknown" }>;
};

/**
 * A debit authorisation (代扣签约) as the provider keeps it: signed until it expires or the member
 * revokes it; the provider refuses to debit under any other state.
 */
export type DebitAuthorisation =
  | {
      readonly status: "signed" | "revoked" | "expired";
      readonly agreementRef: string;
      readonly expiresAtMs: number;
    }
  | { readonly status: "unknown" };

/** The provider's answer to a signing or a revocation: done, or refused with the reason. */
export type MandateResult =
  | Exclude<DebitAuthorisation, { status: "unknown" }>
  | { readonly status: "failed"; readonly reason: "declined" | "provider_error" | "not_signed" };

/** The authorisation side of the port: signing, revoking and asking about a member's 代扣 agreement. */
export type DebitMandates = {
  signDebitAuthorisation(req: { readonly key: string; readonly memberId: number }): Promise<MandateResult>;
  revokeDebitAuthorisation(agreementRef: string): Promise<MandateResult>;
  debitAuthorisation(agreementRef: string): Promise<DebitAuthorisation>;
};
