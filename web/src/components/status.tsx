import { useTranslation } from "react-i18next";
import { ApiProblem } from "../api/client.ts";

export function Loading() {
  const { t } = useTranslation();
  return <output className="muted block">{t("status.loading")}</output>;
}

/** A failed request in words: the server's problem detail, or that the connection failed. */
export function ProblemText({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const text =
    error instanceof ApiProblem ? t("status.problem", { detail: error.message }) : t("status.offline");
  return (
    <p className="error" role="alert">
      {text}
    </p>
  );
}
