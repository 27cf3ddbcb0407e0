import { catalogue as zhShell } from "virtual:catalogue/zh-CN/shell";
import i18next from "i18next";
import { initReactI18next } from "react-i18next";

export const languages = ["zh-CN", "en"] as const;
export type Language = (typeof languages)[number];
const STORAGE_KEY = "huzhu.lang";
type Part = "shell" | "screens";
type Catalogue = Record<string, unknown>;

/**
 * Each catalogue in two chunks, split at build time (web/catalogue-split.ts): the first screen's strings
 * (the Chinese ones in the first chunk), and the other screens' — fetched with the first other screen —
 * so the initial JavaScript stays under its 200 KB budget however many strings later screens add.
 */
const parts: Record<Language, Record<Part, () => Promise<Catalogue>>> = {
  "zh-CN": {
    shell: async () => zhShell,
    screens: async () => (await import("virtual:catalogue/zh-CN/screens")).catalogue,
  },
  en: {
    shell: async () => (await import("virtual:catalogue/en/shell")).catalogue,
    screens: async () => (await import("virtual:catalogue/en/screens")).catalogue,
  },
};

const loaded = new Map<string, Promise<void>>();
/** Whether a screen beyond the first has asked for its strings: a language switched to then needs them. */
let screensWanted = false;
/** The language shown, or being switched to, and that switch (a screen waits for it, not to show Chinese first). */
let target: Language = "zh-CN";
let switching: Promise<unknown> = Promise.resolve();

function ensure(lng: Language, part: Part): Promise<void> {
  const key = `${lng}/${part}`;
  let p = loaded.get(key);
  if (!p) {
    // deep merge: a part adds its leaves beside the other part's under the same top-level key (`nav`)
    p = parts[lng][part]().then((c) => void i18next.addResourceBundle(lng, "translation", c, true, true));
    loaded.set(key, p);
  }
  return p;
}

/** The strings of every screen beyond the first, in the language shown (lazy screens wait for them). */
export async function loadScreenStrings(): Promise<void> {
  screensWanted = true;
  await Promise.all([ensure(target, "screens"), switching]);
}

/** Simplified Chinese unless the member chose English on this device. */
export function setupI18n(): void {
  const saved = localStorage.getItem(STORAGE_KEY);
  const lng: Language = saved === "en" ? "en" : "zh-CN";
  loaded.set("zh-CN/shell", Promise.resolve());
  void i18next.use(initReactI18next).init({
    resources: { "zh-CN": { translation: zhShell } },
    lng: "zh-CN",
    fallbackLng: "zh-CN",
    interpolation: { escapeValue: false },
  });
  if (lng !== "zh-CN") switchLanguage(lng);
  else document.documentElement.lang = lng;
}

export function switchLanguage(lng: Language): void {
  localStorage.setItem(STORAGE_KEY, lng);
  target = lng;
  switching = (async () => {
    await ensure(lng, "shell");
    if (screensWanted) await ensure(lng, "screens");
    document.documentElement.lang = lng;
    await i18next.changeLanguage(lng);
  })();
}
