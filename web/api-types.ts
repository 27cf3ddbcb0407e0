import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import { fixedClock } from "../src/domain/clock.ts";
import { buildApp } from "../src/http/app.ts";
import { createLogger } from "../src/log.ts";
import { freshLogKeys } from "../src/log-keys.ts";
import { simulatedSms } from "../src/notifications/sms.ts";
import type { PaymentProvider } from "../src/payments/port.ts";
import { freshSecrets } from "../src/secrets.ts";
import { createPool } from "../src/store/db.ts";

/**
 * The member app's API types, generated from the server's own /openapi.json (no database is touched:
 * the document is built from the routes' schemas). `npm run api:types` writes them; a test checks the
 * committed file is current (test/web/api-types.test.ts).
 */
export const apiTypesFile = join(dirname(fileURLToPath(import.meta.url)), "src", "api", "schema.d.ts");

export async function openApiDocument(): Promise<Record<string, unknown>> {
  const secrets = freshSecrets();
  const pool = createPool("postgres://127.0.0.1:1/none", 1);
  const app = await buildApp({
    pool,
    clock: fixedClock(0),
    secrets,
    sms: simulatedSms(secrets),
    payments: {} as PaymentProvider,
    webhookSecret: "unused",
    logKeys: freshLogKeys(),
    logger: createLogger("silent"),
    dataDir: "/nonexistent",
    production: false,
  });
  await app.ready();
  const doc = app.swagger() as unknown as Record<string, unknown>;
  await app.close();
  await pool.end();
  return doc;
}

export async function apiTypes(): Promise<string> {
  const ast = await openapiTS(JSON.parse(JSON.stringify(await openApiDocument())));
  return `// Generated from /openapi.json by \`npm run api:types\` (web/api-types.ts): do not edit.\n${astToString(ast)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = await apiTypes();
  const before = (() => {
    try {
      return readFileSync(apiTypesFile, "utf8");
    } catch {
      return "";
    }
  })();
  writeFileSync(apiTypesFile, text);
  console.log(`${apiTypesFile}: ${before === text ? "unchanged" : "written"} (${text.length} chars)`);
}
