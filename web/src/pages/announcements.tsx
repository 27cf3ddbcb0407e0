import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { api, need, once } from "../api/client.ts";
import type { Answer } from "../api/types.ts";
import { useFormError } from "../components/field.tsx";
import { Loading, ProblemText } from "../components/status.tsx";
import { dateTime, money } from "../format.ts";
import { reasonShown } from "../reasons.ts";
import { useSession } from "../session.ts";
import { useEventName } from "./claims.tsx";

type Case = Answer<"/plans/{planId}/announcements", "get">["items"][number];

/** 公示 of every plan: the public's way in (signed out too), a plan to choose. */
export function AnnouncementsIndexPage() {
  const { t } = useTranslation();
  const plans = useQuery({ queryKey: ["plans"], queryFn: () => need(api.GET("/plans")) });
  if (plans.isPending) return <Loading />;
  if (plans.error) return <ProblemText error={plans.error} />;
  return (
    <section>
      <h1>{t("announcements.indexTitle")}</h1>
      <p className="muted">{t("announcements.indexLead")}</p>
      <ul className="cards">
        {plans.data.items.map((p) => (
          <li key={p.planId} className="card">
            <Link className="stretch" to={`/plans/${p.planId}/announcements`}>
              <h2>{p.name}</h2>
              <p className="muted">{t("announcements.link")}</p>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * 公示: the plan's cases in their publicity period, masked, with their amounts, and what became of the
 * cases members objected to. Open to anyone; a signed-in member who shares in the plan may object.
 */
export function AnnouncementsPage() {
  const { t } = useTranslation();
  const { planId = "" } = useParams();
  const cases = useQuery({
    queryKey: ["announcements", planId],
    queryFn: () => need(api.GET("/plans/{planId}/announcements", { params: { path: { planId } } })),
  });
  if (cases.isPending) return <Loading />;
  if (cases.error) return <ProblemText error={cases.error} />;
  const total = cases.data.items.reduce((n, c) => n + c.benefitFen, 0);
  return (
    <section>
      <h1>{t("announcements.title", { plan: planId })}</h1>
      <p className="muted">{t("announcements.lead")}</p>
      {cases.data.items.length === 0 ? (
        <p>{t("announcements.none")}</p>
      ) : (
        <p>{t("announcements.total", { n: cases.data.items.length, amount: money(total) })}</p>
      )}
      <ul className="cards">
        {cases.data.items.map((c) => (
          <CaseCard key={c.claimId} c={c} planId={planId} />
        ))}
      </ul>
      <ObjectionOutcomes planId={planId} />
    </section>
  );
}

/** The cases members objected to, and what became of each (no grounds: those are the reviewers'). */
function ObjectionOutcomes({ planId }: { planId: string }) {
  const { t } = useTranslation();
  const eventName = useEventName(planId);
  const outcomes = useQuery({
    queryKey: ["objections", planId],
    queryFn: () => need(api.GET("/plans/{planId}/objections", { params: { path: { planId } } })),
  });
  if (outcomes.isPending) return <Loading />;
  if (outcomes.error) return <ProblemText error={outcomes.error} />;
  return (
    <>
      <h2>{t("announcements.outcomesTitle")}</h2>
      {outcomes.data.items.length === 0 && <p className="muted">{t("announcements.noOutcomes")}</p>}
      <ul className="cards">
        {outcomes.data.items.map((o) => (
          <li key={o.claimId} className="card">
            <h3 className="h3">{t("announcements.case", { id: o.claimId, name: o.nameMasked })}</h3>
            <p>
              {o.ageBand} · {eventName(o.event)}
              {o.benefitFen !== null && ` · ${money(o.benefitFen)}`}
            </p>
            <p>
              <strong className="badge">{t(`announcements.outcome.${o.outcome}`)}</strong>{" "}
              <span className="muted">
                {t("announcements.objections", {
                  n: o.objections,
                  at: dateTime(Date.parse(o.lastObjectedAt)),
                })}
              </span>
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}

function CaseCard({ c, planId }: { c: Case; planId: string }) {
  const { t } = useTranslation();
  const eventName = useEventName(planId);
  const session = useSession();
  const [grounds, setGrounds] = useState("");
  const [open, setOpen] = useState(false);
  const object = useMutation({
    mutationFn: () =>
      once((h) =>
        api.POST("/claims/{claimId}/objections", {
          params: { path: { claimId: String(c.claimId) } },
          body: { grounds },
          headers: h,
        }),
      ),
  });
  const error = useFormError(object.error, []);
  const id = `grounds-${c.claimId}`;
  return (
    <li className="card">
      <h2 className="h3">{t("announcements.case", { id: c.claimId, name: c.nameMasked })}</h2>
      <dl className="facts">
        <dt>{t("announcements.age")}</dt>
        <dd>{c.ageBand}</dd>
        <dt>{t("announcements.event")}</dt>
        <dd>{eventName(c.event)}</dd>
        <dt>{t("announcements.diagnosed")}</dt>
        <dd>{c.diagnosedOn}</dd>
        <dt>{t("announcements.benefit")}</dt>
        <dd>
          <strong>{money(c.benefitFen)}</strong>
        </dd>
        <dt>{t("announcements.until")}</dt>
        <dd>{c.objectionsUntil}</dd>
      </dl>
      {c.explanation && <p className="muted">{reasonShown(t, c, c.explanation, eventName)}</p>}
      {!session ? (
        <Link to="/sign-in">{t("announcements.signInToObject")}</Link>
      ) : object.isSuccess ? (
        <output className="block ok">{t("announcements.objected")}</output>
      ) : !open ? (
        <button type="button" className="secondary" onClick={() => setOpen(true)}>
          {t("announcements.object")}
        </button>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            object.mutate();
          }}
        >
          <label className="field" htmlFor={id}>
            <span>{t("announcements.grounds")}</span>
            <textarea id={id} rows={4} value={grounds} onChange={(e) => setGrounds(e.target.value)} />
          </label>
          <p className="muted">{t("announcements.groundsHelp")}</p>
          {error && (
            <p className="error refusal" role="alert">
              {error}
            </p>
          )}
          <button type="submit" disabled={object.isPending || grounds.trim().length === 0}>
            {t("announcements.send")}
          </button>
        </form>
      )}
    </li>
  );
}
