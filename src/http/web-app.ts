import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";

/** Where `vite build` writes the member app (web/vite.config.ts). */
export const webDistDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "web", "dist");

/**
 * Serves the built member app at `/` (docs/web.md). Its pages are hash routes (`/#/plans`), so no page
 * path can shadow an API route or be shadowed by one, and the API's 404s stay problem+json. Without a
 * build (a checkout before `npm start` or the tests built it) the API is served alone.
 */
export async function installWebApp(app: FastifyInstance, distDir = webDistDir): Promise<void> {
  if (!existsSync(join(distDir, "index.html"))) return;
  await app.register(fastifyStatic, {
    root: distDir,
    prefix: "/",
    wildcard: false,
    index: ["index.html"],
  });
}
