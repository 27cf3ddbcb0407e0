import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { announceCycle } from "../../src/cycles/announce.ts";
import { civilDate } from "../../src/domain/calendar.ts";
import { sequenceLog } from "../../src/log/sequencer.ts";
import { approveCase, enrolMembers, latestCode, residentId } from "../support/app.ts";
import {
  launchBrowser,
  phone,
  screenshot,
  seriousViolations,
  type WebApp,
  webApp,
} from "../support/browser.ts";
import { clockTo } from "../support/cycles.ts";

/*
 * The member journey at 390×844 in zh-CN, through the screens only: register with a one-time code,
 * join 相互宝, choose to confirm each cycle, top up, then — after a cycle the test runs — see the share
 * and its chart and verify it in the browser, and see a tampered proof rejected. Then the same member
 * signs in again in English.
 */
describe("the member journey in a real browser", () => {
  let t: WebApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const mobile = "13800138000";
  beforeAll(async () => {
    t = await webApp({
      nowMs: Date.UTC(2020, 0, 1, 2),
      presets: ["xianghubao"],
      provider: { failureRate: 0 },
    });
    browser = await launchBrowser();
    ({ context, page } = await phone(browser));
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  async function requestCode(p: Page) {
    await p.getByRole("button", { name: /获取验证码|Send me a code/ }).click();
    await p.getByLabel(/验证码|Code/).waitFor();
    return latestCode(t);
  }

  it("registers with a one-time code; a bad resident ID is refused beside the field as typed", async () => {
    await page.goto(`${t.baseUrl}/#/sign-in`);
    await page.getByLabel("手机号").fill(mobile);
    await page.getByLabel("验证码").fill(await requestCode(page));
    await page.getByRole("button", { name: "登录" }).click();
    // no account for the number: registration, proven by a fresh code
    await page.getByRole("heading", { name: "实名注册" }).waitFor();
    await page.getByLabel("姓名").fill("李四");
    const id = residentId("1990-05-01", 7);
    await page.getByLabel("身份证号").fill(`${id.slice(0, 17)}${id[17] === "1" ? "2" : "1"}`);
    expect(await page.locator("#residentId-error").innerText()).toContain("身份证号不正确");
    expect(await page.locator("#mobile-error").count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "register");
    await page.getByLabel("身份证号").fill(id);
    expect(await page.locator("#residentId-error").count()).toBe(0);
    await page.getByLabel("验证码").fill(await requestCode(page));
    await page.getByRole("button", { name: "注册并登录" }).click();
    await page.getByRole("heading", { name: "李*，您好" }).waitFor();
  });

  it("joins 相互宝 for oneself, with the declaration and the waiting period shown before confirming", async () => {
    await page.goto(`${t.baseUrl}/#/join/xianghubao`);
    await page.getByRole("heading", { name: "加入相互宝 大病互助计划" }).waitFor();
    expect(await page.getByText(/等待期 90 天/).count()).toBe(1);
    expect(await page.getByRole("checkbox").count()).toBe(2);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "join");
    await page.getByRole("button", { name: "确认加入" }).click();
    await page.getByRole("heading", { name: "我的保障" }).waitFor();
    const card = await page.locator("ul.cards > li").first().innerText();
    // joined 2020-01-01 (the server's clock), 90 days' wait: covered from 2020-03-31
    expect(card).toContain("2020-03-31");
  });

  it("chooses to confirm each cycle; a top-up with no prepaid plan to fund is refused, and says why", async () => {
    await page.getByLabel("分摊方式").selectOption("confirm");
    expect(await page.getByText("每期公示后由您确认").count()).toBe(1);
    await page.getByRole("button", { name: "保存分摊方式" }).click();
    await page.getByText("已保存").waitFor();
    const { rows } = await t.db.pool.query(
      "SELECT share_mode FROM participations WHERE plan_id = 'xianghubao'",
    );
    expect(rows.map((r) => r.share_mode)).toEqual(["confirm"]);
    // 相互宝 is post-paid: nothing to fund, so nothing is charged (issue 17: top-ups only into a prepaid
    // participation; the top-up is on the money screen, then the provider's checkout)
    await page.goto(`${t.baseUrl}/#/money`);
    await page.getByLabel("充值金额（元）").fill("20.50");
    await page.getByRole("button", { name: "去支付" }).click();
    await page.getByRole("button", { name: "付款 ¥20.50" }).click();
    await page.getByRole("alert").getByText("充值用于预存制互助计划：您还没有加入任何预存制计划").waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    const { rows: paid } = await t.db.pool.query("SELECT count(*)::int AS n FROM payment_requests");
    expect(paid[0].n).toBe(0);
    await page.goto(`${t.baseUrl}/#/me`);
    await page.getByText("预存余额：").waitFor();
    expect(await page.getByText("预存余额：").innerText()).toContain("¥0.00");
  });

  it("after a cycle, sees the share and its chart and verifies it in the browser; a tampered proof fails", async () => {
    // three other members and one case: the cap gives each sharer 10 fen (our member is in the waiting
    // period, and waiting members share in 相互宝)
    const { parts } = await enrolMembers(t, 3, "xianghubao", "1370000000", "1985-01-01", 100);
    await approveCase(t, parts[0]!, 30_000_000, "2020-01-05");
    // the announcement publishes the shares and their root (the collection, on the 14th, is not needed)
    clockTo(t, "2020-01-07");
    await announceCycle(t.deps, "xianghubao", civilDate("2020-01-07"));
    await sequenceLog(t.db.pool, t.deps.logKeys, t.clock);
    await page.reload();
    await page.getByRole("heading", { name: "我的分摊" }).waitFor();
    await page.locator(".chart canvas").waitFor();
    expect(await page.getByText("共 1 期，合计 ¥0.10").count()).toBe(1);
    await page.getByRole("button", { name: "在本机核验" }).click();
    await page.getByText("全部通过：2 项分摊检查").waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "me");
    await page.route("**/log/proofs/inclusion*", async (route) => {
      const body = await (await route.fetch()).json();
      body.proof = body.proof.map((h: string) => h.replace(/^./, (c) => (c === "0" ? "1" : "0")));
      await route.fulfill({ json: body });
    });
    await page.getByRole("button", { name: "在本机核验" }).click();
    await page.getByText("核验未通过").waitFor();
    expect(await page.locator("li.error").allInnerTexts()).toEqual(["第 1 期：公示的根与日志记录不同"]);
    await page.unroute("**/log/proofs/inclusion*");
  });

  it("the critical path again in English: sign in with a code and see the protection and shares", async () => {
    // a new tab of the same context (single-process Chromium keeps one context): no session there yet
    const p = await context.newPage();
    try {
      await p.goto(`${t.baseUrl}/#/sign-in`);
      await p.getByLabel("语言").selectOption("en");
      await p.getByRole("heading", { name: "Sign in with a one-time code" }).waitFor();
      await p.getByLabel("Mobile number").fill(mobile);
      await p.getByLabel("Code").fill(await requestCode(p));
      await p.getByRole("button", { name: "Sign in" }).click();
      await p.getByRole("heading", { name: "My protection" }).waitFor();
      expect(await p.getByLabel("How shares are taken").inputValue()).toBe("confirm");
      await p.getByText(/^1 cycles, CN¥0\.10 in all$/).waitFor();
      await p.getByRole("button", { name: "Verify here" }).click();
      await p.locator("output strong").waitFor();
      expect(await p.locator("output").last().innerText(), await p.locator("main").innerText()).toBe(
        "All checks passed: 2 share checks",
      );
      expect(await seriousViolations(p)).toEqual([]);
      await screenshot(p, "me-en");
      // the money screen: the unconfirmed share (cycle 1 announced 2020-01-07, collected the 14th)
      await p.getByRole("link", { name: "Money", exact: true }).click();
      await p.getByRole("heading", { name: "Shares awaiting your confirmation" }).waitFor();
      expect(await p.locator("ul.awaiting li").allInnerTexts()).toEqual([
        "Cycle 1 of xianghubao (announced 2020-01-07) CN¥0.10: confirm by the collection day, 2020-01-14",
      ]);
      expect(await seriousViolations(p)).toEqual([]);
      await screenshot(p, "money-awaiting-en");
      await p.getByRole("link", { name: "Confirm in my shares" }).click();
      await p.getByRole("button", { name: "Confirm this share" }).waitFor();
    } finally {
      await p.close();
    }
  });
});
