import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { api, need } from "../api/client.ts";
import { Chart } from "../components/chart.tsx";
import { Loading, ProblemText } from "../components/status.tsx";
import { count, money } from "../format.ts";

/** Every cycle's public disclosure of a plan, with charts of the share per member and the members. */
export function CyclesPage() {
  const { t } = useTranslation();
  const { planId = "" } = useParams();
  const cycles = useQuery({
    queryKey: ["cycles", planId],
    queryFn: () => need(api.GET("/cycles", { params: { query: { plan: planId } } })),
  });
  const items = cycles.data?.items ?? [];
  const labels = useMemo(() => items.map((c) => c.announcedOn), [items]);
  const shareSeries = useMemo(
    () => [
      {
        name: t("cycles.sharePerMember"),
        kind: "bar" as const,
        data: items.map((c) => (c.shares[0]?.shareFen ?? 0) / 100),
      },
    ],
    [items, t],
  );
  const memberSeries = useMemo(
    () => [{ name: t("cycles.members"), kind: "line" as const, data: items.map((c) => c.sharingMembers) }],
    [items, t],
  );
  if (cycles.isPending) return <Loading />;
  if (cycles.error) return <ProblemText error={cycles.error} />;
  return (
    <section>
      <h1>{t("cycles.title")}</h1>
      {items.length === 0 && <p className="muted">{t("cycles.none")}</p>}
      {items.length > 0 && (
        <>
          <h2>{t("cycles.sharePerMember")}</h2>
          <Chart labels={labels} series={shareSeries} label={t("cycles.shareChart")} />
          <h2>{t("cycles.members")}</h2>
          <Chart labels={labels} series={memberSeries} label={t("cycles.membersChart")} />
        </>
      )}
      <ul className="cards">
        {[...items].reverse().map((c) => (
          <li key={c.cycleId} className="card">
            <h3>
              {t("cycles.cycle", {
                date: c.announcedOn,
                status: t(`cycles.status.${c.status}`, { defaultValue: c.status }),
              })}
            </h3>
            <dl className="facts">
              <dt>{t("cycles.cases")}</dt>
              <dd>{count(c.cases)}</dd>
              <dt>{t("cycles.benefits")}</dt>
              <dd>{money(c.benefitsFen)}</dd>
              <dt>{t("cycles.fees")}</dt>
              <dd>{money(c.feesFen)}</dd>
              <dt>{t("cycles.sponsor")}</dt>
              <dd>{money(c.sponsorFen)}</dd>
              <dt>{t("cycles.surplus")}</dt>
              <dd>{t("cycles.surplusInOut", { in: money(c.surplusInFen), out: money(c.surplusOutFen) })}</dd>
              <dt>{t("cycles.sharing")}</dt>
              <dd>{count(c.sharingMembers)}</dd>
              <dt>{t("cycles.collected")}</dt>
              <dd>{money(c.collectedFen)}</dd>
              <dt>{t("cycles.failed")}</dt>
              <dd>{money(c.failedFen)}</dd>
              <dt>{t("cycles.advanced")}</dt>
              <dd>{money(c.advancedFen)}</dd>
            </dl>
            <table>
              <caption className="sr-only">{t("cycles.sharesCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("cycles.weight")}</th>
                  <th scope="col" className="num">
                    {t("cycles.members")}
                  </th>
                  <th scope="col" className="num">
                    {t("cycles.share")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {c.shares.map((s) => (
                  <tr key={s.weight}>
                    <td>{s.weight}</td>
                    <td className="num">{count(s.members)}</td>
                    <td className="num">{money(s.shareFen)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </li>
        ))}
      </ul>
    </section>
  );
}
