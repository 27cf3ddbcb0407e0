import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, phone, screenshot, seriousViolations, sessionScript } from "../support/browser.ts";
import { claimId, jurors, post, reviewer, t, useClaimsStory } from "../support/claims.ts";

/*
 * The nav at a phone's 360 px (four tabs at the bottom and "more", nothing scrolling sideways), used
 * with the keyboard, and on a desktop in one row; and 公示 signed out: the cases in their publicity
 * period and what became of the case a member objected to. The world is test/support/claims.ts's, with
 * the applicant's claim published after the jury overturned its refusal.
 */
useClaimsStory("overturn");

let baseUrl: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  const address = t.app.server.address();
  baseUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  browser = await launchBrowser();
  ({ context, page } = await phone(browser, "zh-CN", { width: 360, height: 740 }));
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

const nav = () => page.getByRole("navigation", { name: "主导航" });
/** How far the page is wider than the screen (0: nothing scrolls sideways). */
const overflowPx = () =>
  page.evaluate<number>("document.documentElement.scrollWidth - document.documentElement.clientWidth");

describe("the nav on a 360 px phone", () => {
  it("signed out: four tabs and “more” in one row at the bottom, nothing scrolls sideways", async () => {
    await page.goto(`${baseUrl}/#/`);
    await page.getByRole("heading", { name: "互助计划", exact: true }).waitFor();
    const tabs = await nav().locator(":scope > ul > li").allInnerTexts();
    expect(tabs).toEqual(["计划", "公示", "共议", "登录", "更多"]);
    expect(await overflowPx()).toBe(0);
    // the bar sits at the bottom of the screen, each tab at least 44 px high (a thumb's target)
    const bar = await nav().boundingBox();
    expect(Math.round(bar!.y + bar!.height)).toBe(740);
    const more = nav().getByRole("button", { name: "更多" });
    expect((await more.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("“more” opens and closes with the keyboard; a link chosen in it goes there and closes it", async () => {
    const more = nav().getByRole("button", { name: "更多" });
    expect(await more.getAttribute("aria-expanded")).toBe("false");
    expect(await nav().getByRole("link", { name: "核验" }).count()).toBe(0); // hidden while closed
    await more.focus();
    await page.keyboard.press("Enter");
    expect(await more.getAttribute("aria-expanded")).toBe("true");
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "nav-more");
    await page.keyboard.press("Escape");
    expect(await more.getAttribute("aria-expanded")).toBe("false");
    expect(await page.evaluate<string>("document.activeElement?.textContent")).toBe("更多");
    await page.keyboard.press("Space");
    await page.keyboard.press("Tab"); // the first link in the menu: 公开记录
    await page.keyboard.press("Tab");
    expect(await page.evaluate<string>("document.activeElement?.textContent")).toBe("核验");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "核验分摊" }).waitFor();
    expect(page.url()).toMatch(/#\/check$/);
    expect(await more.getAttribute("aria-expanded")).toBe("false");
    // the current page is in the menu: “more” is marked, the link is the current page
    expect(await more.getAttribute("class")).toContain("active");
  });

  it("signed in: plans, claims, money and me as tabs, the other six under “more”, in both languages", async () => {
    const member = await context.newPage();
    await member.addInitScript({ content: sessionScript(jurors[0]!) });
    await member.goto(`${baseUrl}/#/me`);
    const memberNav = member.getByRole("navigation", { name: "主导航" });
    await memberNav.getByRole("link", { name: "我的" }).waitFor();
    expect(await memberNav.locator(":scope > ul > li").allInnerTexts()).toEqual([
      "计划",
      "互助申请",
      "资金",
      "我的",
      "更多",
    ]);
    await memberNav.getByRole("button", { name: "更多" }).click();
    const rest = await memberNav.locator("#more-links a").allInnerTexts();
    expect(rest).toEqual(["公示", "消息", "评审", "共议", "公开记录", "核验"]);
    expect(await member.evaluate<number>("document.documentElement.scrollWidth")).toBe(360);
    expect(await seriousViolations(member)).toEqual([]);
    await screenshot(member, "nav-member-more");
    await member.keyboard.press("Escape");
    await member.getByRole("combobox", { name: "语言" }).selectOption("en");
    const enNav = member.getByRole("navigation", { name: "Main" });
    await enNav.getByRole("button", { name: "More" }).waitFor();
    expect(await enNav.locator(":scope > ul > li").allInnerTexts()).toEqual([
      "Plans",
      "Claims",
      "Money",
      "Me",
      "More",
    ]);
    expect(await member.evaluate<number>("document.documentElement.scrollWidth")).toBe(360);
    // the choice is kept for the context's other tabs: back to Chinese for them
    await member.getByRole("combobox", { name: "Language" }).selectOption("zh-CN");
    await memberNav.getByRole("button", { name: "更多" }).waitFor();
    await member.close();
  });

  it("on a desktop every link shows in one row at the top and there is no “more”", async () => {
    const wide = await context.newPage();
    await wide.setViewportSize({ width: 1280, height: 800 });
    await wide.addInitScript({ content: sessionScript(jurors[0]!) });
    await wide.goto(`${baseUrl}/#/`);
    const wideNav = wide.getByRole("navigation", { name: "主导航" });
    await wideNav.getByRole("link", { name: "核验" }).waitFor();
    expect(await wideNav.getByRole("link").count()).toBe(10);
    expect(await wideNav.getByRole("button").count()).toBe(0);
    const box = await wideNav.boundingBox();
    expect(box!.y).toBeLessThan(100); // under the header, not at the bottom
    expect(box!.height).toBeLessThan(60); // one row
    expect(await seriousViolations(wide)).toEqual([]);
    await screenshot(wide, "nav-desktop");
    await wide.close();
  });
});

describe("公示 signed out", () => {
  it("shows the plans' notices, the masked case in its publicity period, and asks to sign in to object", async () => {
    await page.goto(`${baseUrl}/#/`);
    await nav().getByRole("link", { name: "公示" }).click();
    await page.getByRole("heading", { name: "公示", exact: true }).waitFor();
    await page
      .getByRole("link", { name: /相互宝/ })
      .first()
      .click();
    await page.getByRole("heading", { name: "xianghubao 公示" }).waitFor();
    await page.getByText(`案例 #${claimId} · 李*`).waitFor();
    const text = await page.locator("main").innerText();
    // 300,000 yuan, the event by its name in the plan's rules, objections until 2020-07-16
    expect(text).toContain("公示中 1 个案例，互助金合计 ¥300,000.00");
    expect(text).toContain("重大疾病");
    expect(text).toContain("2020-07-16");
    expect(text).not.toContain("李四");
    // the decision's reason in Chinese from its code, never the server's English sentence
    expect(text).toContain("审核通过");
    expect(text).not.toContain("approved under the rules");
    expect(await page.getByRole("link", { name: "登录后可提出异议" }).count()).toBe(1);
    await page.getByText("本计划还没有被提出异议的案例。").waitFor();
    expect(await overflowPx()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("shows the objected case under review, then approved again, never the grounds", async () => {
    const o = await post(`/claims/${claimId}/objections`, jurors[1]!.auth, { grounds: "该会员入会前已确诊" });
    expect(o.statusCode).toBeLessThan(300);
    await page.reload();
    await page.getByText("现在没有公示中的案例。").waitFor();
    await page.getByText("重新审核中").waitFor();
    expect(await page.locator("main").innerText()).not.toContain("入会前已确诊");
    const d = await post(`/claims/${claimId}/decision`, reviewer, {
      diagnosisProven: true,
      preExisting: false,
      note: "",
    });
    expect(d.statusCode).toBe(200);
    await page.reload();
    await page.getByText("复核后仍予互助").waitFor();
    await page.getByText(`案例 #${claimId} · 李*`).first().waitFor();
    expect(await page.getByText("1 条异议", { exact: false }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "public-announcements");
  });
});
