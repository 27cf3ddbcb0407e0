import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate } from "react-router";
import { api, need, once } from "../api/client.ts";
import type { Answer } from "../api/types.ts";
import { Field, FormError, useFormError } from "../components/field.tsx";
import { Loading, ProblemText } from "../components/status.tsx";
import { money } from "../format.ts";
import { useSession } from "../session.ts";
import { MyShares } from "./my-shares.tsx";

type Participation = Answer<"/participations", "get">["items"][number];

/** My protection, my money and my shares: the member's own screen. */
export function MePage() {
  const { t } = useTranslation();
  const session = useSession();
  const me = useQuery({ queryKey: ["me"], queryFn: () => need(api.GET("/me")), enabled: !!session });
  const parts = useQuery({
    queryKey: ["participations"],
    queryFn: () => need(api.GET("/participations")),
    enabled: !!session,
  });
  if (!session) return <Navigate to="/sign-in" replace />;
  if (me.isPending || parts.isPending) return <Loading />;
  if (me.error || parts.error) return <ProblemText error={me.error ?? parts.error} />;
  const names = new Map([me.data.member, ...me.data.dependants].map((m) => [m.memberId, m.name]));
  return (
    <section>
      <h1>{t("me.title", { name: me.data.member.name })}</h1>
      <p className="muted">
        {t("me.pseudonym")} <span className="mono">{me.data.member.pseudonym}</span>
      </p>
      <h2>{t("me.protection")}</h2>
      {parts.data.items.length === 0 && (
        <p>
          {t("me.noPlans")} <Link to="/">{t("me.browse")}</Link>
        </p>
      )}
      <ul className="cards">
        {parts.data.items.map((p) => (
          <ParticipationCard key={p.participationId} p={p} who={names.get(p.memberId) ?? ""} />
        ))}
      </ul>
      <p className="row">
        <Link to="/family">{t("dependants.link")}</Link>
        <Link to="/money">{t("money.link")}</Link>
        <Link to="/inbox">{t("inbox.link")}</Link>
      </p>
      <MoneyLine memberId={session.memberId} />
      <MyShares pseudonym={me.data.member.pseudonym} memberId={session.memberId} />
      <MyData memberId={session.memberId} />
    </section>
  );
}

function ParticipationCard({ p, who }: { p: Participation; who: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [mode, setMode] = useState(p.shareMode);
  const [limitYuan, setLimitYuan] = useState(p.shareLimitFen === null ? "" : String(p.shareLimitFen / 100));
  const save = useMutation({
    mutationFn: () =>
      once((h) =>
        api.PUT("/participations/{participationId}/share-mode", {
          params: { path: { participationId: String(p.participationId) } },
          body: { mode, shareLimitFen: mode === "auto_limit" ? Math.round(Number(limitYuan) * 100) : null },
          headers: h,
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ["participations"] }),
  });
  const error = useFormError(save.error, []);
  return (
    <li className="card">
      <h3>{t("me.participation", { plan: p.planId, who })}</h3>
      <dl className="facts">
        <dt>{t("me.state")}</dt>
        <dd>{t(`me.status.${p.status}`, { defaultValue: p.status })}</dd>
        <dt>{t("me.coveredFrom")}</dt>
        <dd>{p.coveredFrom}</dd>
        <dt>{t("me.tier")}</dt>
        <dd>{p.tier}</dd>
      </dl>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <label className="field">
          <span>{t("me.shareMode")}</span>
          <select value={mode} onChange={(e) => setMode(e.target.value as typeof mode)}>
            <option value="auto">{t("me.mode.auto")}</option>
            <option value="confirm">{t("me.mode.confirm")}</option>
            <option value="auto_limit">{t("me.mode.auto_limit")}</option>
          </select>
        </label>
        <p className="muted">{t(`me.modeHelp.${mode}`)}</p>
        {mode === "auto_limit" && (
          <Field
            name={`limit-${p.participationId}`}
            label={t("me.limit")}
            inputMode="decimal"
            value={limitYuan}
            onChange={(e) => setLimitYuan(e.target.value)}
          />
        )}
        <FormError text={error} />
        {save.isSuccess && <output className="block ok">{t("me.saved")}</output>}
        <button type="submit" className="secondary" disabled={save.isPending}>
          {t("me.saveMode")}
        </button>
      </form>
      {p.status !== "ended" && (
        <p className="row">
          <Link to={`/plans/${p.planId}/announcements`}>{t("announcements.link")}</Link>
          <Link to={`/exit/${p.participationId}`}>{t("exit.link")}</Link>
        </p>
      )}
    </li>
  );
}

/** The balance in one line; the money screen has the rest. */
function MoneyLine({ memberId }: { memberId: number }) {
  const { t } = useTranslation();
  const balance = useQuery({
    queryKey: ["balance", memberId],
    queryFn: () =>
      need(api.GET("/members/{memberId}/balance", { params: { path: { memberId: String(memberId) } } })),
  });
  return (
    <p>
      {t("money.balance")} <strong>{balance.data ? money(balance.data.balanceFen) : "…"}</strong>
    </p>
  );
}

/** Everything held about the member, downloaded as one JSON file (GET /members/{id}/export). */
function MyData({ memberId }: { memberId: number }) {
  const { t } = useTranslation();
  const download = useMutation({
    mutationFn: () =>
      need(api.GET("/members/{memberId}/export", { params: { path: { memberId: String(memberId) } } })),
    onSuccess: (data) => {
      const url = URL.createObjectURL(
        new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }),
      );
      const a = document.createElement("a");
      a.href = url;
      a.download = `huzhu-member-${memberId}.json`;
      a.click();
      URL.revokeObjectURL(url);
    },
  });
  return (
    <>
      <h2>{t("myData.title")}</h2>
      <p className="muted">{t("myData.help")}</p>
      {download.error && (
        <p className="error" role="alert">
          {t("myData.failed", { detail: download.error.message })}
        </p>
      )}
      <button
        type="button"
        className="secondary"
        disabled={download.isPending}
        onClick={() => download.mutate()}
      >
        {t("myData.download")}
      </button>
    </>
  );
}
