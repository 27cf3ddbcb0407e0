import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { api, need, once } from "../api/client.ts";
import type { Answer } from "../api/types.ts";
import { FormError, useFormError } from "../components/field.tsx";
import { Loading, ProblemText } from "../components/status.tsx";
import { dateTime } from "../format.ts";
import { useSession } from "../session.ts";

type Proposal = Answer<"/proposals/{proposalId}", "get">;

/** `benefits.schedule[0].benefit.amount: 300000 → 200000` as its rule, before and after. */
export function diffLine(line: string): { path: string; before: string; after: string } {
  const colon = line.indexOf(": ");
  const arrow = line.lastIndexOf(" → ");
  if (colon < 0 || arrow < colon) return { path: line, before: "", after: "" };
  return { path: line.slice(0, colon), before: line.slice(colon + 2, arrow), after: line.slice(arrow + 3) };
}

function StateBadge({ p }: { p: Pick<Proposal, "state" | "changeClass"> }) {
  const { t } = useTranslation();
  return (
    <p className="row">
      <span className="badge">{t(`proposals.state.${p.state}`, { defaultValue: p.state })}</span>
      <span className="badge">{t(`proposals.class.${p.changeClass}`, { defaultValue: p.changeClass })}</span>
    </p>
  );
}

/** Every proposal to change a plan's rules (public), newest first. */
export function ProposalsPage() {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: ["proposals"], queryFn: () => need(api.GET("/proposals")) });
  if (list.isPending) return <Loading />;
  if (list.error) return <ProblemText error={list.error} />;
  const items = [...list.data.items].reverse();
  return (
    <section>
      <h1>{t("proposals.title")}</h1>
      <p className="muted">{t("proposals.help")}</p>
      {items.length === 0 && <p className="muted">{t("proposals.none")}</p>}
      <ul className="cards">
        {items.map((p) => (
          <li key={p.proposalId} className="card">
            <Link className="stretch" to={`/proposals/${p.proposalId}`}>
              <h2>{p.title}</h2>
              <StateBadge p={p} />
              <p className="muted">
                {t("proposals.summary", { plan: p.planId, n: p.diff.length, comments: p.comments })}
              </p>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A proposal: its text, the readable diff, its dates and evaluations, comments, the vote and the result. */
export function ProposalPage() {
  const proposalId = String(Number(useParams().proposalId));
  const p = useQuery({
    queryKey: ["proposal", proposalId],
    queryFn: () => need(api.GET("/proposals/{proposalId}", { params: { path: { proposalId } } })),
  });
  if (p.isPending) return <Loading />;
  if (p.error) return <ProblemText error={p.error} />;
  const x = p.data;
  return (
    <section>
      <h1>{x.title}</h1>
      <StateBadge p={x} />
      <p>{x.text}</p>
      <Diff p={x} />
      <Dates p={x} />
      <Result p={x} />
      {x.state === "published" && x.voteRequired && <Ballot p={x} />}
      <Evaluations p={x} />
      <Comments p={x} />
    </section>
  );
}

function Diff({ p }: { p: Proposal }) {
  const { t } = useTranslation();
  return (
    <>
      <h2>{t("proposals.diff")}</h2>
      {p.diff.length === 0 && <p className="muted">{t("proposals.noDiff")}</p>}
      <ul className="diff">
        {p.diff.map((line) => {
          const d = diffLine(line);
          return (
            <li key={line}>
              <span className="mono">{d.path}</span>
              <br />
              <del>
                <span className="sr-only">{t("proposals.before")}</span>
                {d.before}
              </del>{" "}
              →{" "}
              <ins>
                <span className="sr-only">{t("proposals.after")}</span>
                {d.after}
              </ins>
            </li>
          );
        })}
      </ul>
      {p.classReasons.length > 0 && (
        <ul className="muted">
          {p.classReasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
    </>
  );
}

function Dates({ p }: { p: Proposal }) {
  const { t } = useTranslation();
  const rows = [
    ["publishedOn", p.publishedOn],
    ["noticeEndsOn", p.noticeEndsOn],
    ["votingClosesOn", p.votingClosesOn],
    ["effectiveOn", p.effectiveOn],
    ["adoptedVersion", p.adoptedVersion],
  ].filter(([, v]) => v);
  return (
    <dl className="facts">
      <dt>{t("proposals.plan")}</dt>
      <dd>{p.planId}</dd>
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt>{t(`proposals.date.${k}`)}</dt>
          <dd>{v}</dd>
        </div>
      ))}
      {p.voteRule && (
        <>
          <dt>{t("proposals.rule")}</dt>
          <dd>
            {t(`proposals.comparison.${p.voteRule.comparison}`, {
              percent: p.voteRule.thresholdPercent,
              quorum: p.quorumPercent,
            })}
          </dd>
        </>
      )}
    </dl>
  );
}

function Result({ p }: { p: Proposal }) {
  const { t } = useTranslation();
  if (!p.tally) return null;
  return (
    <div className={`card ${p.tally.passed ? "ok" : "error"}`}>
      <h2>{t("proposals.result")}</h2>
      <p>
        {t(p.tally.passed ? "proposals.passed" : "proposals.notPassed", {
          inFavour: p.tally.inFavour,
          against: p.tally.against,
          eligible: p.tally.eligible,
        })}
      </p>
      {p.tally.explanation && <p className="muted">{p.tally.explanation}</p>}
    </div>
  );
}

/** The member's ballot: changeable until the window closes, the last one counts. */
function Ballot({ p }: { p: Proposal }) {
  const { t } = useTranslation();
  const session = useSession();
  const cast = useMutation({
    mutationFn: (inFavour: boolean) =>
      once((h) =>
        api.POST("/proposals/{proposalId}/ballots", {
          params: { path: { proposalId: String(p.proposalId) } },
          body: { inFavour },
          headers: h,
        }),
      ),
  });
  const error = useFormError(cast.error, []);
  if (!session)
    return (
      <p>
        <Link to="/sign-in">{t("proposals.signInToVote")}</Link>
      </p>
    );
  return (
    <div className="card">
      <h2>{t("proposals.vote")}</h2>
      <p className="muted">{t("proposals.voteHelp", { date: p.votingClosesOn })}</p>
      <p className="row">
        <button type="button" disabled={cast.isPending} onClick={() => cast.mutate(true)}>
          {t("proposals.for")}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={cast.isPending}
          onClick={() => cast.mutate(false)}
        >
          {t("proposals.against")}
        </button>
      </p>
      {cast.data && (
        <output className="block ok">
          {t(cast.data.inFavour ? "proposals.votedFor" : "proposals.votedAgainst", { seq: cast.data.seq })}
        </output>
      )}
      <FormError text={error} />
    </div>
  );
}

function Evaluations({ p }: { p: Proposal }) {
  const { t } = useTranslation();
  if (p.evaluations.length === 0 && p.events.length === 0) return null;
  return (
    <>
      <h2>{t("proposals.evaluations")}</h2>
      <ul>
        {p.evaluations.map((e) => (
          <li key={e.at}>
            <strong>
              {t(`proposals.role.${e.role}`, { defaultValue: e.role })}
              {e.expertName && ` ${e.expertName}`}
            </strong>{" "}
            {t(e.recommend ? "proposals.recommends" : "proposals.advisesAgainst")}
            <br />
            <span className="muted">{e.opinion}</span>
          </li>
        ))}
      </ul>
      <h2>{t("proposals.history")}</h2>
      <ol className="timeline">
        {p.events.map((e) => (
          <li key={`${e.at}-${e.action}`}>
            <strong>{t(`proposals.state.${e.to}`, { defaultValue: e.to })}</strong>{" "}
            <span className="muted">{dateTime(Date.parse(e.at))}</span>
            {e.reason && <span className="muted"> · {e.reason}</span>}
          </li>
        ))}
      </ol>
    </>
  );
}

function Comments({ p }: { p: Proposal }) {
  const { t } = useTranslation();
  const session = useSession();
  const client = useQueryClient();
  const id = String(p.proposalId);
  const comments = useQuery({
    queryKey: ["comments", id],
    queryFn: () =>
      need(api.GET("/proposals/{proposalId}/comments", { params: { path: { proposalId: id } } })),
  });
  const [text, setText] = useState("");
  const post = useMutation({
    mutationFn: () =>
      once((h) =>
        api.POST("/proposals/{proposalId}/comments", {
          params: { path: { proposalId: id } },
          body: { text },
          headers: h,
        }),
      ),
    onSuccess: async () => {
      setText("");
      await client.invalidateQueries({ queryKey: ["comments", id] });
    },
  });
  const error = useFormError(post.error, []);
  return (
    <>
      <h2>{t("proposals.comments")}</h2>
      {comments.data?.items.length === 0 && <p className="muted">{t("proposals.noComments")}</p>}
      <ul>
        {(comments.data?.items ?? []).map((c) => (
          <li key={c.commentId}>
            {c.text}
            <br />
            <span className="muted mono">{c.member.slice(0, 8)}</span>
          </li>
        ))}
      </ul>
      {session && p.state === "published" && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            post.mutate();
          }}
        >
          <label className="field">
            <span>{t("proposals.comment")}</span>
            <textarea rows={3} value={text} onChange={(e) => setText(e.target.value)} />
          </label>
          <FormError text={error} />
          <button type="submit" className="secondary" disabled={post.isPending || !text.trim()}>
            {t("proposals.postComment")}
          </button>
        </form>
      )}
    </>
  );
}
