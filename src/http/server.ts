import type { Config } from "../config.ts";
import type { ServiceDeps } from "../deps.ts";
import { buildApp } from "./app.ts";

/**
 * Serves the API on the configured port; returns how to stop it. No timers here: the scheduled work
 * (purges, the claims and cycle schedulers, the log sequencer, webhooks) runs as jobs (src/jobs/).
 */
export async function serve(config: Config, deps: ServiceDeps): Promise<() => Promise<void>> {
  const app = await buildApp(deps);
  await app.listen({ port: config.port, host: "127.0.0.1" });
  return () => app.close();
}
