import { useTranslation } from "react-i18next";
import type { Witnessed } from "../checkpoint.ts";

/**
 * What the witnessed checkpoint check proved: signed by the log key and cosigned by N of M witnesses,
 * named, and the head just checked that tree or consistent with it; or each failure in words (the
 * codes of domain/checkpoint.ts and checkpoint.ts, translated here).
 */
export function WitnessedResult({ w }: { w: Witnessed }) {
  const { t } = useTranslation();
  if (w.state !== "checked")
    return (
      <p className="muted" data-testid="witnessed">
        {t(`witnessed.${w.state}`)}
      </p>
    );
  const ok = w.failures.length === 0;
  return (
    <div data-testid="witnessed" className={ok ? "ok" : "error"}>
      <p>
        <strong>
          {ok
            ? t("witnessed.ok", {
                size: w.size,
                log: w.logName,
                n: w.cosignedBy.length,
                m: w.witnesses.length,
              })
            : t("witnessed.failed", { size: w.size })}
        </strong>
      </p>
      {ok && <p>{t("witnessed.names", { names: w.cosignedBy.join(t("witnessed.separator")) })}</p>}
      {w.head && (
        <p data-testid="witnessed-head">
          {t(`witnessed.head.${w.head.kind}`, { head: w.head.head, size: w.size })}
        </p>
      )}
      {!ok && (
        <ul>
          {w.failures.map((f) => (
            <li key={JSON.stringify(f)}>{t(`witnessed.failure.${f.code}`, { ...f })}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
