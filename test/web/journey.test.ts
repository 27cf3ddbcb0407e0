import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { announceCycle } from "../../src/cycles/announce.ts";
import { civilDate } from "../../src/domain/calendar.ts";
import { sequenceLog } from "../../src/log/sequencer.ts";
import {
  approveCase,
  enrolMembers,
  GUARDIANSHIP_PDF,
  latestCode,
  residentId,
  staffAccount,
  staffToken,
} from "../support/app.ts";
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
 * The rest of the member journey at 390×844 in zh-CN, through the screens: register, see an
 * objection refused before joining, join oneself and a child (the guardianship document accepted
 * through the staff API), pay 水滴's first deposit through the checkout naming the plan and join it
 * (a top-up funds only a prepaid plan), top up through the provider's checkout (paid, refused, pending
 * then paid), sign and revoke the debit authorisation, confirm a share in its window, object to an
 * announced case, set notification preferences, withdraw, and leave 相互宝 with the settlement shown
 * first (水滴 keeps the balance). Then the
 * critical path again in English.
 */
const FAILING = "00000000-0000-4000-8000-000000000402";
const PENDING = "00000000-0000-4000-8000-000000000202";
const failKeys = new Set<string>();
const asyncKeys = new Set<string>();
const mobile = "13800138001";

describe("the member journey through money, family, announcements, inbox and exit", () => {
  let t: WebApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let memberId: number;
  let claimId: number;
  beforeAll(async () => {
    t = await webApp({
      nowMs: Date.UTC(2020, 0, 1, 2),
      presets: ["xianghubao", "shuidi"],
      provider: { failureRate: 0, asyncRate: 0, timeoutRate: 0, failKeys, asyncKeys },
    });
    claimId = await announcedClaim(t);
    browser = await launchBrowser();
    ({ context, page } = await phone(browser));
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.close();
  });

  const go = (hash: string) => page.goto(`${t.baseUrl}/#${hash}`);
  const axe = async (name: string) => {
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, name);
  };
  /** The next Idempotency-Key the page makes is `key` (the provider's test keys), then random again. */
  const nextKey = (key: string) =>
    page.evaluate((k) => {
      const random = crypto.randomUUID.bind(crypto);
      let once = true;
      crypto.randomUUID = () => {
        if (!once) return random();
        once = false;
        return k as ReturnType<typeof random>;
      };
    }, key);

  const smsCount = async () =>
    Number((await t.db.pool.query("SELECT count(*) AS n FROM sms_outbox")).rows[0].n);
  /** Asks for a code on page `p` and reads it once its SMS is in the outbox (other SMS come and go). */
  async function codeFor(p: Page, button: RegExp) {
    const before = await smsCount();
    await p.getByRole("button", { name: button }).click();
    await expect.poll(smsCount).toBeGreaterThan(before);
    return latestCode(t);
  }

  it("registers, and an objection before joining is refused, plainly", async () => {
    await go("/sign-in");
    await page.getByLabel("手机号").fill(mobile);
    await page.getByLabel("验证码").fill(await codeFor(page, /获取验证码/));
    await page.getByRole("button", { name: "登录" }).click();
    await page.getByRole("heading", { name: "实名注册" }).waitFor();
    await page.getByLabel("姓名").fill("王五");
    await page.getByLabel("身份证号").fill(residentId("1988-08-08", 11));
    await page.getByLabel("验证码").fill(await codeFor(page, /获取验证码/));
    await page.getByRole("button", { name: "注册并登录" }).click();
    await page.getByRole("heading", { name: "王*，您好" }).waitFor();
    memberId = (await page.evaluate(
      "JSON.parse(sessionStorage.getItem('huzhu.session')).memberId",
    )) as number;
    await go("/plans/xianghubao/announcements");
    await page.getByText("公示中 1 个案例，互助金合计 ¥300,000.00").waitFor();
    await page.getByRole("button", { name: "提出异议" }).click();
    await page.getByLabel("异议理由").fill("听说申请人入会前已患病");
    await page.getByRole("button", { name: "提交异议" }).click();
    await page.getByRole("alert").waitFor();
    expect(await page.getByRole("alert").innerText()).toBe("只有参与本计划分摊的成员可以提出异议");
    await axe("announcements-refused");
  });

  it("joins 相互宝 for oneself, then enrols a child with a guardianship document and joins for them", async () => {
    await go("/join/xianghubao");
    await page.getByRole("button", { name: "确认加入" }).click();
    await page.getByRole("heading", { name: "我的保障" }).waitFor();
    await page.getByRole("link", { name: "为家人加入" }).click();
    await page.getByRole("heading", { name: "我的家人" }).waitFor();
    await page.getByLabel("姓名").fill("王小五");
    await page.getByLabel("身份证号").fill(residentId("2015-05-05", 12));
    await page.getByRole("checkbox").check();
    await page.getByRole("button", { name: "登记家人" }).click();
    await page.getByText("等待上传监护证明").waitFor();
    await page.getByLabel(/上传监护关系证明/).setInputFiles({
      name: "birth.pdf",
      mimeType: "application/pdf",
      buffer: GUARDIANSHIP_PDF,
    });
    await page.getByText("监护证明审核中").waitFor();
    await axe("family");
    // the reviewer accepts the document through the staff API
    const reviewer = await staffToken(t, ["reviewer"]);
    const queue = await t.app.inject({ method: "GET", url: "/dependant-requests", headers: reviewer });
    expect(queue.json().items).toHaveLength(1);
    const decided = await t.app.inject({
      method: "POST",
      url: `/dependant-requests/${queue.json().items[0].requestId}/decision`,
      headers: reviewer,
      payload: { accept: true },
    });
    expect(decided.json()).toMatchObject({ state: "enrolled" });
    await page.reload();
    await page.getByText("已登记").waitFor();
    await go("/join/xianghubao");
    await page.getByLabel("为谁加入").selectOption({ label: "子女：王**" });
    // the child joins on 2020-01-01 (the server's date): 90 days' wait, covered from 2020-03-31
    expect(await page.getByText("等待期 90 天：今天加入，约 2020-03-31 起获得保障。").count()).toBe(1);
    await page.getByRole("button", { name: "确认加入" }).click();
    await page.getByRole("heading", { name: "我的保障" }).waitFor();
    const cards = await page.locator("ul.cards > li h3").allInnerTexts();
    expect(cards.sort()).toEqual(["xianghubao · 王*", "xianghubao · 王**"]);
  });

  it("pays 水滴's first deposit through the checkout naming the plan, and joins it", async () => {
    // 相互宝 is post-paid: a top-up funds only a prepaid plan (its refusal: member.test.ts), so the
    // member pays 水滴's first deposit (3 yuan in its 2020 rules), which the checkout sends with planId
    await go("/join/shuidi");
    await page.getByText("本计划为预充值：加入前需先充值首笔 ¥3.00。").waitFor();
    await page.getByRole("link", { name: "支付首笔充值" }).click();
    await page.getByText("模拟支付 · 收银台").waitFor();
    await axe("checkout");
    await page.getByRole("button", { name: "付款 ¥3.00" }).click();
    await page.getByText("已到账 ¥3.00").waitFor();
    await page.getByRole("link", { name: "返回加入页面" }).click();
    await page.getByRole("button", { name: "确认加入" }).click();
    await page.getByRole("heading", { name: "我的保障" }).waitFor();
    const cards = await page.locator("ul.cards > li h3").allInnerTexts();
    expect(cards.sort()).toEqual(["shuidi · 王*", "xianghubao · 王*", "xianghubao · 王**"]);
  });

  it("tops up through the checkout: paid, refused by the provider, and pending until its webhook", async () => {
    await go("/money");
    await page.getByRole("heading", { name: "我的钱" }).waitFor();
    await page.getByLabel("充值金额（元）").fill("47");
    await page.getByRole("button", { name: "去支付" }).click();
    await page.getByText("模拟支付 · 收银台").waitFor();
    await page.getByRole("button", { name: "付款 ¥47.00" }).click();
    await page.getByText("已到账 ¥47.00").waitFor();
    await page.getByRole("link", { name: "返回我的资金" }).click();
    // the first deposit's 3 + 47 = 50 yuan
    await expect.poll(() => page.locator("dl.facts dd").first().innerText()).toBe("¥50.00");
    // a payment the provider refuses: nothing is taken
    failKeys.add(`topup:${memberId}:${FAILING}`);
    await page.getByLabel("充值金额（元）").fill("8");
    await nextKey(FAILING);
    await page.getByRole("button", { name: "去支付" }).click();
    await page.getByRole("button", { name: "付款 ¥8.00" }).click();
    await page.getByText("支付未成功（¥8.00），未扣款").waitFor();
    await axe("checkout-failed");
    await page.getByRole("link", { name: "取消并返回" }).click();
    await expect.poll(() => page.locator("dl.facts dd").first().innerText()).toBe("¥50.00");
    // one the provider answers later: pending, then paid once its webhook has come
    asyncKeys.add(`topup:${memberId}:${PENDING}`);
    await page.getByLabel("充值金额（元）").fill("2");
    await nextKey(PENDING);
    await page.getByRole("button", { name: "去支付" }).click();
    await page.getByRole("button", { name: "付款 ¥2.00" }).click();
    await page.getByText("支付处理中（¥2.00），到账后余额会更新").waitFor();
    expect(await t.provider.flushWebhooks()).toBe(1);
    await page.getByRole("button", { name: "查询支付结果" }).click();
    await page.getByText("已到账 ¥2.00").waitFor();
    await page.getByRole("link", { name: "返回我的资金" }).click();
    // 50 + 2 = 52 yuan; the refused 8 never arrived
    await expect.poll(() => page.locator("dl.facts dd").first().innerText()).toBe("¥52.00");
  });

  it("signs the debit authorisation and revokes it", async () => {
    await page.getByRole("button", { name: "签约代扣" }).click();
    await page.getByText(/^已签约/).waitFor();
    await axe("money");
    await page.getByRole("button", { name: "解除代扣" }).click();
    await page.getByText("已解约").waitFor();
  });

  it("chooses to confirm each cycle and confirms the share in its window", async () => {
    await go("/me");
    const xianghubao = page.locator("ul.cards > li", {
      has: page.getByRole("heading", { name: "xianghubao · 王*", exact: true }),
    });
    await xianghubao.getByLabel("分摊方式").selectOption("confirm");
    await xianghubao.getByRole("button", { name: "保存分摊方式" }).click();
    await page.getByText("已保存").waitFor();
    // three members covered since 2019 and one case: the cap gives each of the five sharers 10 fen
    const { parts } = await enrolMembers(t, 3, "xianghubao", "1370000000", "1985-01-01", 100);
    await approveCase(t, parts[0]!, 30_000_000, "2020-01-05");
    clockTo(t, "2020-01-07");
    await announceCycle(t.deps, "xianghubao", civilDate("2020-01-07"));
    await sequenceLog(t.db.pool, t.deps.logKeys, t.clock);
    // the money screen lists it as awaiting the member (cycle 1 announced 2020-01-07, collected the 14th)
    await go("/money");
    await page.reload();
    await page.getByRole("heading", { name: "待您确认的分摊" }).waitFor();
    expect(await page.locator("ul.awaiting li").allInnerTexts()).toEqual([
      "第 1 期 xianghubao（2020-01-07 公示）¥0.10，请在 2020-01-14 扣款日前确认",
    ]);
    await axe("money-awaiting");
    await page.getByRole("link", { name: "去我的分摊确认" }).click();
    await page.getByText("请在扣款日前确认：").waitFor();
    await page.getByRole("button", { name: "确认本期分摊" }).click();
    await page.locator("td output.ok").waitFor();
    expect(await page.locator("td output.ok").innerText()).toBe("已确认");
    const { rows } = await t.db.pool.query("SELECT s.status FROM cycle_shares s WHERE s.member_id = $1", [
      memberId,
    ]);
    expect(rows.map((r) => r.status)).toEqual(["due"]);
    await go("/money");
    await page.reload();
    await page.getByText("现在最多").waitFor();
    expect(await page.getByRole("heading", { name: "待您确认的分摊" }).count()).toBe(0);
  });

  it("objects to the announced case with grounds, as a member sharing in the plan", async () => {
    await go("/plans/xianghubao/announcements");
    await page.getByRole("button", { name: "提出异议" }).click();
    await page.getByLabel("异议理由").fill("听说申请人入会前已患病");
    await page.getByRole("button", { name: "提交异议" }).click();
    await page.getByText("异议已提交，申请人会被要求说明。").waitFor();
    await axe("announcements");
    const { rows } = await t.db.pool.query("SELECT state FROM claims WHERE claim_id = $1", [claimId]);
    expect(rows[0].state).toBe("review");
  });

  it("sees the inbox and chooses SMS for announcements only", async () => {
    await go("/inbox");
    await page.getByRole("heading", { name: "消息", exact: true }).waitFor();
    // the announced case's notice names the event as the plan does (plans/xianghubao.yaml), not `major`
    await page.getByRole("heading", { name: "互助公示：重大疾病 (99种大病、恶性肿瘤及罕见病)" }).waitFor();
    // the member's own share and, since the guardian's inbox carries them, the child's (named)
    const charges = page
      .getByRole("listitem")
      .filter({ hasText: "第 1 期 xianghubao（2020-01-07 公示）：¥0.10" });
    await charges.first().waitFor();
    expect(await charges.count()).toBe(2);
    expect(await charges.filter({ hasText: /^为/ }).count()).toBe(1);
    await page.getByLabel("短信通知（发送到注册手机号）").check();
    for (const k of ["规则修改提案", "投票", "通过的规则修改", "每期分摊", "计划状态变化", "我的互助申请"])
      await page.getByLabel(k).uncheck();
    await page.getByRole("button", { name: "保存通知设置" }).click();
    await page.getByText("通知设置已保存").waitFor();
    await axe("inbox");
    const { rows } = await t.db.pool.query(
      "SELECT sms, kinds FROM notification_preferences WHERE member_id = $1",
      [memberId],
    );
    expect(rows).toEqual([{ sms: true, kinds: ["announcement"] }]);
  });

  it("withdraws what no open cycle claims; too much is refused beside the field", async () => {
    await go("/money");
    // 52 yuan held, the confirmed 0.10 claimed by the open cycle: 51.90 withdrawable
    await page.getByText("现在最多 ¥51.90").waitFor();
    await page.getByLabel("提现金额（元）").fill("51.91");
    await page.getByRole("button", { name: "提现", exact: true }).click();
    await page.locator("#withdrawal-error").waitFor();
    expect(await page.locator("#withdrawal-error").innerText()).toBe("超过可提现金额");
    await page.getByLabel("提现金额（元）").fill("20");
    await page.getByRole("button", { name: "提现", exact: true }).click();
    await page.getByText("已提现 ¥20.00，余额 ¥32.00").waitFor();
  });

  it("leaves the plan: the refund and what stays owed are shown before confirming, then done", async () => {
    await go("/me");
    await page
      .locator("ul.cards > li", { has: page.getByRole("heading", { name: "xianghubao · 王*", exact: true }) })
      .getByRole("link", { name: "退出计划" })
      .click();
    await page.getByRole("heading", { name: "退出 xianghubao" }).waitFor();
    const shown = await page.locator("dl.facts").innerText();
    // 32 yuan held, nothing advanced; 水滴 (prepaid, still open) keeps the balance, so leaving the
    // post-paid 相互宝 refunds nothing and nothing stays owed
    expect(shown).toContain("预存余额\n¥32.00");
    expect(shown).toContain("退回给您\n¥0.00");
    expect(shown).toContain("退出后仍欠\n¥0.00");
    await axe("exit");
    await page.getByRole("button", { name: "确认退出" }).click();
    await page.getByText("已于 2020-01-07 退出。退回 ¥0.00，仍欠 ¥0.00。").waitFor();
  });

  it("the critical path again in English: sign in, top up through the checkout, read the announcements", async () => {
    const p = await context.newPage();
    try {
      await p.goto(`${t.baseUrl}/#/sign-in`);
      await p.getByLabel("语言").selectOption("en");
      await p.getByLabel("Mobile number").fill(mobile);
      await p.getByLabel("Code").fill(await codeFor(p, /Send me a code/));
      await p.getByRole("button", { name: "Sign in" }).click();
      await p.getByRole("heading", { name: "My protection" }).waitFor();
      await p.getByRole("link", { name: "Money", exact: true }).click();
      await p.getByLabel("Top-up amount (yuan)").fill("3");
      await p.getByRole("button", { name: "Pay" }).click();
      await p.getByRole("button", { name: "Pay CN¥3.00" }).click();
      await p.getByText("CN¥3.00 received").waitFor();
      expect(await seriousViolations(p)).toEqual([]);
      await p.getByRole("link", { name: "Back to my money" }).click();
      await p.getByRole("heading", { name: "My money" }).waitFor();
      expect(await seriousViolations(p)).toEqual([]);
      await screenshot(p, "money-en");
      await p.goto(`${t.baseUrl}/#/plans/xianghubao/announcements`);
      await p.getByText("No case is being announced now.").waitFor();
      await p.goto(`${t.baseUrl}/#/inbox`);
      await p.getByRole("heading", { name: "Inbox", exact: true }).waitFor();
      expect(await seriousViolations(p)).toEqual([]);
    } finally {
      await p.close();
    }
  });
});

/** A case announced through the API: an applicant covered since 2019 reports, a reviewer approves. */
async function announcedClaim(t: WebApp): Promise<number> {
  const { parts, registered } = await enrolMembers(t, 1, "xianghubao", "1360000000", "1980-01-01", 200);
  const operator = await staffToken(t, ["operator"]);
  const reviewer = await staffAccount(t, ["reviewer"]);
  const must = async (method: "POST", url: string, headers: Record<string, string>, payload?: unknown) => {
    const r = await t.app.inject({
      method,
      url,
      headers,
      ...(payload ? { payload: payload as object } : {}),
    });
    if (r.statusCode >= 300) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
    return r.json();
  };
  const a = registered[0]!.auth;
  const { claimId } = await must("POST", "/claims", a, {
    participationId: parts[0],
    event: "major",
    diagnosedOn: "2019-12-20",
    description: "确诊恶性肿瘤，住院治疗",
  });
  await must(
    "POST",
    `/claims/${claimId}/documents?kind=diagnosis`,
    { ...a, "content-type": "application/pdf" },
    Buffer.from("%PDF-1.4\n% 诊断证明\n%%EOF\n"),
  );
  await must("POST", `/claims/${claimId}/submit`, a);
  await must("POST", `/claims/${claimId}/assignment`, operator, { reviewerId: reviewer.staffId });
  const d = await must("POST", `/claims/${claimId}/decision`, reviewer.auth, {
    diagnosisProven: true,
    preExisting: false,
    note: "pathology confirmed",
  });
  if (d.state !== "announcement") throw new Error(`the claim is ${d.state}`);
  return claimId;
}
