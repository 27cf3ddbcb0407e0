import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useNavigate, useParams } from "react-router";
import { api, need, once } from "../api/client.ts";
import { FormError, useFormError } from "../components/field.tsx";
import { Loading, ProblemText } from "../components/status.tsx";
import { money } from "../format.ts";
import { useSession } from "../session.ts";

/** A civil date plus days (the server's date, so the app agrees with the server's clock). */
const addDays = (on: string, days: number) =>
  new Date(Date.parse(`${on}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Join a plan for oneself or a dependant: the declaration in force, the tier, and the waiting period. */
export function JoinPage() {
  const { t } = useTranslation();
  const { planId = "" } = useParams();
  const session = useSession();
  const navigate = useNavigate();
  const client = useQueryClient();
  const plan = useQuery({
    queryKey: ["plan", planId],
    queryFn: () => need(api.GET("/plans/{planId}", { params: { path: { planId } } })),
  });
  const me = useQuery({ queryKey: ["me"], queryFn: () => need(api.GET("/me")), enabled: !!session });
  const [who, setWho] = useState<number | null>(null);
  const [tier, setTier] = useState("");
  const [answers, setAnswers] = useState<Record<string, boolean>>({});
  const versions = plan.data?.versions ?? [];
  const rules = (versions.find((v) => v.effective === plan.data?.inForceOn) ?? versions[versions.length - 1])
    ?.rules;
  const declaration = rules?.eligibility.healthDeclaration;
  const join = useMutation({
    mutationFn: () =>
      once((h) =>
        api.POST("/participations", {
          body: {
            memberId: who ?? session!.memberId,
            planId,
            tier: tier || rules!.tiers[0]!.id,
            answers: Object.fromEntries(
              (declaration?.questions ?? []).map((q) => [q.id, answers[q.id] ?? false]),
            ),
            ...(declaration ? { answersVersion: declaration.version } : {}),
          },
          headers: h,
        }),
      ),
    onSuccess: async () => {
      // refetched before leaving (the list is not on screen here, so an invalidation alone would show
      // the old list on "my protection" until the refetch lands)
      await client.refetchQueries({ queryKey: ["participations"], type: "all" });
      navigate("/me");
    },
  });
  const error = useFormError(join.error, []);
  if (!session) return <Navigate to="/sign-in" replace />;
  if (plan.isPending || me.isPending) return <Loading />;
  if (plan.error || me.error) return <ProblemText error={plan.error ?? me.error} />;
  const waitingDays = Math.max(0, ...rules!.waiting.map((w) => w.days));
  return (
    <section>
      <h1>{t("join.title", { plan: plan.data.name })}</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          join.mutate();
        }}
      >
        <label className="field">
          <span>{t("join.who")}</span>
          <select value={who ?? ""} onChange={(e) => setWho(e.target.value ? Number(e.target.value) : null)}>
            <option value="">{t("join.self", { name: me.data.member.name })}</option>
            {me.data.dependants.map((d) => (
              <option key={d.memberId} value={d.memberId}>
                {t(`join.relation.${d.relation ?? "child"}`, { name: d.name })}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t("join.tier")}</span>
          <select value={tier} onChange={(e) => setTier(e.target.value)}>
            {rules!.tiers.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
        {declaration && (
          <fieldset>
            <legend>{t("join.declaration", { version: declaration.version })}</legend>
            {declaration.questions.map((q) => (
              <label key={q.id} className="row">
                <input
                  type="checkbox"
                  checked={answers[q.id] ?? false}
                  onChange={(e) => setAnswers({ ...answers, [q.id]: e.target.checked })}
                />
                <span>{q.text}</span>
              </label>
            ))}
            <p className="muted">{t("join.declarationHelp")}</p>
          </fieldset>
        )}
        <FirstDeposit planId={planId} funding={rules!.funding as Funding} />
        <p>{t("join.waiting", { days: waitingDays, date: addDays(plan.data.asOf, waitingDays) })}</p>
        <FormError text={error} />
        <button type="submit" disabled={join.isPending}>
          {t("join.confirm")}
        </button>
      </form>
    </section>
  );
}

type Funding = { mode: string; initialDeposit?: number };

/** A prepaid plan takes its first deposit before joining: paid through the checkout, naming the plan. */
function FirstDeposit({ planId, funding }: { planId: string; funding: Funding }) {
  const { t } = useTranslation();
  const firstDepositFen = funding.mode === "prepaid" ? (funding.initialDeposit ?? 0) : 0;
  if (firstDepositFen <= 0) return null;
  return (
    <p>
      {t("join.firstDeposit", { amount: money(firstDepositFen) })}{" "}
      <Link to={`/checkout?amountFen=${firstDepositFen}&planId=${encodeURIComponent(planId)}`}>
        {t("join.payFirstDeposit")}
      </Link>
    </p>
  );
}
