import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { RoutePlugin } from "../http/routes/index.ts";

const PAGE = fileURLToPath(new URL("../../docs/verify.md", import.meta.url));
const escapeHtml = (s: string) =>
  s.replace(/[&<>]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;"));

/** The public page that explains to members how to verify the log (the text of docs/verify.md). */
export const verifyRoutes: RoutePlugin = (app) => {
  app.get(
    "/verify",
    { schema: { tags: ["transparency log"], summary: "How members verify the log (HTML)", security: [] } },
    async (_req, reply) => {
      const text = readFileSync(PAGE, "utf8");
      const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>huzhu — how to verify</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem}pre{white-space:pre-wrap}</style></head>
<body><pre>${escapeHtml(text)}</pre><p><a href="/docs">API reference</a></p></body></html>`;
      return reply.type("text/html; charset=utf-8").send(html);
    },
  );
};
