import { useTranslation } from "react-i18next";
import { money } from "../format.ts";
import type { Verification } from "../verify.ts";
import { WitnessedResult } from "./witnessed.tsx";

/** What a verification proved, check by check, and on a failure what failed. */
export function ShareChecks({ result }: { result: Verification }) {
  const { t } = useTranslation();
  const w = result.witnessed;
  const allOk =
    result.headOk &&
    result.shares.every((c) => c.ok) &&
    result.history.every((c) => c.ok) &&
    (w.state !== "checked" || w.failures.length === 0);
  const gap = result.history.find((c) => !c.ok);
  return (
    <div aria-live="polite">
      <output className={`block ${allOk ? "ok" : "error"}`}>
        <strong>{allOk ? t("verify.allOk", { n: result.shares.length }) : t("verify.failed")}</strong>
      </output>
      <ul>
        <li className={result.headOk ? "ok" : "error"}>
          {result.headOk ? t("verify.headOk", { size: result.head.size }) : t("verify.headBad")}
        </li>
        <li>
          <WitnessedResult w={result.witnessed} />
        </li>
        {result.history.length > 0 && (
          <li className={gap ? "error" : "ok"}>
            {gap ? t("verify.historyBad", { detail: gap.detail ?? gap.what }) : t("verify.historyOk")}
          </li>
        )}
        {result.shares.map((c) => (
          <li key={`${c.cycleId}-${c.check}`} className={c.ok ? "ok" : "error"}>
            {c.ok
              ? t(`verify.ok.${c.check}`, { cycle: c.cycleId, amount: money(c.shareFen) })
              : t(`verify.bad.${c.failure ?? "root-mismatch"}`, {
                  cycle: c.cycleId,
                  amount: money(c.shareFen),
                })}
          </li>
        ))}
      </ul>
    </div>
  );
}
