import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sequenceLog } from "../../src/log/sequencer.ts";
import { launchBrowser, phone, screenshot, seriousViolations, sessionScript } from "../support/browser.ts";
import {
  applicant,
  at,
  castVotes,
  get,
  jurors,
  operator,
  PDF,
  post,
  reasonOf,
  refuseClaim,
  replayStory,
  reviewer,
  reviewerId,
  setNow,
  t,
  useClaimsStory,
} from "../support/claims.ts";

/*
 * A claim followed to payment in the member app, at 390×844 in zh-CN: the applicant reports it (the
 * deadline shown as the date is typed), hands in a diagnosis from a file input that also opens the
 * camera, submits, sees the refusal with its reason and appeals; a drawn juror reads the masked case
 * file and votes; the applicant answers an objection; and sees the claim paid. The staff's steps go
 * through the staff API, as in test/support/claims.ts, whose world (and early's refused claim) this is.
 */
useClaimsStory("waiting");

let baseUrl: string;
let browser: Browser;
let context: BrowserContext;
let mine: Page;
let juror: Page;

/** A tab signed in as a member (the session the sign-in screen would keep, in this tab only). */
async function signedIn(m: { token: string; memberId: number }) {
  const page = await context.newPage();
  await page.addInitScript({ content: sessionScript(m) });
  return page;
}

async function must(r: Promise<{ statusCode: number; body: string }>) {
  const a = await r;
  if (a.statusCode >= 300) throw new Error(`${a.statusCode}: ${a.body}`);
}

beforeAll(async () => {
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  const address = t.app.server.address();
  baseUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  browser = await launchBrowser();
  ({ context } = await phone(browser));
  mine = await signedIn(applicant);
  juror = await signedIn(jurors[0]!);
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

let claimId: number;

describe("a claim from the report to payment, in the member app", () => {
  it("reports a claim with the report's deadline shown as the diagnosis date is typed", async () => {
    await setNow(at("2020-07-01"));
    await mine.goto(`${baseUrl}/#/claims`);
    await mine.getByRole("heading", { name: "我的互助申请" }).waitFor();
    expect(await mine.getByText("还没有申请。").count()).toBe(1);
    await mine.getByRole("link", { name: "报案：申请互助金" }).click();
    await mine.getByRole("heading", { name: "报案" }).waitFor();
    await mine.getByText("确诊后 30 天内须报案").waitFor(); // once the plan's rules have loaded
    await mine.getByLabel("确诊日期").fill("2020-06-01");
    // 相互宝: report within 30 days of the diagnosis: 2020-06-01 + 30 = 2020-07-01
    await mine.getByText("请在 2020-07-01 前报案（确诊后 30 天内）").waitFor();
    await mine.getByLabel(/情况说明/).fill("确诊恶性肿瘤，住院治疗");
    expect(await seriousViolations(mine)).toEqual([]);
    await screenshot(mine, "claim-report");
    await mine.getByRole("button", { name: "提交报案" }).click();
    await mine.getByRole("heading", { name: /^申请 #\d+（xianghubao）$/ }).waitFor();
    claimId = Number(mine.url().split("/").pop());
    expect(await mine.locator(".badge").first().innerText()).toBe("已报案");
    // documents within 7 days of the report: 2020-07-01 + 7 = 2020-07-08
    expect(await mine.locator("dl.facts").nth(1).innerText()).toContain("2020-07-08");
    await mine.getByText("○ 诊断证明（必需，提交审核前至少一份）").waitFor();
  });

  it("hands in a diagnosis from the camera-or-file input, ticks the checklist, and submits", async () => {
    const input = mine.locator('input[type="file"]');
    expect(await input.getAttribute("accept")).toBe("image/*,application/pdf");
    expect(await input.getAttribute("capture")).toBe("environment");
    await input.setInputFiles({ name: "诊断证明.pdf", mimeType: "application/pdf", buffer: PDF });
    await mine.getByText("已上传").waitFor();
    await mine.getByText("✓ 诊断证明（必需，提交审核前至少一份）").waitFor();
    expect(await mine.locator(".badge").first().innerText()).toBe("补充材料中");
    // a file that is no PDF under a PDF's name is refused: the server's code (document_type), in the
    // member's language
    await input.setInputFiles({
      name: "fake.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("hello"),
    });
    await mine.getByRole("alert").waitFor();
    expect(await mine.getByRole("alert").innerText()).toBe("只支持 PDF、JPEG、PNG 文件");
    expect(await seriousViolations(mine)).toEqual([]);
    await mine.getByRole("button", { name: "材料齐全，提交审核" }).click();
    await expect.poll(() => mine.locator(".badge").first().innerText(), { timeout: 30_000 }).toBe("审核中");
    const stored = (await get(`/claims/${claimId}`, applicant.auth)).json();
    expect(stored.documents.map((d: { kind: string }) => d.kind)).toEqual(["diagnosis"]);
  });

  it("sees the refusal with its reason and the appeal's deadline, and appeals to the jury", async () => {
    await must(post(`/claims/${claimId}/assignment`, operator, { reviewerId, complexity: "complex" }));
    await refuseClaim(claimId);
    await mine.reload();
    await mine.getByText("不予通过 (诊断未能证实)").waitFor();
    // appeal within 15 days of the decision (2020-07-01): by 2020-07-16
    const deadline = (await get(`/claims/${claimId}`, applicant.auth)).json().deadlines.appealDueOn;
    await mine.getByText(new RegExp(`可在 ${deadline} 前申请评审团复核`)).waitFor();
    const steps = await mine.locator("ol.timeline > li").allInnerTexts();
    expect(steps.map((s) => s.split(" ")[0])).toEqual([
      "报案",
      "上传材料",
      "提交审核",
      "分配审核员",
      "开始调查",
      "记录调查结论",
      "不予通过",
    ]);
    // each step's reason and the decision's explanation in Chinese, from their codes (the server's
    // English stays for other clients): dates as the app writes them, the reviewer's note as written
    const refusal = "所提交的材料不能证明所报疾病的诊断（审核意见：pathology report missing）";
    expect(steps[0]).toContain("2020年7月1日报案，确诊日期2020年6月1日（报案期限2020年7月1日）");
    expect(steps[1]).toMatch(/诊断证明（文件编号 [0-9a-f]{12}）/);
    expect(steps[3]).toContain(`已指派审核员（工号 ${reviewerId}），案件复杂程度定为“复杂”`);
    expect(steps[4]).toContain("转入调查：hospital records needed");
    expect(steps[6]).toContain(refusal);
    expect(await mine.locator("dl.facts").first().innerText()).toContain(refusal);
    expect(await mine.locator("main").innerText()).not.toMatch(
      /the documents do not prove|not_proven|findings recorded/,
    );
    expect(await seriousViolations(mine)).toEqual([]);
    await sequenceLog(t.db.pool, t.deps.logKeys, t.clock); // the draw's seed is the latest signed head
    await mine.getByRole("button", { name: "申请评审团复核" }).click();
    await expect
      .poll(() => mine.locator(".badge").first().innerText(), { timeout: 30_000 })
      .toBe("评审团复核中");
  });
});

describe("jury duty in the member app", () => {
  it("a drawn juror sees the invitation, reads the masked case file and votes", async () => {
    await juror.goto(`${baseUrl}/#/jury`);
    await juror.getByRole("heading", { name: "评审邀请" }).waitFor();
    await juror.getByText("您尚未投票").waitFor();
    expect(await seriousViolations(juror)).toEqual([]);
    await juror.getByRole("link", { name: new RegExp(`申请 #${claimId} 的复核`) }).click();
    await juror.getByRole("heading", { name: `申请 #${claimId} 的案卷` }).waitFor();
    const file = await juror.locator("main").innerText();
    // masked: a masked name and an age band; the findings; the documents' kinds, never their content
    expect(file).toContain("李*，30–39 岁");
    expect(file).toContain("病理报告缺失");
    expect(file).toContain("专家意见：无法确认诊断");
    expect(file).toContain("诊断证明 · application/pdf");
    // the refusal and every step's reason in Chinese
    expect(file).toContain("所提交的材料不能证明所报疾病的诊断（审核意见：pathology report missing）");
    expect(file).toContain("调查结论已记录");
    expect(file).not.toContain("the documents do not prove");
    expect(file).not.toContain("李四");
    expect(file).not.toContain("确诊恶性肿瘤");
    expect(await seriousViolations(juror)).toEqual([]);
    await screenshot(juror, "jury-case");
    const cast = juror.getByRole("button", { name: "投票" });
    expect(await cast.isDisabled()).toBe(true);
    await juror.getByLabel("推翻原结论，应予互助").check();
    // a choice without a reason cannot be sent: every vote carries one
    expect(await cast.isDisabled()).toBe(true);
    await juror.getByLabel("您的理由（必填）").fill("两份病理报告均支持诊断，拒赔依据不足");
    expect(await seriousViolations(juror)).toEqual([]);
    await screenshot(juror, "jury-vote");
    await cast.click();
    await juror.getByText("您已投票：推翻原结论").waitFor();
    const ballot = await t.db.pool.query(
      "SELECT in_favour, reason_cipher IS NOT NULL AS sealed FROM jury_votes WHERE claim_id = $1 AND member_id = $2",
      [claimId, jurors[0]!.memberId],
    );
    expect(ballot.rows).toEqual([{ in_favour: true, sealed: true }]);
  });

  it("after the window the juror sees the result: 3 to overturn, 1 to uphold", async () => {
    await castVotes(claimId, [true, true, false], 1);
    await setNow(at("2020-07-02", 11)); // the 24 hours are over
    await sequenceLog(t.db.pool, t.deps.logKeys, t.clock);
    await must(post("/admin/claims/advance", operator));
    await juror.goto(`${baseUrl}/#/jury`);
    await juror.reload(); // not the invitations as cached before the tally
    await expect
      .poll(() => juror.locator("main").innerText(), { timeout: 30_000 })
      .toContain("已推翻原结论 （推翻 3 票，维持 1 票）");
    expect(await seriousViolations(juror)).toEqual([]);
    await screenshot(juror, "jury");
    // the case page now shows the result and the four reasons, unsigned: three to overturn, one to uphold
    await juror.goto(`${baseUrl}/#/jury/${claimId}`);
    await juror.getByRole("heading", { name: "评审员的理由（不署名）" }).waitFor();
    const reasons = await juror.locator(".card ul > li").allInnerTexts();
    expect(reasons.sort()).toEqual(
      [
        "推翻原结论，应予互助: 两份病理报告均支持诊断，拒赔依据不足",
        `推翻原结论，应予互助: ${reasonOf(true)}`,
        `推翻原结论，应予互助: ${reasonOf(true)}`,
        `维持原结论: ${reasonOf(false)}`,
      ].sort(),
    );
  });
});

describe("the claim after the jury, to payment", () => {
  it("answers an objection when asked, and sees the claim paid with what was paid and why", async () => {
    await must(post(`/claims/${claimId}/objections`, jurors[1]!.auth, { grounds: "该会员入会前已确诊" }));
    await mine.reload();
    await expect
      .poll(() => mine.locator("main").innerText(), { timeout: 30_000 })
      .toContain("该会员入会前已确诊");
    // the applicant reads the jury's result and its reasons on the claim's page
    await mine.getByRole("heading", { name: "评审员的理由（不署名）" }).waitFor();
    expect(await mine.locator("main").innerText()).toContain("两份病理报告均支持诊断，拒赔依据不足");
    await mine.getByLabel("会员对本案提出了异议，请说明情况").fill("入会时未患病，附首次就诊记录");
    await mine.getByRole("button", { name: "提交说明" }).click();
    await mine.getByText("您的说明：入会时未患病，附首次就诊记录").waitFor();
    expect(await seriousViolations(mine)).toEqual([]);
    await must(
      post(`/claims/${claimId}/decision`, reviewer, {
        diagnosisProven: true,
        preExisting: false,
        note: "first visit 2020-05-31",
      }),
    );
    await setNow(at("2020-07-17"));
    await replayStory("object", "pay"); // publicity ends, the cycle is announced and collected, paid
    await mine.reload();
    await expect.poll(() => mine.locator(".badge").first().innerText(), { timeout: 30_000 }).toBe("已支付");
    // as test/claims/payout.test.ts: 7 sharers × 10 fen (the per-case cap) = 70 collected; the
    // benefit's part ⌊70 × 30,000,000 ÷ 32,400,000⌋ = 64 fen
    const facts = await mine.locator("dl.facts").first().innerText();
    expect(facts).toContain("¥300,000.00");
    expect(facts).toContain("¥0.64");
    // why, in Chinese: the per-case cap of 10 fen = ¥0.10; 30,000,000 − 64 = 29,999,936 fen = ¥299,999.36 less
    expect(facts).toContain("本计划对每位会员的分摊设有上限（每人每案不超过 ¥0.10）");
    expect(facts).toContain("按规则超出部分由互助金承担：比核定金额少 ¥299,999.36");
    expect(facts).not.toContain("fen less than approved");
    const steps = (await mine.locator("ol.timeline > li").allInnerTexts()).map((s) => s.split(" ")[0]);
    const overturned = (await mine.locator("ol.timeline > li").allInnerTexts()).find((s) =>
      s.startsWith("评审团推翻原结论"),
    );
    // 3 of 4 jurors to overturn = 75.0%, above 50%; then the rules' decision, after the tally
    expect(overturned).toContain(
      "评审团 4 票中 3 票支持申请人（75.0%），超过 50% 即改判：原结论被推翻；依照",
    );
    expect(steps.slice(-6)).toEqual([
      "评审团推翻原结论",
      "会员提出异议",
      "申请人说明",
      "审核通过",
      "进入分摊",
      "已支付",
    ]);
    expect(await seriousViolations(mine)).toEqual([]);
    await screenshot(mine, "claim");
    await mine.goto(`${baseUrl}/#/claims`);
    await mine.getByRole("heading", { name: "我的互助申请" }).waitFor();
    await mine.reload();
    expect(await mine.locator("ul.cards .badge").first().innerText()).toBe("已支付");
    await screenshot(mine, "claims");
  });
});
