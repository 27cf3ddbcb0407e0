import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useNavigate } from "react-router";
import { api, need, once } from "../api/client.ts";
import type { Answer } from "../api/types.ts";
import { Field, FormError, useFieldError, useFormError } from "../components/field.tsx";
import { Loading, ProblemText } from "../components/status.tsx";
import { money } from "../format.ts";
import { useSession } from "../session.ts";
import { Disputes } from "./disputes.tsx";

/** Yuan as typed ("20.50") in fen, or 0 when it is not an amount. */
export const fenOf = (yuan: string) => (Number(yuan) > 0 ? Math.round(Number(yuan) * 100) : 0);

/** My money: what is held and claimed, top-up through the checkout, withdrawal, advances, the debit authorisation, disputes. */
export function MoneyPage() {
  const { t } = useTranslation();
  const session = useSession();
  const memberId = session?.memberId ?? 0;
  const path = { params: { path: { memberId: String(memberId) } } };
  const view = useQuery({
    queryKey: ["money", memberId],
    queryFn: () => need(api.GET("/members/{memberId}/money", path)),
    enabled: !!session,
  });
  if (!session) return <Navigate to="/sign-in" replace />;
  if (view.isPending) return <Loading />;
  if (view.error) return <ProblemText error={view.error} />;
  const m = view.data;
  return (
    <section>
      <h1>{t("money.title")}</h1>
      <dl className="facts">
        <dt>{t("money.held")}</dt>
        <dd>
          <strong>{money(m.balanceFen)}</strong>
        </dd>
        <dt>{t("money.claimed")}</dt>
        <dd>{money(m.claimedByOpenCyclesFen)}</dd>
        <dt>{t("money.withdrawable")}</dt>
        <dd>{money(m.withdrawableFen)}</dd>
        <dt>{t("money.owed")}</dt>
        <dd>{money(m.advancesOwedFen)}</dd>
      </dl>
      {m.advancedShares.length > 0 && (
        <>
          <h2>{t("money.advances")}</h2>
          <p className="muted">{t("money.advancesHelp")}</p>
          <ul>
            {m.advancedShares.map((a) => (
              <li key={a.cycleId}>
                {t("money.advanced", { cycle: a.cycleId, plan: a.planId, date: a.announcedOn })}{" "}
                {money(a.shareFen)}
              </li>
            ))}
          </ul>
        </>
      )}
      <Awaiting shares={m.awaitingConfirmation} />
      <TopUp />
      <Withdraw memberId={memberId} withdrawableFen={m.withdrawableFen} />
      <DebitAuthorisation memberId={memberId} />
      <Disputes memberId={memberId} />
    </section>
  );
}

type AwaitingShare = Answer<"/members/{memberId}/money", "get">["awaitingConfirmation"][number];

/**
 * The shares a member in confirm mode has not answered: to confirm by the collection day (on the
 * shares list of /me), and those whose day passed without it (never debited, not owed).
 */
function Awaiting({ shares }: { shares: readonly AwaitingShare[] }) {
  const { t } = useTranslation();
  if (shares.length === 0) return null;
  const line = (a: AwaitingShare) => ({
    cycle: a.cycleId,
    plan: a.planId,
    date: a.announcedOn,
    amount: money(a.shareFen),
    by: a.confirmBy,
  });
  return (
    <>
      <h2>{t("money.awaiting")}</h2>
      <p className="muted">{t("money.awaitingHelp")}</p>
      <ul className="awaiting">
        {shares.map((a) => (
          <li key={a.cycleId}>
            {a.closed ? t("money.awaitingClosed", line(a)) : t("money.awaitingLine", line(a))}
          </li>
        ))}
      </ul>
      {shares.some((a) => !a.closed) && (
        <p>
          <Link to="/me#shares">{t("money.awaitingGo")}</Link>
        </p>
      )}
    </>
  );
}

/** The amount, then the payment provider's checkout (its own page, as a real provider's would be). */
function TopUp() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [yuan, setYuan] = useState("");
  return (
    <>
      <h2>{t("money.topUp")}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          navigate(`/checkout?amountFen=${fenOf(yuan)}`);
        }}
      >
        <Field
          name="topup"
          label={t("money.amount")}
          inputMode="decimal"
          value={yuan}
          onChange={(e) => setYuan(e.target.value)}
        />
        <button type="submit" disabled={fenOf(yuan) === 0}>
          {t("money.pay")}
        </button>
      </form>
    </>
  );
}

function Withdraw({ memberId, withdrawableFen }: { memberId: number; withdrawableFen: number }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [yuan, setYuan] = useState("");
  const withdraw = useMutation({
    mutationFn: () =>
      once((h) =>
        api.POST("/members/{memberId}/withdrawals", {
          params: { path: { memberId: String(memberId) } },
          body: { amountFen: fenOf(yuan) },
          headers: h,
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ["money", memberId] }),
  });
  const fieldError = useFieldError(withdraw.error);
  const error = useFormError(withdraw.error, ["amountFen"]);
  return (
    <>
      <h2>{t("money.withdraw")}</h2>
      <p className="muted">{t("money.withdrawHelp", { amount: money(withdrawableFen) })}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          withdraw.mutate();
        }}
      >
        <Field
          name="withdrawal"
          label={t("money.withdrawAmount")}
          inputMode="decimal"
          value={yuan}
          error={fieldError("amountFen")}
          onChange={(e) => setYuan(e.target.value)}
        />
        <button type="submit" className="secondary" disabled={withdraw.isPending || fenOf(yuan) === 0}>
          {t("money.withdrawButton")}
        </button>
        {withdraw.data && (
          <output className="block ok">
            {t("money.withdrawn", {
              amount: money(withdraw.data.amountFen),
              balance: money(withdraw.data.balanceFen),
            })}
          </output>
        )}
        <FormError text={error} />
      </form>
    </>
  );
}

/** 代扣签约: the provider may debit the shares from the member's account while it is signed. */
function DebitAuthorisation({ memberId }: { memberId: number }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const path = { params: { path: { memberId: String(memberId) } } };
  const state = useQuery({
    queryKey: ["mandate", memberId],
    queryFn: () => need(api.GET("/members/{memberId}/debit-authorisation", path)),
  });
  const change = useMutation({
    mutationFn: (sign: boolean) =>
      sign
        ? once((h) => api.POST("/members/{memberId}/debit-authorisation", { ...path, headers: h }))
        : once((h) => api.DELETE("/members/{memberId}/debit-authorisation", { ...path, headers: h })),
    onSuccess: (a) => client.setQueryData(["mandate", memberId], a),
  });
  const error = useFormError(change.error, []);
  const status = state.data?.status;
  return (
    <>
      <h2>{t("money.mandate")}</h2>
      <p className="muted">{t("money.mandateHelp")}</p>
      {state.error && <ProblemText error={state.error} />}
      {status && (
        <p>
          <output>
            {t(`money.mandateStatus.${status}`)}
            {status === "signed" && state.data?.expiresAt
              ? ` ${t("money.mandateUntil", { date: state.data.expiresAt.slice(0, 10) })}`
              : ""}
          </output>
        </p>
      )}
      {status && (
        <button
          type="button"
          className={status === "signed" ? "secondary" : undefined}
          disabled={change.isPending}
          onClick={() => change.mutate(status !== "signed")}
        >
          {status === "signed" ? t("money.revoke") : t("money.sign")}
        </button>
      )}
      <FormError text={error} />
    </>
  );
}
