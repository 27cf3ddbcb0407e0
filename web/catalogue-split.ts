/*
 * The message catalogues stay one file per language (web/src/i18n/<lang>.json, one top-level key per
 * screen or part), and are split here at build time: the shell — what the first screen shows — goes
 * in the first chunk; the rest is its own chunk, fetched with the first other screen. So the strings
 * of later screens never weigh on the first one (docs/web.md "Size").
 */

/** The parts the first screen renders: the header and nav, the plans, loading and errors, not found. */
export const SHELL_KEYS: readonly string[] = ["app", "nav", "home", "notFound", "status"];

type Catalogue = Record<string, unknown>;

const isObject = (v: unknown): v is Catalogue => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The shell (SHELL_KEYS whole, and each other key's `nav` label, which the nav shows on every screen)
 * and the screens (everything else), which together are the catalogue again.
 */
export function splitCatalogue(c: Catalogue): { shell: Catalogue; screens: Catalogue } {
  const shell: Catalogue = {};
  const screens: Catalogue = {};
  for (const [key, value] of Object.entries(c)) {
    if (SHELL_KEYS.includes(key) || !isObject(value)) shell[key] = value;
    else {
      const { nav, ...rest } = value;
      if (nav !== undefined) shell[key] = { nav };
      if (Object.keys(rest).length > 0) screens[key] = rest;
    }
  }
  return { shell, screens };
}
