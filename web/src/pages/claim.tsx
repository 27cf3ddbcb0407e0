import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useParams } from "react-router";
import { api, need, once } from "../api/client.ts";
import type { Answer } from "../api/types.ts";
import { FormError, useFormError } from "../components/field.tsx";
import { Loading, ProblemText } from "../components/status.tsx";
import { money } from "../format.ts";
import { reasonShown } from "../reasons.ts";
import { useSession } from "../session.ts";
import { useEventName } from "./claims.tsx";
import { JuryOutcome } from "./jury.tsx";

type Claim = Answer<"/claims/{claimId}", "get">;

/** The kinds of document the checklist asks for; the rules require a diagnosis before submitting. */
const KINDS = ["diagnosis", "medical_record", "invoice", "identity", "other"] as const;
const DEADLINES = ["documentsDueOn", "reviewDueOn", "appealDueOn", "publicityEndsOn", "payoutDueOn"] as const;

function useClaimAction(claimId: number) {
  const client = useQueryClient();
  return (action: "submit" | "appeal" | "explanation", body?: { text: string }) =>
    once((h) =>
      api.POST(`/claims/{claimId}/${action}`, {
        params: { path: { claimId: String(claimId) } },
        ...(body ? { body } : {}),
        headers: h,
      } as never),
    ).then(async (c) => {
      client.setQueryData(["claim", claimId], c);
      await client.invalidateQueries({ queryKey: ["claims"] });
    });
}

/** One claim: its state, every deadline, the documents checklist, the steps so far and what comes next. */
export function ClaimPage() {
  const { t } = useTranslation();
  const session = useSession();
  const claimId = Number(useParams().claimId);
  const claim = useQuery({
    queryKey: ["claim", claimId],
    queryFn: () => need(api.GET("/claims/{claimId}", { params: { path: { claimId: String(claimId) } } })),
    enabled: !!session,
  });
  if (!session) return <Navigate to="/sign-in" replace />;
  if (claim.isPending) return <Loading />;
  if (claim.error) return <ProblemText error={claim.error} />;
  const c = claim.data;
  return (
    <section>
      <h1>{t("claims.claimNo", { id: c.claimId, plan: c.planId })}</h1>
      <p>
        {t("claims.stateNow")}{" "}
        <strong className="badge">{t(`claims.state.${c.state}`, { defaultValue: c.state })}</strong>
      </p>
      <Summary c={c} />
      <Deadlines c={c} />
      <Documents c={c} />
      <NextSteps c={c} />
      {c.appealed && <JuryOutcome claimId={c.claimId} />}
      <Progress c={c} />
    </section>
  );
}

function Summary({ c }: { c: Claim }) {
  const { t } = useTranslation();
  const eventName = useEventName(c.planId);
  return (
    <dl className="facts">
      <dt>{t("claims.applicant")}</dt>
      <dd>{c.nameMasked}</dd>
      <dt>{t("claims.event")}</dt>
      <dd>{eventName(c.event)}</dd>
      <dt>{t("claims.diagnosedOnLabel")}</dt>
      <dd>{c.diagnosedOn}</dd>
      <dt>{t("claims.reportedOn")}</dt>
      <dd>{c.reportedOn}</dd>
      {c.decision && (
        <>
          <dt>{t("claims.decision")}</dt>
          <dd>
            {c.decision.approved ? t("claims.approved") : t("claims.refused")}
            {c.decision.reason &&
              ` (${t(`claims.reason.${c.decision.reason}`, { defaultValue: c.decision.reason })})`}
            <br />
            <span className="muted">{reasonShown(t, c.decision, c.decision.explanation, eventName)}</span>
          </dd>
        </>
      )}
      {c.benefitFen !== null && (
        <>
          <dt>{t("claims.benefitLabel")}</dt>
          <dd>{money(c.benefitFen)}</dd>
        </>
      )}
      {c.payout?.paidFen != null && (
        <>
          <dt>{t("claims.paid")}</dt>
          <dd>
            {money(c.payout.paidFen)}
            <br />
            <span className="muted">{reasonShown(t, c.payout.reason, c.payout.reason.text)}</span>
          </dd>
        </>
      )}
      <dt>{t("claims.deposit")}</dt>
      <dd>
        {c.deposit.fen === null || c.deposit.status === "none"
          ? t("claims.noDeposit")
          : t("claims.depositIs", {
              amount: money(c.deposit.fen),
              status: t(`claims.depositStatus.${c.deposit.status}`, { defaultValue: c.deposit.status ?? "" }),
            })}
      </dd>
    </dl>
  );
}

function Deadlines({ c }: { c: Claim }) {
  const { t } = useTranslation();
  const shown = DEADLINES.filter((k) => c.deadlines[k]);
  if (shown.length === 0) return null;
  return (
    <>
      <h2>{t("claims.deadlines")}</h2>
      <dl className="facts">
        {shown.map((k) => (
          <div key={k} className="contents">
            <dt>{t(`claims.deadline.${k}`)}</dt>
            <dd>{c.deadlines[k]}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

/** The checklist and the upload: from the camera or a file, one kind at a time. */
function Documents({ c }: { c: Claim }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [kind, setKind] = useState<string>("diagnosis");
  const upload = useMutation({
    mutationFn: (file: File) =>
      once((h) =>
        api.POST("/claims/{claimId}/documents", {
          params: { path: { claimId: String(c.claimId) }, query: { kind } },
          body: file as never,
          bodySerializer: (b: unknown) => b as File,
          headers: { ...h, "content-type": file.type || "application/octet-stream" },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ["claim", c.claimId] }),
  });
  const error = useFormError(upload.error, []);
  const docs = c.documents ?? [];
  const open = ["reported", "documents", "review", "investigation"].includes(c.state);
  const has = (k: string) => docs.some((d) => d.kind === k);
  return (
    <>
      <h2>{t("claims.documents")}</h2>
      <ul className="checklist">
        <li className={has("diagnosis") ? "ok" : ""}>
          {has("diagnosis") ? "✓ " : "○ "}
          {t("claims.check.diagnosis")}
        </li>
        <li className="muted">{t("claims.check.more")}</li>
        <li className="muted">{t("claims.check.types")}</li>
        {c.deadlines.documentsDueOn && (
          <li className="muted">{t("claims.check.dueBy", { date: c.deadlines.documentsDueOn })}</li>
        )}
      </ul>
      {docs.length > 0 && (
        <ul>
          {docs.map((d) => (
            <li key={d.sha256}>
              {t(`claims.kind.${d.kind}`, { defaultValue: d.kind })} · {d.contentType} ·{" "}
              {t("claims.kb", { n: Math.ceil(d.sizeBytes / 1024) })}
            </li>
          ))}
        </ul>
      )}
      {open && (
        <form onSubmit={(e) => e.preventDefault()}>
          <label className="field">
            <span>{t("claims.kindLabel")}</span>
            <select value={kind} onChange={(e) => setKind(e.target.value)}>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`claims.kind.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t("claims.file")}</span>
            <input
              type="file"
              accept="image/*,application/pdf"
              capture="environment"
              disabled={upload.isPending}
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) upload.mutate(file);
                e.target.value = "";
              }}
            />
          </label>
          {upload.isPending && <output className="block muted">{t("claims.uploading")}</output>}
          {upload.isSuccess && <output className="block ok">{t("claims.uploaded")}</output>}
          <FormError text={error} />
        </form>
      )}
    </>
  );
}

/** What the applicant can do now: submit the documents, appeal a refusal, answer an objection. */
function NextSteps({ c }: { c: Claim }) {
  const { t } = useTranslation();
  const act = useClaimAction(c.claimId);
  const [text, setText] = useState("");
  const run = useMutation({
    mutationFn: (a: { action: "submit" | "appeal" | "explanation"; body?: { text: string } }) =>
      act(a.action, a.body),
  });
  const error = useFormError(run.error, []);
  const canSubmit = c.state === "documents";
  const canAppeal = c.state === "rejected" && !c.appealed && !!c.deadlines.appealDueOn;
  return (
    <>
      {canSubmit && (
        <p>
          <button type="button" disabled={run.isPending} onClick={() => run.mutate({ action: "submit" })}>
            {t("claims.submit")}
          </button>
        </p>
      )}
      {canAppeal && (
        <div className="card">
          <p>{t("claims.appealHelp", { date: c.deadlines.appealDueOn })}</p>
          <button type="button" disabled={run.isPending} onClick={() => run.mutate({ action: "appeal" })}>
            {t("claims.appeal")}
          </button>
        </div>
      )}
      {(c.objections ?? []).length > 0 && <Objections c={c} />}
      {c.explanationRequested && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            run.mutate({ action: "explanation", body: { text } });
          }}
        >
          <label className="field">
            <span>{t("claims.explain")}</span>
            <textarea rows={3} value={text} onChange={(e) => setText(e.target.value)} />
          </label>
          <button type="submit" disabled={run.isPending || !text.trim()}>
            {t("claims.sendExplanation")}
          </button>
        </form>
      )}
      {run.isPending && <output className="block muted">{t("claims.sending")}</output>}
      <FormError text={error} />
    </>
  );
}

function Objections({ c }: { c: Claim }) {
  const { t } = useTranslation();
  return (
    <>
      <h2>{t("claims.objections")}</h2>
      <ul>
        {(c.objections ?? []).map((o) => (
          <li key={o.at}>{o.grounds}</li>
        ))}
      </ul>
      {(c.explanations ?? []).length > 0 && (
        <ul>
          {(c.explanations ?? []).map((e) => (
            <li key={e.at} className="muted">
              {t("claims.explained", { text: e.text })}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** Every transition so far, with its reason, its rule version and its date. */
function Progress({ c }: { c: Claim }) {
  const { t } = useTranslation();
  const eventName = useEventName(c.planId);
  return (
    <>
      <h2>{t("claims.progress")}</h2>
      <ol className="timeline">
        {(c.transitions ?? []).map((s) => (
          <li key={`${s.at}-${s.action}`}>
            <strong>{t(`claims.action.${s.action}`, { defaultValue: s.action })}</strong>{" "}
            <span className="muted">{s.on}</span>
            <br />
            {t("claims.moved", {
              to: t(`claims.state.${s.to}`, { defaultValue: s.to }),
            })}
            {s.reason && <span className="muted"> · {reasonShown(t, s, s.reason, eventName)}</span>}
          </li>
        ))}
      </ol>
    </>
  );
}
