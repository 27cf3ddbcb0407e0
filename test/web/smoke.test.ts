import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webDistDir } from "../../src/http/web-app.ts";
import {
  launchBrowser,
  phone,
  screenshot,
  seriousViolations,
  type WebApp,
  webApp,
} from "../support/browser.ts";

describe("the member app is served at / and opens in a real browser", () => {
  let t: WebApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    t = await webApp({ presets: ["xianghubao"] });
    browser = await launchBrowser();
    ({ context, page } = await phone(browser));
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  it("GET / is the app's page; API routes and their 404s are unchanged", async () => {
    const home = await fetch(`${t.baseUrl}/`);
    expect(home.status).toBe(200);
    expect(home.headers.get("content-type")).toContain("text/html");
    expect(await home.text()).toContain('<div id="root">');
    const plans = await fetch(`${t.baseUrl}/plans`);
    expect(plans.headers.get("content-type")).toContain("application/json");
    const missing = await fetch(`${t.baseUrl}/no-such-route`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toContain("application/problem+json");
  });

  it("prints the initial JavaScript gzipped and the time to the first screen (printed, not asserted)", async () => {
    const html = readFileSync(join(webDistDir, "index.html"), "utf8");
    const scripts = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    const code = scripts.map((f) => readFileSync(join(webDistDir, f)));
    // React's production build, as a member gets it (a build under NODE_ENV=test carried the dev one).
    expect(code.some((c) => c.includes("jsxDEV"))).toBe(false);
    const gzipBytes = code.reduce((n, c) => n + gzipSync(c).length, 0);
    const started = Date.now();
    await page.goto(`${t.baseUrl}/`);
    await page.getByRole("heading", { level: 2 }).first().waitFor();
    const firstScreenMs = Date.now() - started;
    console.log(
      `member app: initial JS ${(gzipBytes / 1024).toFixed(1)} KB gzipped (target ≤ 200 KB) in ${scripts.length} file(s); first screen with data in ${firstScreenMs} ms`,
    );
  });

  it("shows the plans in Chinese by default, with no serious accessibility violation", async () => {
    await page.goto(`${t.baseUrl}/`);
    await expect.poll(() => page.locator("h1").textContent()).toBe("互助计划");
    await page.getByRole("heading", { level: 2 }).first().waitFor();
    expect(await page.getByRole("heading", { level: 2 }).allTextContents()).toEqual(["相互宝 大病互助计划"]);
    expect(await page.evaluate("document.documentElement.lang")).toBe("zh-CN");
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "home");
  });

  it("switches to English and keeps the choice", async () => {
    await page.getByLabel("语言").selectOption("en");
    await expect.poll(() => page.locator("h1").textContent()).toBe("Mutual-aid plans");
    await page.reload();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Mutual-aid plans");
    expect(await page.evaluate("document.documentElement.lang")).toBe("en");
  });
});
