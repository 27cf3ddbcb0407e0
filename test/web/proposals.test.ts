import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { at, type Gov, govApp, reduced, voteThreeOfFour } from "../governance/fixture.ts";
import { launchBrowser, phone, screenshot, seriousViolations, sessionScript } from "../support/browser.ts";

/*
 * Co-deliberation in the member app, at 390×844 in zh-CN: a member reads a published proposal that
 * cuts a benefit — its readable diff and class, the evaluation, the dates —, comments under their
 * pseudonym, votes (and changes the vote), and after the window sees the result. The proposal, its
 * evaluation, publication and tally go through the staff API (test/governance/fixture.ts's plan).
 */
let g: Gov;
let baseUrl: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let id: number;

beforeAll(async () => {
  g = await govApp();
  id = (await g.propose("癌症互助金调整", reduced)).id;
  const pub = await g.post(`/proposals/${id}/publish`, g.operator, { effectiveOn: "2020-03-16" });
  if (pub.statusCode !== 200) throw new Error(pub.body);
  await g.t.app.listen({ port: 0, host: "127.0.0.1" });
  const address = g.t.app.server.address();
  baseUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  browser = await launchBrowser();
  ({ context, page } = await phone(browser));
  const m = g.members[4]!;
  await page.addInitScript({ content: sessionScript(m) });
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await g?.t.close();
});

describe("rule changes in the member app", () => {
  it("lists the proposal and shows its readable diff, class, evaluation and dates", async () => {
    await page.goto(`${baseUrl}/#/proposals`);
    await page.getByRole("heading", { name: "规则修改提案" }).waitFor();
    await page.getByText("gov-plan · 1 处修改 · 0 条评论").waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "proposals");
    await page.getByRole("link", { name: /癌症互助金调整/ }).click();
    await page.getByRole("heading", { name: "癌症互助金调整" }).waitFor();
    // the heading can come from the list's cache before the proposal's diff has loaded: wait for it
    await page.locator("ul.diff li").first().waitFor();
    const diff = await page.locator("ul.diff li").allInnerTexts();
    // the cancer benefit under 40, standard tier: 300,000 → 200,000 yuan
    expect(diff).toHaveLength(1);
    expect(diff[0]).toContain("benefits.schedule[0].benefit.amount");
    expect(diff[0]).toMatch(/修改前\s*300000\s*→\s*修改后\s*200000/);
    expect(await page.getByText("减少保障").count()).toBe(1);
    expect(await page.getByText("精算师").count()).toBe(1);
    expect(await page.getByText("公示中").first().isVisible()).toBe(true);
  });

  it("comments under a pseudonym and votes, changing the vote: the last ballot counts", async () => {
    await page.getByLabel("您的评论（以匿名编号发布）").fill("同意，但请公开精算报告");
    await page.getByRole("button", { name: "发表评论" }).click();
    await page.getByText("同意，但请公开精算报告").waitFor();
    await page.getByRole("button", { name: "反对" }).click();
    await page.getByText("已记录：反对（第 1 票）").waitFor();
    await page.getByRole("button", { name: "赞成" }).click();
    await page.getByText("已记录：赞成（第 2 票）").waitFor();
    const ballots = await g.t.db.pool.query(
      "SELECT seq, in_favour FROM ballots WHERE proposal_id = $1 AND member_id = $2 ORDER BY seq",
      [id, g.members[4]!.memberId],
    );
    expect(ballots.rows).toEqual([
      { seq: 1, in_favour: false },
      { seq: 2, in_favour: true },
    ]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "proposal");
  });

  it("after the window, shows the result by the charter's rule", async () => {
    await voteThreeOfFour(g, id); // members 0–3: 3 in favour, 1 against
    await g.setNow(at("2020-03-08"));
    const tally = await g.post(`/proposals/${id}/tally`, g.operator);
    expect(tally.statusCode).toBe(200);
    await page.reload();
    // 4 in favour (0, 1, 2 and ours), 1 against: 80% ≥ the three-quarters a benefit reduction needs
    await page.getByText("通过：赞成 4，反对 1（有投票权会员 8 人）").waitFor();
    expect(await page.getByRole("button", { name: "赞成" }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "proposal-result");
  });
});
