import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import zhCN from "./zh-CN.json";

export const languages = ["zh-CN", "en"] as const;
export type Language = (typeof languages)[number];
const STORAGE_KEY = "huzhu.lang";

/**
 * English is its own chunk, fetched when chosen: the first screen carries one catalogue, which keeps
 * the initial JavaScript under its 200 KB budget as the catalogues grow.
 */
async function ensureLoaded(lng: Language): Promise<void> {
  if (i18next.hasResourceBundle(lng, "translation")) return;
  const { default: en } = await import("./en.json");
  i18next.addResourceBundle("en", "translation", en);
}

/** Simplified Chinese unless the member chose English on this device. */
export function setupI18n(): void {
  const saved = localStorage.getItem(STORAGE_KEY);
  const lng: Language = saved === "en" ? "en" : "zh-CN";
  void i18next.use(initReactI18next).init({
    resources: { "zh-CN": { translation: zhCN } },
    lng: "zh-CN",
    fallbackLng: "zh-CN",
    interpolation: { escapeValue: false },
  });
  if (lng !== "zh-CN") switchLanguage(lng);
  else document.documentElement.lang = lng;
}

export function switchLanguage(lng: Language): void {
  localStorage.setItem(STORAGE_KEY, lng);
  void ensureLoaded(lng).then(() => {
    document.documentElement.lang = lng;
    return i18next.changeLanguage(lng);
  });
}
