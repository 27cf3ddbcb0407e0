import i18next from "i18next";

/** An amount in fen as yuan in the current language (¥1,234.56). */
export function money(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return "—";
  return new Intl.NumberFormat(i18next.language, { style: "currency", currency: "CNY" }).format(fen / 100);
}

export const count = (n: number) => new Intl.NumberFormat(i18next.language).format(n);

export const dateTime = (ms: number) =>
  new Intl.DateTimeFormat(i18next.language, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Asia/Shanghai",
  }).format(ms);

/** A civil date (YYYY-MM-DD) in the current language (2020年7月1日, Jul 1, 2020): the day itself, no time zone shift. */
export function day(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  if (!y || !m || !d) return date;
  return new Intl.DateTimeFormat(i18next.language, { dateStyle: "medium", timeZone: "UTC" }).format(
    Date.UTC(y, m - 1, d),
  );
}

/** Basis points as a percentage in the current language (5000 → 50%, 6940 → 69.4%). */
export const percentOfBp = (bp: number) =>
  new Intl.NumberFormat(i18next.language, { style: "percent", maximumFractionDigits: 2 }).format(bp / 10_000);
