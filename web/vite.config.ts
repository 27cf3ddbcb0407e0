import { readFileSync } from "node:fs";
import { join } from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";
import { splitCatalogue } from "./catalogue-split.ts";

// `npm run dev`: the API runs on HUZHU_PORT (3000) and Vite serves the app with hot reload, sending every
// request that is not one of the app's own files to the API.
const api = `http://127.0.0.1:${process.env.HUZHU_PORT ?? "3000"}`;
const appFiles = /^\/($|index\.html|src\/|@|node_modules\/|assets\/)/;

const CATALOGUE = /^virtual:catalogue\/(zh-CN|en)\/(shell|screens)$/;

/**
 * `virtual:catalogue/<lang>/<shell|screens>`: a part of web/src/i18n/<lang>.json (catalogue-split.ts),
 * read at build time, so the catalogue stays one file per language and each part is its own chunk.
 */
function catalogueParts(): Plugin {
  return {
    name: "huzhu-catalogue-parts",
    resolveId: (id) => (CATALOGUE.test(id) ? `\0${id}` : undefined),
    load(id) {
      const m = CATALOGUE.exec(id.replace(/^\0/, ""));
      if (!id.startsWith("\0") || !m) return undefined;
      const file = join(import.meta.dirname, "src", "i18n", `${m[1]}.json`);
      this.addWatchFile(file);
      const part = splitCatalogue(JSON.parse(readFileSync(file, "utf8")))[m[2] as "shell" | "screens"];
      return `export const catalogue = ${JSON.stringify(part)};`;
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), catalogueParts()],
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 1200 },
  server: {
    port: 5173,
    proxy: {
      "^/.*": {
        target: api,
        bypass: (req) => (appFiles.test(req.url ?? "/") ? req.url : undefined),
      },
    },
  },
});
