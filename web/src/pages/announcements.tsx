import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useParams } from "react-router";
import { api, need, once } from "../api/client.ts";
import type { Answer } from "../api/types.ts";
import { useFormError } from "../components/field.tsx";
import { Loading, ProblemText } from "../components/status.tsx";
import { money } from "../format.ts";
import { useSession } from "../session.ts";

type Case = Answer<"/plans/{planId}/announcements", "get">["items"][number];

/** 公示: the plan's cases in their publicity period, masked, with their amounts; a sharing member may object. */
export function AnnouncementsPage() {
  const { t } = useTranslation();
  const { planId = "" } = useParams();
  const session = useSession();
  const cases = useQuery({
    queryKey: ["announcements", planId],
    queryFn: () => need(api.GET("/plans/{planId}/announcements", { params: { path: { planId } } })),
    enabled: !!session,
  });
  if (!session) return <Navigate to="/sign-in" replace />;
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
          <CaseCard key={c.claimId} c={c} />
        ))}
      </ul>
    </section>
  );
}

function CaseCard({ c }: { c: Case }) {
  const { t } = useTranslation();
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
        <dd>{c.event}</dd>
        <dt>{t("announcements.diagnosed")}</dt>
        <dd>{c.diagnosedOn}</dd>
        <dt>{t("announcements.benefit")}</dt>
        <dd>
          <strong>{money(c.benefitFen)}</strong>
        </dd>
        <dt>{t("announcements.until")}</dt>
        <dd>{c.objectionsUntil}</dd>
      </dl>
      {c.explanation && <p className="muted">{c.explanation}</p>}
      {object.isSuccess ? (
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
