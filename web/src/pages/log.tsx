import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { checkWitnessed } from "../checkpoint.ts";
import { Loading, ProblemText } from "../components/status.tsx";
import { WitnessedResult } from "../components/witnessed.tsx";
import { dateTime } from "../format.ts";
import { type Head, headSigned } from "../verify.ts";

async function loadHead() {
  const [head, pem] = await Promise.all([
    fetch("/log/head").then((r) => (r.ok ? (r.json() as Promise<Head>) : null)),
    fetch("/log/public-key").then((r) => r.text()),
  ]);
  const witnessed = await checkWitnessed(head ?? undefined);
  return { head, pem, signed: head ? await headSigned(head, pem) : false, witnessed };
}

/** The transparency log's current signed head, its signature checked here in the browser. */
export function LogPage() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ["log-head"], queryFn: loadHead });
  if (q.isPending) return <Loading />;
  if (q.error) return <ProblemText error={q.error} />;
  const { head, pem, signed, witnessed } = q.data;
  return (
    <section>
      <h1>{t("log.title")}</h1>
      <p className="lead">{t("log.lead")}</p>
      {!head && <p className="muted">{t("log.empty")}</p>}
      {head && (
        <dl className="facts">
          <dt>{t("log.size")}</dt>
          <dd>{head.size}</dd>
          <dt>{t("log.time")}</dt>
          <dd>{dateTime(head.timestampMs)}</dd>
          <dt>{t("log.root")}</dt>
          <dd className="mono">{head.rootHash}</dd>
          <dt>{t("log.signature")}</dt>
          <dd className={signed ? "ok" : "error"}>{signed ? t("log.signed") : t("log.badSignature")}</dd>
        </dl>
      )}
      <h2>{t("log.witnessedTitle")}</h2>
      <WitnessedResult w={witnessed} />
      <h2>{t("log.key")}</h2>
      <pre className="mono">{pem}</pre>
    </section>
  );
}
