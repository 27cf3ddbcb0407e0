import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useLocation } from "react-router";
import { api, need, once } from "../api/client.ts";
import { useOwnCharges } from "../api/inbox.ts";
import { Chart } from "../components/chart.tsx";
import { ShareChecks } from "../components/share-checks.tsx";
import { ProblemText } from "../components/status.tsx";
import { money } from "../format.ts";
import { verifyShares } from "../verify.ts";

/** Each cycle's share, a chart over time, and verify: the proofs checked in this browser. */
export function MyShares({ pseudonym, memberId }: { pseudonym: string; memberId: number }) {
  const { t } = useTranslation();
  const shares = useQuery({
    queryKey: ["shares", pseudonym],
    queryFn: () => need(api.GET("/cycles/members/{pseudonym}/shares", { params: { path: { pseudonym } } })),
  });
  const verify = useMutation({ mutationFn: () => verifyShares(pseudonym) });
  // each share's state is the member's own (the inbox's line per cycle share), not on the public list
  const statusOf = new Map(useOwnCharges().map((c) => [c.cycleId, c.status]));
  const items = shares.data?.items ?? [];
  const labels = useMemo(() => items.map((s) => s.announcedOn), [items]);
  const series = useMemo(
    () => [{ name: t("shares.mine"), kind: "bar" as const, data: items.map((s) => s.shareFen / 100) }],
    [items, t],
  );
  const total = items.reduce((n, s) => n + s.shareFen, 0);
  // the money screen links here (`/me#shares`) to confirm a share: brought into view once listed
  const { hash } = useLocation();
  useEffect(() => {
    if (hash === "#shares" && items.length > 0) document.getElementById("shares")?.scrollIntoView();
  }, [hash, items.length]);
  return (
    <>
      <h2 id="shares">{t("shares.title")}</h2>
      {shares.error && <ProblemText error={shares.error} />}
      {(shares.data?.proofsPending.length ?? 0) > 0 && (
        <p className="muted">
          {t("shares.proofsPending", { cycles: shares.data?.proofsPending.join(", ") })}
        </p>
      )}
      {items.length === 0 && !shares.data?.proofsPending.length && (
        <p className="muted">{t("shares.none")}</p>
      )}
      {items.length > 0 && (
        <>
          <p>{t("shares.total", { amount: money(total), n: items.length })}</p>
          <Chart labels={labels} series={series} label={t("shares.chart")} />
          <table>
            <thead>
              <tr>
                <th scope="col">{t("shares.cycle")}</th>
                <th scope="col" className="num">
                  {t("shares.amount")}
                </th>
                <th scope="col">{t("shares.confirmation")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <tr key={s.cycleId}>
                  <td>{t("shares.cycleOn", { cycle: s.cycleId, date: s.announcedOn })}</td>
                  <td className="num">{money(s.shareFen)}</td>
                  <td>
                    <ShareAnswer cycleId={s.cycleId} memberId={memberId} status={statusOf.get(s.cycleId)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            <button type="button" onClick={() => verify.mutate()} disabled={verify.isPending}>
              {verify.isPending ? t("check.running") : t("shares.verify")}
            </button>
          </p>
          {verify.error && <ProblemText error={verify.error} />}
          {verify.data && <ShareChecks result={verify.data} />}
        </>
      )}
    </>
  );
}

/**
 * A share awaiting the member's answer (confirm each cycle, or over the limit) is confirmed or declined
 * between the announcement and the collection; any other share shows its state.
 */
function ShareAnswer({ cycleId, memberId, status }: { cycleId: number; memberId: number; status?: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const answer = useMutation({
    mutationFn: (confirm: boolean) =>
      once((h) =>
        api.POST(confirm ? "/cycles/{cycleId}/confirm" : "/cycles/{cycleId}/decline", {
          params: { path: { cycleId: String(cycleId) } },
          body: { memberId },
          headers: h,
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ["inbox"] }),
  });
  if (answer.data)
    return (
      <output className="ok">
        {t(`shares.state.${answer.data.status}`, { defaultValue: answer.data.status })}
      </output>
    );
  if (status !== "unconfirmed")
    return status ? (
      <span className="badge">{t(`shares.state.${status}`, { defaultValue: status })}</span>
    ) : null;
  return (
    <div className="row">
      <span className="muted">{t("shares.awaiting")}</span>
      <button type="button" onClick={() => answer.mutate(true)} disabled={answer.isPending}>
        {t("shares.confirm")}
      </button>
      <button
        type="button"
        className="secondary"
        onClick={() => answer.mutate(false)}
        disabled={answer.isPending}
      >
        {t("shares.decline")}
      </button>
      {answer.error && <ProblemText error={answer.error} />}
    </div>
  );
}
