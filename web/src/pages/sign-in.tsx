import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { parseResidentId } from "../../../src/domain/identity.ts";
import { ApiProblem, api, once } from "../api/client.ts";
import { Field, FormError, useFieldError, useFormError } from "../components/field.tsx";
import { setSession } from "../session.ts";

const today = () => new Date().toISOString().slice(0, 10) as Parameters<typeof parseResidentId>[1];

/** The sign-in's state: the number, the code's challenge, and registration when the number has no account. */
function useSignInFlow() {
  const navigate = useNavigate();
  const [mobile, setMobile] = useState("");
  const [code, setCode] = useState("");
  const [challengeId, setChallengeId] = useState<string | null>(null);
  const [registering, setRegistering] = useState(false);
  const [name, setName] = useState("");
  const [residentId, setResidentId] = useState("");
  const sendCode = useMutation({
    mutationFn: () => once((h) => api.POST("/auth/otp", { body: { mobile }, headers: h })),
    onSuccess: (r) => setChallengeId(r.challengeId ?? null),
  });
  const signIn = useMutation({
    mutationFn: async () => {
      const body = { mobile, code, challengeId: challengeId ?? "" };
      if (registering) {
        const r = await once((h) =>
          api.POST("/auth/member/register", { body: { ...body, name, residentId }, headers: h }),
        );
        return { token: r.token, memberId: r.member.memberId };
      }
      return once((h) => api.POST("/auth/member/login", { body, headers: h }));
    },
    onSuccess: (s) => {
      setSession({ token: s.token, memberId: s.memberId });
      navigate("/me");
    },
    onError: (e) => {
      if (e instanceof ApiProblem && e.code === "not_found" && !registering) {
        // no account: registration is proven by a fresh code
        setRegistering(true);
        setChallengeId(null);
        setCode("");
      }
    },
  });
  return {
    mobile,
    setMobile,
    code,
    setCode,
    challengeId,
    registering,
    name,
    setName,
    residentId,
    setResidentId,
    sendCode,
    signIn,
  };
}

/** Sign in with a one-time code; a number with no account goes on to real-name registration. */
export function SignInPage() {
  const { t } = useTranslation();
  const f = useSignInFlow();
  const {
    mobile,
    setMobile,
    code,
    setCode,
    challengeId,
    registering,
    name,
    setName,
    residentId,
    setResidentId,
    sendCode,
    signIn,
  } = f;
  // "no account for this number" is why registration opened, not an error to show beside the number
  const noAccount = signIn.error instanceof ApiProblem && signIn.error.code === "not_found";
  const signInError = noAccount ? null : signIn.error;
  const fieldError = useFieldError(sendCode.error ?? signInError);
  const formError = useFormError(signInError ?? sendCode.error, ["mobile", "code", "name", "residentId"]);
  const idCheck = residentId.length >= 18 ? parseResidentId(residentId, today()) : null;
  const idError = idCheck && !idCheck.ok ? t("signIn.badResidentId") : fieldError("residentId");
  return (
    <section>
      <h1>{registering ? t("signIn.registerTitle") : t("signIn.title")}</h1>
      {registering && <p className="lead">{t("signIn.registerLead")}</p>}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!challengeId) sendCode.mutate();
          else if (!idError) signIn.mutate();
        }}
      >
        <Field
          name="mobile"
          label={t("signIn.mobile")}
          value={mobile}
          inputMode="tel"
          autoComplete="tel"
          onChange={(e) => setMobile(e.target.value)}
          error={fieldError("mobile")}
        />
        {challengeId && (
          <Field
            name="code"
            label={t("signIn.code")}
            value={code}
            inputMode="numeric"
            autoComplete="one-time-code"
            onChange={(e) => setCode(e.target.value)}
            error={fieldError("code")}
          />
        )}
        {registering && (
          <>
            <Field
              name="name"
              label={t("signIn.name")}
              value={name}
              autoComplete="name"
              onChange={(e) => setName(e.target.value)}
              error={fieldError("name")}
            />
            <Field
              name="residentId"
              label={t("signIn.residentId")}
              value={residentId}
              maxLength={18}
              onChange={(e) => setResidentId(e.target.value.toUpperCase())}
              error={idError}
            />
          </>
        )}
        <FormError text={formError} />
        <button type="submit" disabled={sendCode.isPending || signIn.isPending}>
          {!challengeId ? t("signIn.sendCode") : registering ? t("signIn.register") : t("signIn.submit")}
        </button>
      </form>
    </section>
  );
}
