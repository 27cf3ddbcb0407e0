import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate } from "react-router";
import { api, need, once } from "../api/client.ts";
import type { Answer } from "../api/types.ts";
import { Field, FormError, useFieldError, useFormError } from "../components/field.tsx";
import { Loading, ProblemText } from "../components/status.tsx";
import { useSession } from "../session.ts";

type Request = Answer<"/members/{memberId}/dependant-requests", "get">["items"][number];
/** The consent text's version the guardian accepts (dependants.consentText in the catalogues). */
const CONSENT_VERSION = "v1";

/**
 * My family: enrol a child (as guardian, on a guardianship document a reviewer checks) or a parent (on
 * the code sent to their own mobile); each enrolled one then joins plans from the join screen.
 */
export function FamilyPage() {
  const { t } = useTranslation();
  const session = useSession();
  const memberId = String(session?.memberId ?? 0);
  const requests = useQuery({
    queryKey: ["dependant-requests"],
    queryFn: () =>
      need(api.GET("/members/{memberId}/dependant-requests", { params: { path: { memberId } } })),
    enabled: !!session,
  });
  if (!session) return <Navigate to="/sign-in" replace />;
  return (
    <section>
      <h1>{t("dependants.title")}</h1>
      <p className="muted">{t("dependants.lead")}</p>
      <AddDependant memberId={memberId} />
      <h2>{t("dependants.requests")}</h2>
      {requests.isPending && <Loading />}
      {requests.error && <ProblemText error={requests.error} />}
      {requests.data?.items.length === 0 && <p className="muted">{t("dependants.none")}</p>}
      <ul className="cards">
        {requests.data?.items.map((r) => (
          <RequestCard key={r.requestId} r={r} memberId={memberId} />
        ))}
      </ul>
    </section>
  );
}

function AddDependant({ memberId }: { memberId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [relation, setRelation] = useState<"child" | "parent">("child");
  const [name, setName] = useState("");
  const [residentId, setResidentId] = useState("");
  const [mobile, setMobile] = useState("");
  const [consent, setConsent] = useState(false);
  const add = useMutation({
    mutationFn: () =>
      once((h) =>
        api.POST("/members/{memberId}/dependants", {
          params: { path: { memberId } },
          body: {
            name,
            residentId,
            relation,
            consentVersion: CONSENT_VERSION,
            ...(relation === "parent" ? { mobile } : {}),
          },
          headers: h,
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ["dependant-requests"] }),
  });
  const fieldError = useFieldError(add.error);
  const error = useFormError(add.error, ["name", "residentId", "mobile"]);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate();
      }}
    >
      <label className="field">
        <span>{t("dependants.relation")}</span>
        <select value={relation} onChange={(e) => setRelation(e.target.value as "child" | "parent")}>
          <option value="child">{t("dependants.child")}</option>
          <option value="parent">{t("dependants.parent")}</option>
        </select>
      </label>
      <p className="muted">{t(`dependants.howTo.${relation}`)}</p>
      <Field
        name="name"
        label={t("signIn.name")}
        value={name}
        error={fieldError("name")}
        onChange={(e) => setName(e.target.value)}
      />
      <Field
        name="residentId"
        label={t("signIn.residentId")}
        value={residentId}
        error={fieldError("residentId")}
        onChange={(e) => setResidentId(e.target.value.toUpperCase())}
      />
      {relation === "parent" && (
        <Field
          name="mobile"
          label={t("dependants.mobile")}
          inputMode="tel"
          value={mobile}
          error={fieldError("mobile")}
          onChange={(e) => setMobile(e.target.value)}
        />
      )}
      <label className="row">
        <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} />
        <span>{t("dependants.consentText")}</span>
      </label>
      <FormError text={error} />
      <button type="submit" disabled={add.isPending || !consent}>
        {t("dependants.add")}
      </button>
    </form>
  );
}

function RequestCard({ r, memberId }: { r: Request; memberId: string }) {
  const { t } = useTranslation();
  return (
    <li className="card">
      <h3>{t(`join.relation.${r.relation}`, { name: r.name })}</h3>
      <p>
        <span className="badge">{t(`dependants.state.${r.state}`, { defaultValue: r.state })}</span>
      </p>
      {r.refusal && <p className="error">{t("dependants.refused", { reason: r.refusal })}</p>}
      {r.state === "awaiting_document" && <UploadDocument r={r} memberId={memberId} />}
      {r.state === "awaiting_code" && <ConfirmCode r={r} memberId={memberId} />}
      {r.dependantId !== null && <Link to="/">{t("dependants.joinPlan")}</Link>}
    </li>
  );
}

function UploadDocument({ r, memberId }: { r: Request; memberId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const upload = useMutation({
    mutationFn: (file: File) =>
      need(
        api.PUT("/members/{memberId}/dependant-requests/{requestId}/document", {
          params: { path: { memberId, requestId: String(r.requestId) } },
          body: file as never,
          bodySerializer: (b: unknown) => b as Blob,
          headers: { "content-type": file.type },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ["dependant-requests"] }),
  });
  const error = useFormError(upload.error, []);
  return (
    <>
      <label className="field">
        <span>{t("dependants.document")}</span>
        <input
          type="file"
          accept="application/pdf,image/jpeg,image/png"
          capture="environment"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) upload.mutate(f);
          }}
        />
      </label>
      <p className="muted">{t("dependants.documentHelp")}</p>
      {upload.isPending && <output className="block muted">{t("dependants.uploading")}</output>}
      <FormError text={error} />
    </>
  );
}

function ConfirmCode({ r, memberId }: { r: Request; memberId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [code, setCode] = useState("");
  const confirm = useMutation({
    mutationFn: () =>
      once((h) =>
        api.POST("/members/{memberId}/dependant-requests/{requestId}/confirmation", {
          params: { path: { memberId, requestId: String(r.requestId) } },
          body: { code },
          headers: h,
        }),
      ),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ["dependant-requests"] });
      await client.invalidateQueries({ queryKey: ["me"] });
    },
  });
  const fieldError = useFieldError(confirm.error);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        confirm.mutate();
      }}
    >
      <Field
        name={`code-${r.requestId}`}
        label={t("dependants.code", { mobile: r.mobile ?? "" })}
        inputMode="numeric"
        value={code}
        error={fieldError("code")}
        onChange={(e) => setCode(e.target.value)}
      />
      <button type="submit" disabled={confirm.isPending}>
        {t("dependants.confirmCode")}
      </button>
    </form>
  );
}
