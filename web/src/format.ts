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
