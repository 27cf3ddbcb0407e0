import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Navigate } from "react-router";
import { api, need, once } from "../api/client.ts";
import { useInbox } from "../api/inbox.ts";
import type { Answer } from "../api/types.ts";
import { Field, FormError, useFieldError, useFormError } from "../components/field.tsx";
import { Loading, ProblemText } from "../components/status.tsx";
import { dateTime, money } from "../format.ts";
import { useSession } from "../session.ts";

type Prefs = Answer<"/notifications/preferences", "get">;
const KINDS = [
  "proposal",
  "vote",
  "adopted_change",
  "announcement",
  "cycle_charge",
  "plan_status",
  "claim",
] as const;
type Kind = (typeof KINDS)[number];

/** The inbox (notices, newest first, and a line per cycle share) and how else to be told. */
export function InboxPage() {
  const { t } = useTranslation();
  const session = useSession();
  const client = useQueryClient();
  const inbox = useInbox(!!session);
  const read = useMutation({
    mutationFn: (id: number) =>
      once((h) =>
        api.POST("/notifications/{notificationId}/read", {
          params: { path: { notificationId: String(id) } },
          headers: h,
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ["inbox"] }),
  });
  if (!session) return <Navigate to="/sign-in" replace />;
  if (inbox.isPending) return <Loading />;
  if (inbox.error) return <ProblemText error={inbox.error} />;
  const { items, cycleCharges } = inbox.data;
  return (
    <section>
      <h1>{t("inbox.title")}</h1>
      {items.length === 0 && <p className="muted">{t("inbox.empty")}</p>}
      <ul className="cards">
        {items.map((n) => (
          <li key={n.notificationId} className={`card ${n.read ? "" : "unread"}`}>
            <h2 className="h3">
              {n.read ? "" : <span className="badge">{t("inbox.new")}</span>} {n.title}
            </h2>
            <p>{n.body}</p>
            <p className="row muted">
              <span>{dateTime(Date.parse(n.at))}</span>
              {!n.read && (
                <button type="button" className="secondary" onClick={() => read.mutate(n.notificationId)}>
                  {t("inbox.markRead")}
                </button>
              )}
            </p>
          </li>
        ))}
      </ul>
      {cycleCharges.length > 0 && (
        <>
          <h2>{t("inbox.charges")}</h2>
          <ul>
            {cycleCharges.map((c) => (
              <li key={`${c.cycleId}-${c.memberId}`}>
                {c.dependant !== null && <>{t("inbox.chargeFor", { name: c.dependant })} </>}
                {t("inbox.charge", {
                  cycle: c.cycleId,
                  plan: c.planId,
                  date: c.announcedOn,
                  amount: money(c.shareFen),
                })}{" "}
                <span className="badge">
                  {t(`inbox.chargeStatus.${c.status}`, { defaultValue: c.status })}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      <Preferences />
    </section>
  );
}

function Preferences() {
  const prefs = useQuery({
    queryKey: ["preferences"],
    queryFn: () => need(api.GET("/notifications/preferences")),
  });
  if (prefs.isPending) return <Loading />;
  if (prefs.error) return <ProblemText error={prefs.error} />;
  return <PreferencesForm stored={prefs.data} />;
}

function PreferencesForm({ stored }: { stored: Prefs }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [sms, setSms] = useState(stored.sms);
  const [email, setEmail] = useState(stored.email);
  const [address, setAddress] = useState("");
  const [kinds, setKinds] = useState(new Set(stored.kinds));
  const save = useMutation({
    mutationFn: () =>
      once((h) =>
        api.PUT("/notifications/preferences", {
          body: {
            sms,
            email,
            ...(address ? { emailAddress: address } : {}),
            kinds: KINDS.filter((k) => kinds.has(k)) as Kind[],
          },
          headers: h,
        }),
      ),
    onSuccess: (p) => client.setQueryData(["preferences"], p),
  });
  const fieldError = useFieldError(save.error);
  const error = useFormError(save.error, ["emailAddress"]);
  const toggle = (k: string, on: boolean) => {
    const next = new Set(kinds);
    if (on) next.add(k);
    else next.delete(k);
    setKinds(next);
  };
  return (
    <>
      <h2>{t("inbox.preferences")}</h2>
      <p className="muted">{t("inbox.preferencesHelp")}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <fieldset>
          <legend>{t("inbox.channels")}</legend>
          <label className="row">
            <input type="checkbox" checked={sms} onChange={(e) => setSms(e.target.checked)} />
            <span>{t("inbox.sms")}</span>
          </label>
          <label className="row">
            <input type="checkbox" checked={email} onChange={(e) => setEmail(e.target.checked)} />
            <span>{t("inbox.email")}</span>
          </label>
          {email && (
            <Field
              name="emailAddress"
              type="email"
              label={
                stored.emailMasked
                  ? t("inbox.emailNow", { email: stored.emailMasked })
                  : t("inbox.emailAddress")
              }
              value={address}
              error={fieldError("emailAddress")}
              onChange={(e) => setAddress(e.target.value)}
            />
          )}
        </fieldset>
        <fieldset>
          <legend>{t("inbox.kinds")}</legend>
          {KINDS.map((k) => (
            <label key={k} className="row">
              <input type="checkbox" checked={kinds.has(k)} onChange={(e) => toggle(k, e.target.checked)} />
              <span>{t(`inbox.kind.${k}`)}</span>
            </label>
          ))}
        </fieldset>
        <FormError text={error} />
        {save.isSuccess && <output className="block ok">{t("inbox.saved")}</output>}
        <button type="submit" className="secondary" disabled={save.isPending}>
          {t("inbox.save")}
        </button>
      </form>
    </>
  );
}
