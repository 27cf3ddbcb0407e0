import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useNavigate } from "react-router";
import { api, need, once } from "../api/client.ts";
import { Field, FormError, useFieldError, useFormError } from "../components/field.tsx";
import { Loading, ProblemText } from "../components/status.tsx";
import { money } from "../format.ts";
import { useSession } from "../session.ts";

/** A civil date `days` after another (both "YYYY-MM-DD", in UTC so no zone moves the day). */
export const civilPlus = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** An event class's name in the plan's latest rules (its id until they have loaded). */
export function useEventName(planId: string) {
  const plan = useQuery({
    queryKey: ["plan", planId],
    queryFn: () => need(api.GET("/plans/{planId}", { params: { path: { planId } } })),
  });
  const rules = plan.data?.versions[plan.data.versions.length - 1]?.rules;
  return (id: string) => rules?.eventClasses.find((e) => e.id === id)?.name ?? id;
}

/** My claims (and my dependants'), each with its state and the next deadline. */
export function ClaimsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const claims = useQuery({
    queryKey: ["claims"],
    queryFn: () => need(api.GET("/claims")),
    enabled: !!session,
  });
  if (!session) return <Navigate to="/sign-in" replace />;
  if (claims.isPending) return <Loading />;
  if (claims.error) return <ProblemText error={claims.error} />;
  return (
    <section>
      <h1>{t("claims.title")}</h1>
      <p>
        <Link to="/claims/new">{t("claims.report")}</Link>
      </p>
      {claims.data.items.length === 0 && <p className="muted">{t("claims.none")}</p>}
      <ul className="cards">
        {claims.data.items.map((c) => (
          <li key={c.claimId} className="card">
            <Link className="stretch" to={`/claims/${c.claimId}`}>
              <h2>{t("claims.claimNo", { id: c.claimId, plan: c.planId })}</h2>
              <p>
                <span className="badge">{t(`claims.state.${c.state}`, { defaultValue: c.state })}</span>{" "}
                {t("claims.diagnosedOn", { date: c.diagnosedOn })}
              </p>
              {c.benefitFen !== null && <p>{t("claims.benefit", { amount: money(c.benefitFen) })}</p>}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Report a claim: whose participation, the event, the diagnosis date; the report's deadline shown as typed. */
export function ReportClaimPage() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const parts = useQuery({
    queryKey: ["participations"],
    queryFn: () => need(api.GET("/participations")),
    enabled: !!session,
  });
  const [participationId, setParticipationId] = useState<number | null>(null);
  const part = parts.data?.items.find((p) => p.participationId === participationId) ?? parts.data?.items[0];
  const planId = part?.planId ?? "";
  const plan = useQuery({
    queryKey: ["plan", planId],
    queryFn: () => need(api.GET("/plans/{planId}", { params: { path: { planId } } })),
    enabled: !!planId,
  });
  const rules = plan.data?.versions[plan.data.versions.length - 1]?.rules;
  const [event, setEvent] = useState("");
  const [diagnosedOn, setDiagnosedOn] = useState("");
  const [description, setDescription] = useState("");
  const report = useMutation({
    mutationFn: () =>
      once((h) =>
        api.POST("/claims", {
          body: {
            participationId: part!.participationId,
            event: event || rules!.eventClasses[0]!.id,
            diagnosedOn,
            ...(description.trim() ? { description } : {}),
          },
          headers: h,
        }),
      ),
    onSuccess: (c) => navigate(`/claims/${c.claimId}`),
  });
  const fieldError = useFieldError(report.error);
  const error = useFormError(report.error, ["diagnosedOn", "event", "description"]);
  if (!session) return <Navigate to="/sign-in" replace />;
  if (parts.isPending) return <Loading />;
  if (parts.error) return <ProblemText error={parts.error} />;
  if (!part) return <p className="muted">{t("claims.noParticipation")}</p>;
  const within = rules?.claims.reportWithinDays;
  return (
    <section>
      <h1>{t("claims.reportTitle")}</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          report.mutate();
        }}
      >
        <label className="field">
          <span>{t("claims.participation")}</span>
          <select value={part.participationId} onChange={(e) => setParticipationId(Number(e.target.value))}>
            {parts.data.items.map((p) => (
              <option key={p.participationId} value={p.participationId}>
                {t("claims.participationOption", { plan: p.planId, id: p.participationId })}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t("claims.event")}</span>
          <select value={event} onChange={(e) => setEvent(e.target.value)}>
            {(rules?.eventClasses ?? []).map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
        <Field
          name="diagnosedOn"
          label={t("claims.diagnosedOnLabel")}
          type="date"
          value={diagnosedOn}
          onChange={(e) => setDiagnosedOn(e.target.value)}
          error={fieldError("diagnosedOn")}
          required
        />
        {within !== undefined && (
          <p className="muted">
            {diagnosedOn
              ? t("claims.reportBy", { date: civilPlus(diagnosedOn, within), days: within })
              : t("claims.reportWithin", { days: within })}
          </p>
        )}
        <label className="field">
          <span>{t("claims.description")}</span>
          <textarea rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />
        </label>
        <FormError text={error} />
        <button type="submit" disabled={report.isPending || !diagnosedOn}>
          {report.isPending ? t("claims.sending") : t("claims.reportSubmit")}
        </button>
      </form>
    </section>
  );
}
