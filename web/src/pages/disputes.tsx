import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, need, once } from "../api/client.ts";
import { useOwnCharges } from "../api/inbox.ts";
import type { Answer } from "../api/types.ts";
import { FormError, useFormError } from "../components/field.tsx";
import { ProblemText } from "../components/status.tsx";
import { money } from "../format.ts";

type Reason = Answer<"/members/{memberId}/disputes", "post">["reason"];
const reasons = ["not_authorised", "wrong_amount", "charged_twice", "not_a_member"] as const;

/** Dispute a collected deduction; staff refund it from the pool or reject it. Refunds show here. */
export function Disputes({ memberId }: { memberId: number }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const path = { params: { path: { memberId: String(memberId) } } };
  const list = useQuery({
    queryKey: ["disputes", memberId],
    queryFn: () => need(api.GET("/members/{memberId}/disputes", path)),
  });
  // the collected deductions, from the inbox's line per cycle share
  const collected = useOwnCharges().filter((c) => c.status === "collected");
  const [cycleId, setCycleId] = useState("");
  const [reason, setReason] = useState<Reason>("wrong_amount");
  const open = useMutation({
    mutationFn: () =>
      once((h) =>
        api.POST("/members/{memberId}/disputes", {
          ...path,
          body: {
            cycleId: Number(cycleId || collected[0]?.cycleId),
            reason: reason as (typeof reasons)[number],
          },
          headers: h,
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ["disputes", memberId] }),
  });
  const error = useFormError(open.error, []);
  return (
    <>
      <h2>{t("money.disputes")}</h2>
      {list.error && <ProblemText error={list.error} />}
      {list.data?.items.length === 0 && <p className="muted">{t("money.noDisputes")}</p>}
      <ul className="cards">
        {list.data?.items.map((d) => (
          <li key={d.disputeId} className="card">
            {t("money.dispute", { cycle: d.cycleId, amount: money(d.amountFen) })}{" "}
            <span className="badge">{t(`money.disputeStatus.${d.status}`)}</span>
            <br />
            <span className="muted">{t(`money.reason.${d.reason}`, { defaultValue: d.reason })}</span>
          </li>
        ))}
      </ul>
      {collected.length > 0 && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            open.mutate();
          }}
        >
          <label className="field">
            <span>{t("money.disputeCycle")}</span>
            <select value={cycleId} onChange={(e) => setCycleId(e.target.value)}>
              {collected.map((c) => (
                <option key={c.cycleId} value={c.cycleId}>
                  {t("money.deduction", { cycle: c.cycleId, date: c.announcedOn, amount: money(c.shareFen) })}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t("money.disputeReason")}</span>
            <select value={reason} onChange={(e) => setReason(e.target.value as Reason)}>
              {reasons.map((r) => (
                <option key={r} value={r}>
                  {t(`money.reason.${r}`)}
                </option>
              ))}
            </select>
          </label>
          <FormError text={error} />
          <button type="submit" className="secondary" disabled={open.isPending}>
            {t("money.disputeButton")}
          </button>
        </form>
      )}
    </>
  );
}
