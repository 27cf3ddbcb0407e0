import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ShareChecks } from "../components/share-checks.tsx";
import { ProblemText } from "../components/status.tsx";
import { verifyShares } from "../verify.ts";

const PSEUDONYM = /^[0-9a-f]{32}$/;

/** Anyone checks a member's shares by pseudonym against the signed log, in this browser. */
export function CheckPage() {
  const { t } = useTranslation();
  const [pseudonym, setPseudonym] = useState("");
  const [touched, setTouched] = useState(false);
  const check = useMutation({ mutationFn: (p: string) => verifyShares(p) });
  const valid = PSEUDONYM.test(pseudonym);
  return (
    <section>
      <h1>{t("check.title")}</h1>
      <p className="lead">{t("check.lead")}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setTouched(true);
          if (valid) check.mutate(pseudonym);
        }}
      >
        <label className="field">
          <span>{t("check.pseudonym")}</span>
          <input
            value={pseudonym}
            onChange={(e) => setPseudonym(e.target.value.trim().toLowerCase())}
            aria-invalid={touched && !valid}
            aria-describedby="pseudonym-hint"
            autoComplete="off"
            spellCheck={false}
          />
          <small id="pseudonym-hint" className={touched && !valid ? "error" : "muted"}>
            {t("check.hint")}
          </small>
        </label>
        <button type="submit" disabled={check.isPending}>
          {check.isPending ? t("check.running") : t("check.run")}
        </button>
      </form>
      {check.error && <ProblemText error={check.error} />}
      {check.data && <ShareChecks result={check.data} />}
    </section>
  );
}
