import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { api, need } from "../api/client.ts";
import { Loading, ProblemText } from "../components/status.tsx";
import { money } from "../format.ts";

const loadPlan = (planId: string) => need(api.GET("/plans/{planId}", { params: { path: { planId } } }));
type Rules = Awaited<ReturnType<typeof loadPlan>>["versions"][number]["rules"];

export function PlanPage() {
  const { t } = useTranslation();
  const { planId = "" } = useParams();
  const plan = useQuery({
    queryKey: ["plan", planId],
    queryFn: () => loadPlan(planId),
  });
  if (plan.isPending) return <Loading />;
  if (plan.error) return <ProblemText error={plan.error} />;
  const p = plan.data;
  // the version in force on the server's date (its clock), else the latest (a plan not yet started)
  const current = p.versions.find((v) => v.effective === p.inForceOn) ?? p.versions[p.versions.length - 1]!;
  return (
    <section>
      <h1>{p.name}</h1>
      <p className="row">
        <span className="badge">{t(`plan.status.${p.status}`, { defaultValue: p.status })}</span>
        <Link to={`/plans/${p.planId}/cycles`}>{t("plan.disclosureLink")}</Link>
        <Link to={`/join/${p.planId}`}>{t("plan.joinLink")}</Link>
      </p>
      <RulesInPlainWords rules={current.rules} />
      <h2>{t("plan.history")}</h2>
      <ol className="cards">
        {[...p.versions].reverse().map((v) => (
          <li key={v.effective} className="card">
            <strong>{t("plan.effective", { date: v.effective })}</strong>
            {v.effective === p.inForceOn && <span className="badge">{t("plan.inForce")}</span>}
            <p>{v.summary ?? t("plan.noSummary")}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Percentages are stored in basis points (8% is 800). */
const percentOf = (bp: unknown) => Number(bp) / 100;

function RulesInPlainWords({ rules }: { rules: Rules }) {
  const { t } = useTranslation();
  const age = rules.eligibility.ageAtJoining;
  const caps = rules.apportionment.caps;
  return (
    <>
      <h2>{t("plan.covered")}</h2>
      <ul>
        {rules.eventClasses.map((e) => (
          <li key={e.id}>{e.name}</li>
        ))}
      </ul>
      <dl className="facts">
        <dt>{t("plan.who")}</dt>
        <dd>{t("plan.ages", { min: age.minDays ?? 0, max: age.maxYears ?? "—" })}</dd>
        <dt>{t("plan.waiting")}</dt>
        <dd>{rules.waiting.map((w) => t("plan.days", { n: w.days })).join(" / ")}</dd>
        <dt>{t("plan.phaseIn")}</dt>
        <dd>
          {(rules.phaseIn ?? []).length === 0
            ? t("plan.none")
            : (rules.phaseIn ?? [])
                .map((s) => t("plan.phaseStep", { day: s.fromMembershipDay, percent: percentOf(s.percent) }))
                .join("；")}
        </dd>
        <dt>{t("plan.capCase")}</dt>
        <dd>
          {caps.perCase
            ? t("plan.cap", {
                amount: money(Number(caps.perCase.amount)),
                bearer: t(`plan.bearer.${caps.perCase.excessBorneBy}`),
              })
            : t("plan.none")}
        </dd>
        <dt>{t("plan.capYear")}</dt>
        <dd>
          {caps.perYear
            ? t("plan.cap", {
                amount: money(Number(caps.perYear.amount)),
                bearer: t(`plan.bearer.${caps.perYear.excessBorneBy}`),
              })
            : t("plan.none")}
        </dd>
        <dt>{t("plan.fee")}</dt>
        <dd>
          {rules.fees
            .map((f) =>
              t(`plan.feeKind.${f.kind}`, {
                amount: "amount" in f ? money(Number(f.amount)) : "",
                percent: "percent" in f ? percentOf(f.percent) : "",
              }),
            )
            .join("；")}
        </dd>
        <dt>{t("plan.howShare")}</dt>
        <dd>{t("plan.shareRule")}</dd>
      </dl>
      <h3>{t("plan.benefits")}</h3>
      <table>
        <thead>
          <tr>
            <th scope="col">{t("plan.ageBand")}</th>
            <th scope="col">{t("plan.tier")}</th>
            <th scope="col" className="num">
              {t("plan.benefit")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rules.benefits.schedule.map((b, i) => (
            <tr key={`${b.event}-${b.tier}-${i}`}>
              <td>{t("plan.band", { from: b.ages?.from ?? 0, to: b.ages?.to ?? "—" })}</td>
              <td>{rules.tiers.find((x) => x.id === b.tier)?.name ?? t("plan.allTiers")}</td>
              <td className="num">
                {"amount" in b.benefit
                  ? money(Number(b.benefit.amount))
                  : t(`plan.formula.${b.benefit.kind}`)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
