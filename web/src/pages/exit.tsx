import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useParams } from "react-router";
import { api, need, once } from "../api/client.ts";
import { FormError, useFormError } from "../components/field.tsx";
import { Loading, ProblemText } from "../components/status.tsx";
import { money } from "../format.ts";
import { useSession } from "../session.ts";

/** Leave a plan: what leaving settles (advances paid, refund, what stays owed) shown before confirming. */
export function ExitPage() {
  const { t } = useTranslation();
  const { participationId = "" } = useParams();
  const session = useSession();
  const client = useQueryClient();
  const path = { params: { path: { participationId } } };
  const part = useQuery({
    queryKey: ["participation", participationId],
    queryFn: () => need(api.GET("/participations/{participationId}", path)),
    enabled: !!session,
  });
  const terms = useQuery({
    queryKey: ["exit", participationId],
    queryFn: () => need(api.GET("/participations/{participationId}/exit", path)),
    enabled: !!session && part.data?.status !== "ended",
    retry: false,
  });
  const leave = useMutation({
    mutationFn: () =>
      once((h) => api.POST("/participations/{participationId}/exit", { ...path, headers: h })),
    onSuccess: () => client.invalidateQueries({ queryKey: ["participations"] }),
  });
  const error = useFormError(leave.error, []);
  if (!session) return <Navigate to="/sign-in" replace />;
  if (part.isPending) return <Loading />;
  if (part.error) return <ProblemText error={part.error} />;
  const p = part.data;
  if (leave.data)
    return (
      <section>
        <h1>{t("exit.doneTitle", { plan: p.planId })}</h1>
        <output className="block ok">
          {t("exit.done", {
            date: leave.data.participation.endedOn,
            refund: money(leave.data.refundFen),
            owed: money(leave.data.stillOwedFen),
          })}
        </output>
        <p>
          <Link to="/me">{t("exit.back")}</Link>
        </p>
      </section>
    );
  return (
    <section>
      <h1>{t("exit.title", { plan: p.planId })}</h1>
      {p.status === "ended" && <p>{t("exit.ended", { date: p.endedOn })}</p>}
      {terms.isPending && p.status !== "ended" && <Loading />}
      {terms.error && <ProblemText error={terms.error} />}
      {terms.data && (
        <>
          <p>{t("exit.lead")}</p>
          <dl className="facts">
            <dt>{t("exit.balance")}</dt>
            <dd>{money(terms.data.balanceFen)}</dd>
            <dt>{t("exit.owed")}</dt>
            <dd>{money(terms.data.advancesOwedFen)}</dd>
            <dt>{t("exit.settled")}</dt>
            <dd>{money(terms.data.settledFromBalanceFen)}</dd>
            <dt>{t("exit.refund")}</dt>
            <dd>
              <strong>{money(terms.data.refundFen)}</strong>
            </dd>
            <dt>{t("exit.stillOwed")}</dt>
            <dd>
              <strong>{money(terms.data.stillOwedFen)}</strong>
            </dd>
          </dl>
          {terms.data.refundFen === 0 && terms.data.balanceFen > terms.data.settledFromBalanceFen && (
            <p className="muted">{t("exit.keptForOther")}</p>
          )}
          <p className="muted">{t("exit.warning")}</p>
          <FormError text={error} />
          <div className="row">
            <button type="button" disabled={leave.isPending} onClick={() => leave.mutate()}>
              {t("exit.confirm")}
            </button>
            <Link to="/me">{t("exit.cancel")}</Link>
          </div>
        </>
      )}
    </section>
  );
}
