import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useSearchParams } from "react-router";
import { api, need } from "../api/client.ts";
import type { Answer } from "../api/types.ts";
import { FormError, useFormError } from "../components/field.tsx";
import { money } from "../format.ts";
import { useSession } from "../session.ts";

type TopUp = Answer<"/members/{memberId}/top-ups", "post">;

/**
 * The payment provider's checkout, simulated: the provider's own page (not the app's), one payment
 * per key. It answers as a real one does: paid (201), refused (402, nothing taken) or still processing
 * (202: asking again with the same key gives the final result once the provider has it).
 */
export function CheckoutPage() {
  const { t } = useTranslation();
  const session = useSession();
  const client = useQueryClient();
  const [search] = useSearchParams();
  const amountFen = Number(search.get("amountFen"));
  // a first deposit names the prepaid plan it is for (a top-up otherwise funds the member's own one)
  const planId = search.get("planId") ?? undefined;
  // one key per attempt: a retry after a refusal is a new payment, a status check is the same one
  const [key, setKey] = useState(() => crypto.randomUUID());
  const pay = useMutation({
    mutationFn: async (): Promise<TopUp> => {
      const answer = await api.POST("/members/{memberId}/top-ups", {
        params: { path: { memberId: String(session!.memberId) } },
        body: { amountFen, ...(planId ? { planId } : {}) },
        headers: { "Idempotency-Key": key },
      });
      // 402 carries the refused payment, not a problem
      if (answer.response.status === 402 && (answer.error as TopUp | undefined)?.status === "failed")
        return answer.error as TopUp;
      return need(Promise.resolve(answer));
    },
    // the money screen and the balance line on /me both show what arrived
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: ["money"] }),
        client.invalidateQueries({ queryKey: ["balance"] }),
      ]),
  });
  // a replay of the POST answers its first response, so a pending payment's result is read by key
  const check = useMutation({
    mutationFn: () =>
      need(
        api.GET("/members/{memberId}/top-ups/{key}", {
          params: { path: { memberId: String(session!.memberId), key } },
        }),
      ),
    // the money screen and the balance line on /me both show what arrived
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: ["money"] }),
        client.invalidateQueries({ queryKey: ["balance"] }),
      ]),
  });
  const error = useFormError(pay.error ?? check.error, []);
  if (!session) return <Navigate to="/sign-in" replace />;
  const result = check.data ?? pay.data;
  const outcome = result?.status;
  return (
    <section className="checkout" aria-labelledby="checkout-title">
      <p className="provider">{t("money.checkout.provider")}</p>
      <h1 id="checkout-title">{t("money.checkout.title")}</h1>
      <dl className="facts">
        <dt>{t("money.checkout.merchant")}</dt>
        <dd>{t("app.name")}</dd>
        <dt>{t("money.checkout.amount")}</dt>
        <dd>
          <strong className="big">{money(amountFen)}</strong>
        </dd>
      </dl>
      {outcome && (
        <output className={`block ${outcome === "failed" ? "error" : "ok"}`}>
          {t(`money.outcome.${outcome}`, { amount: money(result!.amountFen) })}
          {outcome === "failed" && result?.failureReason
            ? ` ${t("money.checkout.reason", { reason: t(`money.checkout.reasons.${result.failureReason}`, { defaultValue: result.failureReason }) })}`
            : ""}
        </output>
      )}
      <FormError text={error} />
      {(!outcome || outcome === "pending") && (
        <button
          type="button"
          disabled={pay.isPending || check.isPending || !(amountFen > 0)}
          onClick={() => (outcome === "pending" ? check.mutate() : pay.mutate())}
        >
          {pay.isPending || check.isPending
            ? t("money.paying")
            : outcome === "pending"
              ? t("money.checkout.refresh")
              : t("money.checkout.pay", { amount: money(amountFen) })}
        </button>
      )}
      {outcome === "failed" && (
        <button
          type="button"
          onClick={() => {
            setKey(crypto.randomUUID());
            pay.reset();
            check.reset();
          }}
        >
          {t("money.checkout.again")}
        </button>
      )}
      <BackLink planId={planId} succeeded={outcome === "succeeded"} />
    </section>
  );
}

/** Back where the payment was for: the plan being joined once its first deposit is paid, else money. */
function BackLink({ planId, succeeded }: { planId: string | undefined; succeeded: boolean }) {
  const { t } = useTranslation();
  return (
    <p>
      {planId && succeeded ? (
        <Link to={`/join/${encodeURIComponent(planId)}`}>{t("money.checkout.backToJoin")}</Link>
      ) : (
        <Link to="/money">{succeeded ? t("money.checkout.back") : t("money.checkout.cancel")}</Link>
      )}
    </p>
  );
}
