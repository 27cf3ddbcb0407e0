import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
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
            <h2>{p.name}</h2>
          </li>
        ))}
      </ul>
    </section>
  );
}
