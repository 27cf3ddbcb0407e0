import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// `npm run dev`: the API runs on HUZHU_PORT (3000) and Vite serves the app with hot reload, sending every
// request that is not one of the app's own files to the API.
const api = `http://127.0.0.1:${process.env.HUZHU_PORT ?? "3000"}`;
const appFiles = /^\/($|index\.html|src\/|@|node_modules\/|assets\/)/;

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
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
