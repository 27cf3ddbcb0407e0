import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { AxeBuilder } from "@axe-core/playwright";
import chromium from "@sparticuz/chromium";
import { type Browser, type BrowserContext, type Page, chromium as playwright } from "playwright-core";
import { type TestApp, testApp } from "./app.ts";

/*
 * The member app in a real browser: Chromium from @sparticuz/chromium (shipped inside the npm package,
 * no download), single-process, so one browser per test file with its context kept open. The app is
 * served by the real server (buildApp, listening on a free port) on a throwaway database.
 */

export type WebApp = TestApp & { baseUrl: string };

export async function webApp(opts: Parameters<typeof testApp>[0] = {}): Promise<WebApp> {
  const t = await testApp(opts);
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  const address = t.app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { ...t, baseUrl: `http://127.0.0.1:${port}` };
}

// Chromium's own background traffic (updates, sync, metrics) has nowhere to go on a closed network.
const quiet = [
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export async function launchBrowser(): Promise<Browser> {
  return playwright.launch({
    executablePath: await chromium.executablePath(),
    args: [...chromium.args, ...quiet],
    headless: true,
  });
}

/** A phone-sized context (390×844, as the journey) in a language, with its first page. */
export async function phone(
  browser: Browser,
  locale: "zh-CN" | "en" = "zh-CN",
  viewport = { width: 390, height: 844 },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale, deviceScaleFactor: 1 });
  if (locale === "en") await context.addInitScript({ content: `localStorage.setItem("huzhu.lang", "en")` });
  return { context, page: await context.newPage() };
}

/** The serious and critical accessibility violations axe-core finds on the page as it is now. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

const screenshotsDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "docs", "screenshots");

/**
 * A screen's picture in docs/screenshots/ when HUZHU_SCREENSHOTS=1 (`npm run screenshots`): an ordinary
 * test run leaves the committed pictures alone.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.HUZHU_SCREENSHOTS !== "1") return;
  mkdirSync(screenshotsDir, { recursive: true });
  await page.screenshot({ path: join(screenshotsDir, `${name}.png`), fullPage: true });
}

/**
 * A page script that signs a member in for its tab (the session the sign-in screen keeps in
 * sessionStorage), for journeys whose sign-in is not what they test.
 */
export const sessionScript = (m: { token: string; memberId: number }) =>
  `sessionStorage.setItem("huzhu.session", ${JSON.stringify(JSON.stringify({ token: m.token, memberId: m.memberId }))})`;
