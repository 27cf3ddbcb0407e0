import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, need } from "../api/client.ts";
import { Loading, ProblemText } from "../components/status.tsx";

export function HomePage() {
  const { t } = useTranslation();
  const plans = useQuery({ queryKey: ["plans"], queryFn: () => need(api.GET("/plans")) });
  return (
    <section>
      <h1>{t("home.title")}</h1>
      <p className="lead">{t("home.lead")}</p>
      {plans.isPending && <Loading />}
      {plans.error && <ProblemText error={plans.error} />}
      <ul className="cards">
        {plans.data?.items.map((p) => (
          <li key={p.planId} className="card">
            <h2>
              <Link to={`/plans/${p.planId}`}>{p.name}</Link>
            </h2>
            <p className="muted">{t("home.members", { n: p.activeMembers })}</p>
            <Link to={`/plans/${p.planId}/cycles`}>{t("home.disclosure")}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
