import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendLogEntry } from "../../src/log/append.ts";
import { sequenceLog } from "../../src/log/sequencer.ts";
import { submitToWitnesses } from "../../src/log/witnessing.ts";
import { enrolMembers } from "../support/app.ts";
import {
  launchBrowser,
  phone,
  screenshot,
  seriousViolations,
  type WebApp,
  webApp,
} from "../support/browser.ts";
import { type InProcessWitness, startWitness } from "../tamper/witness.ts";

/*
 * The witnessed checkpoint checked in the browser with the shared domain/checkpoint.ts and WebCrypto's
 * Ed25519: two witnesses (in process: the witness's own server and state code) cosign the log's
 * checkpoint; the log page says who signed and who cosigned, and shows each failure in words — a
 * cosignature altered on the way, and a server that later names another log key than the one pinned;
 * then the log grows past the checkpoint: the head is shown to extend it by a consistency proof checked
 * with the shared proof-check.ts (@noble/hashes), and a tampered proof is rejected.
 * The witnesses stamp real time, as in production, since the browser checks freshness on its own clock.
 */
describe("the witnessed checkpoint in the browser", () => {
  let t: WebApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let witnesses: InProcessWitness[] = [];
  beforeAll(async () => {
    t = await webApp({ nowMs: Date.UTC(2020, 0, 1, 2), presets: ["xianghubao"] });
    await enrolMembers(t, 2, "xianghubao", "1390000001", "1990-01-01", 1);
    await sequenceLog(t.db.pool, t.deps.logKeys, t.clock);
    witnesses = await Promise.all(
      ["witness.example/one", "witness.example/two"].map((n) =>
        startWitness(n, t.deps.logKeys.vkey, Date.now),
      ),
    );
    Object.assign(t.deps, { witnesses: witnesses.map((w) => ({ vkey: w.vkey, url: w.url })) });
    expect(await submitToWitnesses(t.db.pool, t.deps.witnesses ?? [], Date.now())).toHaveLength(2);
    browser = await launchBrowser();
    ({ context, page } = await phone(browser, "zh-CN", { width: 360, height: 740 }));
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await Promise.all(witnesses.map((w) => w.stop()));
    await t?.close();
  });

  const result = () => page.getByTestId("witnessed").innerText();

  it("says the checkpoint is signed by the log key and cosigned by 2 of 2 witnesses, naming them", async () => {
    await page.goto(`${t.baseUrl}/#/log`);
    await page.getByRole("heading", { name: "见证检查点" }).waitFor();
    const size = (await t.app.inject({ method: "GET", url: "/log/head" })).json().size;
    const text = await result();
    expect(text).toContain(
      `检查点（第 ${size} 条）由日志密钥 ${t.deps.logKeys.vkey.split("+")[0]} 签名，并由 2/2 个见证者联署`,
    );
    expect(text).toContain("联署的见证者：witness.example/one、witness.example/two");
    expect(text).toContain(`签名树头（第 ${size} 条）就是见证检查点本身：根哈希相同`);
    expect(await page.getByTestId("witnessed").getAttribute("class")).toBe("ok");
    // the log key's PEM wraps: nothing scrolls sideways at 360 px
    expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBe(360);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "public-log-witnessed");
  });

  it("a cosignature altered on the way fails, naming the witness, and the quorum is not met", async () => {
    await page.route("**/log/checkpoint", async (route) => {
      const note = await (await route.fetch()).text();
      // flip one character of witness two's signature line (its base64 after the key id)
      const lines = note.split("\n");
      const i = lines.findIndex((l) => l.startsWith("— witness.example/two "));
      const sig = lines[i]!;
      const at = sig.length - 6;
      lines[i] = `${sig.slice(0, at)}${sig[at] === "A" ? "B" : "A"}${sig.slice(at + 1)}`;
      await route.fulfill({ body: lines.join("\n"), contentType: "text/plain; charset=utf-8" });
    });
    await page.reload();
    await page.getByText("见证检查点（第").waitFor();
    const text = await result();
    expect(text).toContain("见证者 witness.example/two 的联署签名核验失败");
    expect(text).toContain("联署不足：需要 2 个，有效的只有 1 个（共记住 2 个见证者）");
    expect(await page.getByTestId("witnessed").getAttribute("class")).toBe("error");
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "public-log-witness-failed");
    await page.unroute("**/log/checkpoint");
  });

  it("a log key other than the one first pinned is refused, checked still with the pinned key", async () => {
    await page.route("**/log/witnesses", async (route) => {
      const named = await (await route.fetch()).json();
      // another key of the same name: a fork signing with its own key
      const other = witnesses[0]!.vkey.replace("witness.example/one", named.logKey.split("+")[0]);
      await route.fulfill({ json: { ...named, logKey: other } });
    });
    await page.reload();
    await page.getByText("见证检查点（第").waitFor();
    const text = await result();
    expect(text).toContain("服务器给出的日志密钥或见证者与本浏览器第一次记住的不同");
    await page.unroute("**/log/witnesses");
    await page.reload();
    await page.getByText("并由 2/2 个见证者联署").waitFor();
  });

  it("a head beyond the checkpoint is proved to extend it here; a tampered consistency proof is rejected", async () => {
    const cosigned = (await t.app.inject({ method: "GET", url: "/log/head" })).json().size;
    // three more facts, sequenced but not yet witnessed: the head grows past the cosigned checkpoint
    for (const amountFen of [100, 200, 300])
      await appendLogEntry(t.db.pool, "topup", { member: "test-fact", amountFen, on: "2020-01-01" });
    await sequenceLog(t.db.pool, t.deps.logKeys, t.clock);
    const size = (await t.app.inject({ method: "GET", url: "/log/head" })).json().size;
    expect(size).toBeGreaterThan(cosigned);
    await page.reload();
    await page.getByTestId("witnessed-head").waitFor();
    expect(await page.getByTestId("witnessed-head").innerText()).toBe(
      `签名树头（第 ${size} 条）延续了见证检查点（第 ${cosigned} 条）：一致性证明已在本机核验通过`,
    );
    expect(await page.getByTestId("witnessed").getAttribute("class")).toBe("ok");
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "public-log-extends");
    let asked = "";
    await page.route("**/log/proofs/consistency*", async (route) => {
      asked = new URL(route.request().url()).search;
      const body = await (await route.fetch()).json();
      // one hex digit of the first hash changed: a proof of some other history
      body.proof[0] = body.proof[0].replace(/^./, (c: string) => (c === "0" ? "1" : "0"));
      await route.fulfill({ json: body });
    });
    await page.reload();
    await page.locator("[data-testid=witnessed].error").waitFor();
    expect(asked).toBe(`?from=${cosigned}&to=${size}`);
    expect(await result()).toContain(
      `签名树头（第 ${size} 条）与见证检查点（第 ${cosigned} 条）不一致：一致性证明核验未通过，日志的历史可能被改写`,
    );
    expect(await page.getByTestId("witnessed").getAttribute("class")).toBe("error");
    expect(await page.getByTestId("witnessed-head").count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "public-log-inconsistent");
    await page.unroute("**/log/proofs/consistency*");
  });
});
