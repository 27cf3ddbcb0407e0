/** The catalogue parts the build makes from web/src/i18n/<lang>.json (web/vite.config.ts, catalogue-split.ts). */
declare module "virtual:catalogue/*" {
  export const catalogue: Record<string, unknown>;
}
