import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sequenceLog } from "../../src/log/sequencer.ts";
import { approveCase, enrolMembers } from "../support/app.ts";
import {
  launchBrowser,
  phone,
  screenshot,
  seriousViolations,
  type WebApp,
  webApp,
} from "../support/browser.ts";
import { runCycleSteps } from "../support/cycles.ts";

/*
 * The public pages, signed out, in Chinese at 390×844: plans, a plan's rules and history, the cycles'
 * disclosure with charts, the log's signed head, and a share checked by pseudonym in the browser —
 * and the same check failing on a tampered proof.
 */
describe("public pages, signed out", () => {
  let t: WebApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let pseudonym: string;
  beforeAll(async () => {
    t = await webApp({
      nowMs: Date.UTC(2020, 0, 1, 2),
      presets: ["xianghubao"],
      provider: { failureRate: 0 },
    });
    // 4 members; two cycles of one case each. 相互宝's per-case cap is 0.10 yuan: each member owes 10 fen
    // per case (300,000 yuan + 8% among a few is far above it), so the share chart shows 0.10 twice.
    const { parts, registered } = await enrolMembers(t, 4, "xianghubao", "1390000000", "1990-01-01", 1);
    // the pseudonym first: the member's session ends before the clock reaches the second collection
    const me = await t.app.inject({ method: "GET", url: "/me", headers: registered[2]!.auth });
    pseudonym = me.json().member.pseudonym;
    await approveCase(t, parts[0]!, 30_000_000, "2020-01-05");
    await runCycleSteps(t, "xianghubao", "2020-01-07");
    await approveCase(t, parts[1]!, 30_000_000, "2020-01-19");
    await runCycleSteps(t, "xianghubao", "2020-01-21");
    await sequenceLog(t.db.pool, t.deps.logKeys, t.clock);
    browser = await launchBrowser();
    ({ context, page } = await phone(browser));
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  it("a plan's rules in plain words, with every version", async () => {
    await page.goto(`${t.baseUrl}/#/plans/xianghubao`);
    await page.getByRole("heading", { name: "相互宝 大病互助计划" }).waitFor();
    const facts = await page.locator("dl.facts").innerText();
    expect(facts).toContain("90 天");
    expect(facts).toContain("¥0.10，超出部分由互助金（少付）承担");
    expect(facts).toContain("¥188.00，超出部分由赞助方承担");
    expect(facts).toContain("互助金的 8%");
    expect(await page.locator("table tbody tr").count()).toBe(4);
    const history = await page.locator("ol.cards li").allInnerTexts();
    expect(history.map((h) => h.split("\n")[0])).toEqual([
      "2020-01-01 起生效现行",
      "2019-05-01 起生效",
      "2018-10-16 起生效",
    ]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "public-plan");
  });

  it("each cycle's disclosure with the share and member charts", async () => {
    await page.goto(`${t.baseUrl}/#/plans/xianghubao/cycles`);
    await page.getByRole("heading", { name: "分摊公示" }).waitFor();
    await page.locator(".chart canvas").first().waitFor();
    expect(await page.locator(".chart canvas").count()).toBe(2);
    const cards = await page.locator("ul.cards > li").allInnerTexts();
    expect(cards).toHaveLength(2);
    // newest first. A benefit ends the claimant's cover: 3 share the first case, 2 the second; each
    // owes the cap, 10 fen: collected 3 × 0.10 = 0.30, then 2 × 0.10 = 0.20.
    expect(cards[0]).toContain("2020-01-21");
    expect(cards[0]).toMatch(/分摊人数\s*2\s/);
    expect(cards[0]).toMatch(/已收\s*¥0\.20/);
    expect(cards[1]).toContain("2020-01-07");
    expect(cards[1]).toMatch(/分摊人数\s*3\s/);
    expect(cards[1]).toMatch(/已收\s*¥0\.30/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "public-cycles");
  });

  it("the log's current signed head, its signature checked in the browser", async () => {
    await page.goto(`${t.baseUrl}/#/log`);
    await page.getByText("已在本浏览器用日志公钥验证").waitFor();
    const head = (await (await fetch(`${t.baseUrl}/log/head`)).json()) as { size: number; rootHash: string };
    expect(await page.locator("dl.facts").innerText()).toContain(head.rootHash);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "public-log");
  });

  it("anyone checks a member's shares by pseudonym: two cycles, each in its total and in the log", async () => {
    await page.goto(`${t.baseUrl}/#/check`);
    await page.getByLabel("匿名编号").fill(pseudonym);
    await page.getByRole("button", { name: "核验" }).click();
    await page.getByText("全部通过：4 项分摊检查").waitFor();
    const lines = await page.locator("li.ok").allInnerTexts();
    expect(lines).toContain(`第 1 期：您的分摊 ¥0.10 在公示总额中`);
    expect(lines.filter((l) => l.includes("与签名日志一致"))).toHaveLength(2);
    expect(await page.locator("li.error").count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "public-check");
  });

  it("a tampered proof is rejected, and the page says which check failed", async () => {
    await page.route("**/cycles/members/*/shares", async (route) => {
      const body = await (await route.fetch()).json();
      body.items[0].shareFen = 1; // claim a smaller share than the one in the total
      await route.fulfill({ json: body });
    });
    await page.goto(`${t.baseUrl}/#/check`);
    await page.getByLabel("匿名编号").fill(pseudonym);
    await page.getByRole("button", { name: "核验" }).click();
    await page.getByText("核验未通过").waitFor();
    expect(await page.locator("li.error").allInnerTexts()).toEqual([
      "第 1 期：分摊 ¥0.01 与公示的根、人数或总额不符",
    ]);
    await page.unroute("**/cycles/members/*/shares");
  });

  it("a malformed pseudonym is refused beside the field, before any request", async () => {
    await page.goto(`${t.baseUrl}/#/check`);
    await page.getByLabel("匿名编号").fill("not-hex");
    await page.getByRole("button", { name: "核验" }).click();
    expect(await page.getByLabel("匿名编号").getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator("#pseudonym-hint.error").count()).toBe(1);
  });
});
