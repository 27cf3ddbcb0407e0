import { useMutation, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { api, need, once } from "../api/client.ts";
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
  const items = shares.data?.items ?? [];
  const labels = useMemo(() => items.map((s) => s.announcedOn), [items]);
  const series = useMemo(
    () => [{ name: t("shares.mine"), kind: "bar" as const, data: items.map((s) => s.shareFen / 100) }],
    [items, t],
  );
  const total = items.reduce((n, s) => n + s.shareFen, 0);
  return (
    <>
      <h2>{t("shares.title")}</h2>
      {shares.error && <ProblemText error={shares.error} />}
      {items.length === 0 && <p className="muted">{t("shares.none")}</p>}
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
              </tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <tr key={s.cycleId}>
                  <td>{t("shares.cycleOn", { cycle: s.cycleId, date: s.announcedOn })}</td>
                  <td className="num">{money(s.shareFen)}</td>
                  <td>
                    <ConfirmButton cycleId={s.cycleId} memberId={memberId} />
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

/** Confirms this cycle's share (for a member who confirms each cycle, or whose share is over the limit). */
function ConfirmButton({ cycleId, memberId }: { cycleId: number; memberId: number }) {
  const { t } = useTranslation();
  const confirm = useMutation({
    mutationFn: () =>
      once((h) =>
        api.POST("/cycles/{cycleId}/confirm", {
          params: { path: { cycleId: String(cycleId) } },
          body: { memberId },
          headers: h,
        }),
      ),
  });
  if (confirm.data)
    return (
      <span className="ok">
        {t(`shares.state.${confirm.data.status}`, { defaultValue: confirm.data.status })}
      </span>
    );
  return (
    <>
      <button
        type="button"
        className="secondary"
        onClick={() => confirm.mutate()}
        disabled={confirm.isPending}
      >
        {t("shares.confirm")}
      </button>
      {confirm.error && <ProblemText error={confirm.error} />}
    </>
  );
}
