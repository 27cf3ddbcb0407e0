import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useParams } from "react-router";
import { api, need, once } from "../api/client.ts";
import type { Answer } from "../api/types.ts";
import { FormError, useFieldError, useFormError } from "../components/field.tsx";
import { Loading, ProblemText } from "../components/status.tsx";
import { dateTime } from "../format.ts";
import { reasonShown } from "../reasons.ts";
import { useSession } from "../session.ts";
import { useEventName } from "./claims.tsx";

type Invitation = Answer<"/juries", "get">["items"][number];
type CaseFile = Answer<"/claims/{claimId}/jury/case", "get">;

function TallyText({ tally }: { tally: NonNullable<Invitation["tally"]> }) {
  const { t } = useTranslation();
  return (
    <span>
      {t(`jury.outcome.${tally.outcome}`, { defaultValue: tally.outcome })}{" "}
      {t("jury.counts", { inFavour: tally.inFavour, against: tally.against })}
    </span>
  );
}

/** The juries I was drawn for: open ones to read and vote on, closed ones with their result. */
export function JuryPage() {
  const { t } = useTranslation();
  const session = useSession();
  const invitations = useQuery({
    queryKey: ["juries"],
    queryFn: () => need(api.GET("/juries")),
    enabled: !!session,
  });
  if (!session) return <Navigate to="/sign-in" replace />;
  if (invitations.isPending) return <Loading />;
  if (invitations.error) return <ProblemText error={invitations.error} />;
  return (
    <section>
      <h1>{t("jury.title")}</h1>
      <p className="muted">{t("jury.help")}</p>
      {invitations.data.items.length === 0 && <p className="muted">{t("jury.none")}</p>}
      <ul className="cards">
        {invitations.data.items.map((j) => (
          <li key={j.claimId} className="card">
            <Link className="stretch" to={`/jury/${j.claimId}`}>
              <h2>{t("jury.invitation", { id: j.claimId, plan: j.planId })}</h2>
              <p>
                {j.tally ? (
                  <TallyText tally={j.tally} />
                ) : (
                  t("jury.openUntil", { at: dateTime(Date.parse(j.closesAt)) })
                )}
              </p>
              <p className="muted">
                {j.myVote === null ? t("jury.notVoted") : t(j.myVote ? "jury.votedFor" : "jury.votedAgainst")}
              </p>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The masked case file, then the vote; once the jury is closed, its result. */
export function JuryCasePage() {
  const { t } = useTranslation();
  const session = useSession();
  const claimId = String(Number(useParams().claimId));
  const file = useQuery({
    queryKey: ["jury-case", claimId],
    queryFn: () => need(api.GET("/claims/{claimId}/jury/case", { params: { path: { claimId } } })),
    enabled: !!session,
  });
  const invitations = useQuery({
    queryKey: ["juries"],
    queryFn: () => need(api.GET("/juries")),
    enabled: !!session,
  });
  if (!session) return <Navigate to="/sign-in" replace />;
  if (file.isPending || invitations.isPending) return <Loading />;
  if (file.error || invitations.error) return <ProblemText error={file.error ?? invitations.error} />;
  const mine = invitations.data.items.find((j) => String(j.claimId) === claimId);
  return (
    <section>
      <h1>{t("jury.caseTitle", { id: claimId })}</h1>
      <CaseFacts f={file.data} />
      {mine?.tally ? (
        <JuryOutcome claimId={Number(claimId)} />
      ) : (
        <VoteForm f={file.data} voted={mine?.myVote ?? null} />
      )}
    </section>
  );
}

function CaseFacts({ f }: { f: CaseFile }) {
  const { t } = useTranslation();
  const eventName = useEventName(f.planId);
  return (
    <>
      <dl className="facts">
        <dt>{t("jury.applicant")}</dt>
        <dd>{t("jury.applicantIs", { name: f.applicant.nameMasked, band: f.applicant.ageBand })}</dd>
        <dt>{t("jury.event")}</dt>
        <dd>{eventName(f.event)}</dd>
        <dt>{t("jury.diagnosedOn")}</dt>
        <dd>{f.diagnosedOn}</dd>
        <dt>{t("jury.ruleVersion")}</dt>
        <dd>{f.ruleVersion}</dd>
        {f.decision && (
          <>
            <dt>{t("jury.refusal")}</dt>
            <dd>
              {f.decision.reason &&
                t(`claims.reason.${f.decision.reason}`, { defaultValue: f.decision.reason })}
              <br />
              <span className="muted">{reasonShown(t, f.decision, f.decision.explanation, eventName)}</span>
            </dd>
          </>
        )}
      </dl>
      <h2>{t("jury.reasons")}</h2>
      <ol className="timeline">
        {f.reasons.map((r) => (
          <li key={`${r.on}-${r.action}-${r.to}`}>
            <strong>{t(`claims.action.${r.action}`, { defaultValue: r.action })}</strong>{" "}
            <span className="muted">{r.on}</span>
            {r.reason && <span> · {reasonShown(t, r, r.reason, eventName)}</span>}
          </li>
        ))}
      </ol>
      <h2>{t("jury.findings")}</h2>
      {f.findings.length === 0 && <p className="muted">{t("jury.noFindings")}</p>}
      {f.findings.map((x) => (
        <div key={x.at} className="card">
          <p>{x.findings}</p>
          {x.expertOpinion && <p className="muted">{t("jury.expert", { text: x.expertOpinion })}</p>}
          <p className="muted">
            {t(x.diagnosisProven ? "jury.proven" : "jury.notProven")} ·{" "}
            {t(x.preExisting ? "jury.preExisting" : "jury.notPreExisting")}
          </p>
        </div>
      ))}
      <h2>{t("jury.documents")}</h2>
      <ul>
        {f.documents.map((d, i) => (
          <li key={`${d.kind}-${i}`}>
            {t(`claims.kind.${d.kind}`, { defaultValue: d.kind })} · {d.contentType} ·{" "}
            {t("claims.kb", { n: Math.ceil(d.sizeBytes / 1024) })}
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * The jury's result and the jurors' reasons, unattributed, once it is tallied (the public record): for
 * the juror, and for the applicant on the claim's page. Nothing while the jury votes.
 */
export function JuryOutcome({ claimId }: { claimId: number }) {
  const { t } = useTranslation();
  const record = useQuery({
    queryKey: ["jury-record", claimId],
    queryFn: () =>
      need(api.GET("/claims/{claimId}/jury", { params: { path: { claimId: String(claimId) } } })),
  });
  if (record.isPending) return <Loading />;
  if (record.error) return <ProblemText error={record.error} />;
  const { tally, reasons } = record.data;
  if (!tally) return null;
  return (
    <div className="card">
      <h2>{t("jury.result")}</h2>
      <p>
        <TallyText tally={tally} />
      </p>
      {reasons.length > 0 && (
        <>
          <h3>{t("jury.theirReasons")}</h3>
          <ul>
            {reasons.map((r, i) => (
              // unattributed and unordered by the server: the index is the only key
              // biome-ignore lint/suspicious/noArrayIndexKey: the list is fixed once tallied
              <li key={i}>
                <strong>{t(r.inFavour ? "jury.for" : "jury.against")}</strong>: {r.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/**
 * The vote: overturn the refusal or let it stand, with the juror's reason either way (the seeds: a
 * juror votes and deliberates, 评议). The reason is published unattributed once the jury is tallied.
 */
function VoteForm({ f, voted }: { f: CaseFile; voted: boolean | null }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [choice, setChoice] = useState<"for" | "against" | "">("");
  const [reason, setReason] = useState("");
  const vote = useMutation({
    mutationFn: () =>
      once((h) =>
        api.POST("/claims/{claimId}/jury/votes", {
          params: { path: { claimId: String(f.claimId) } },
          body: { inFavour: choice === "for", reason },
          headers: h,
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ["juries"] }),
  });
  const error = useFormError(vote.error, ["reason"]);
  const reasonError = useFieldError(vote.error)("reason");
  const done = vote.data?.inFavour ?? voted;
  if (done !== null && done !== undefined)
    return <output className="block ok">{t(done ? "jury.votedFor" : "jury.votedAgainst")}</output>;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        vote.mutate();
      }}
    >
      <fieldset>
        <legend>{t("jury.voteLegend", { at: dateTime(Date.parse(f.vote.closesAt)) })}</legend>
        <label className="row">
          <input type="radio" name="vote" checked={choice === "for"} onChange={() => setChoice("for")} />
          <span>{t("jury.for")}</span>
        </label>
        <label className="row">
          <input
            type="radio"
            name="vote"
            checked={choice === "against"}
            onChange={() => setChoice("against")}
          />
          <span>{t("jury.against")}</span>
        </label>
      </fieldset>
      <label className="field">
        <span>{t("jury.reasonLabel")}</span>
        <textarea
          name="reason"
          rows={3}
          required
          maxLength={1000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={reasonError ? "reason-error" : "reason-help"}
        />
        <small id="reason-help" className="muted">
          {t("jury.reasonHelp")}
        </small>
        {reasonError && (
          <small id="reason-error" className="error">
            {reasonError}
          </small>
        )}
      </label>
      <FormError text={error} />
      <button type="submit" disabled={!choice || !reason.trim() || vote.isPending}>
        {vote.isPending ? t("claims.sending") : t("jury.cast")}
      </button>
    </form>
  );
}
