import type { TFunction } from "i18next";
import { type ParamKind, REASONS, type Reason, reasonFrom } from "../../src/domain/claim/reasons.ts";
import { count, day, money, percentOfBp } from "./format.ts";

/** What the server sends with a reason: the English, and the code and parameters when it has them. */
export type CodedReason = {
  reasonCode?: string | null;
  reasonParams?: Record<string, unknown> | null;
};

/** What `t` answers for a key the catalogue lacks (no sentence is ever this). */
const MISSING = "\u0000";

type Caps = ReadonlyArray<{ kind: string; amountFen: number }>;

/** One parameter in the reader's words: amounts as yuan, dates by the app's formatter, names translated. */
function shownParam(t: TFunction, kind: ParamKind, v: unknown, eventName: (id: string) => string): string {
  switch (kind) {
    case "date":
      return day(String(v));
    case "count":
      return count(Number(v));
    case "fen":
      return money(Number(v));
    case "bp":
      return percentOfBp(Number(v));
    case "percent":
      return `${String(v)}%`;
    case "note":
      return v ? t("claims.whyNote", { note: String(v) }) : "";
    case "event":
      return eventName(String(v));
    case "documentKind":
      return t(`claims.kind.${String(v)}`, { defaultValue: String(v) });
    case "complexity":
      return t(`claims.complexity.${String(v)}`, { defaultValue: String(v) });
    case "refusal":
      return t(`claims.reason.${String(v)}`, { defaultValue: String(v) });
    case "ageBasis":
      return t(`claims.ageBasis.${String(v)}`, { defaultValue: String(v) });
    case "caps":
      return (v as Caps)
        .map((c) => t(`claims.cap.${c.kind}`, { amount: money(c.amountFen), defaultValue: c.kind }))
        .join(t("claims.capsSeparator"));
    default: // id, text: as they are
      return String(v);
  }
}

/**
 * A reason in the reader's language (`claims.why.<code>`), or null when the catalogue has no sentence
 * for its code or a parameter is missing: the caller then shows the server's English.
 */
export function reasonWords(
  t: TFunction,
  r: Reason,
  eventName: (id: string) => string = (id) => id,
): string | null {
  const key = `claims.why.${r.code}`;
  if (t(key, { defaultValue: MISSING }) === MISSING) return null;
  const spec: Record<string, ParamKind> = REASONS[r.code].params;
  const given = r.params as Record<string, unknown>;
  if (Object.keys(spec).some((k) => given[k] === undefined || given[k] === null)) return null;
  const shown = Object.fromEntries(
    Object.entries(spec).map(([k, kind]) => [k, shownParam(t, kind, given[k], eventName)]),
  );
  const own: string = t(key, shown);
  if (!r.jury) return own;
  const jury = reasonWords(t, r.jury, eventName);
  return jury === null ? null : t("claims.whyAfterJury", { jury, decision: own });
}

/** The reason a step, decision or payout carries, in the reader's words, else as the server wrote it. */
export function reasonShown(
  t: TFunction,
  c: CodedReason,
  english: string | null | undefined,
  eventName?: (id: string) => string,
): string {
  const r = reasonFrom(c.reasonCode, c.reasonParams);
  return (r && reasonWords(t, r, eventName)) ?? english ?? "";
}
