import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import en from "./en.json";
import zhCN from "./zh-CN.json";

export const languages = ["zh-CN", "en"] as const;
export type Language = (typeof languages)[number];
const STORAGE_KEY = "huzhu.lang";

/** Simplified Chinese unless the member chose English on this device. */
export function setupI18n(): void {
  const saved = localStorage.getItem(STORAGE_KEY);
  const lng: Language = saved === "en" ? "en" : "zh-CN";
  void i18next.use(initReactI18next).init({
    resources: { "zh-CN": { translation: zhCN }, en: { translation: en } },
    lng,
    fallbackLng: "zh-CN",
    interpolation: { escapeValue: false },
  });
  document.documentElement.lang = lng;
}

export function switchLanguage(lng: Language): void {
  localStorage.setItem(STORAGE_KEY, lng);
  document.documentElement.lang = lng;
  void i18next.changeLanguage(lng);
}
