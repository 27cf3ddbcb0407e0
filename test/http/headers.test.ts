import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { enrolMembers, latestCode, residentId, staffToken } from "../support/app.ts";
import { wrongCode } from "../support/auth.ts";
import { useTestApp } from "../support/use-app.ts";

const t = useTestApp({ presets: ["xianghubao"] });

const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: "GET", url, headers });
const PDF = Buffer.from("%PDF-1.4\n% 诊断证明\n1 0 obj <<>> endobj\n%%EOF\n");

describe("security headers", () => {
  it("every answer carries a strict CSP, nosniff, no framing and a referrer policy; no HSTS over plain HTTP", async () => {
    for (const url of ["/plans", "/me", "/no-such-route", "/verify"]) {
      const r = await get(url);
      const csp = String(r.headers["content-security-policy"]);
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).toContain("script-src 'self'");
      expect(csp, url).toContain("object-src 'none'");
      expect(r.headers["x-content-type-options"], url).toBe("nosniff");
      expect(r.headers["x-frame-options"], url).toBe("DENY");
      expect(r.headers["referrer-policy"], url).toBe("strict-origin-when-cross-origin");
      expect(r.headers["strict-transport-security"], url).toBeUndefined();
    }
  });

  it("HSTS behind TLS (a proxy in front says so)", async () => {
    const r = await get("/plans", { "x-forwarded-proto": "https" });
    expect(r.headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
  });

  it("personal answers are never stored by a cache; public ones may be", async () => {
    const { registered, parts } = await enrolMembers(t, 1, "xianghubao", "1330000000", "1990-01-01", 801);
    const m = registered[0]!;
    const staff = await staffToken(t, ["operator"]);
    for (const [url, headers] of [
      ["/me", m.auth],
      [`/members/${m.memberId}`, m.auth],
      [`/members/${m.memberId}`, staff],
      [`/members/${m.memberId}/balance`, m.auth],
      [`/members/${m.memberId}/dependants`, m.auth],
      ["/participations", m.auth],
      [`/participations/${parts[0]}`, m.auth],
      ["/claims", m.auth],
      ["/notifications", m.auth],
      ["/audit-trail", staff],
      ["/me", {}], // even a refusal of a personal route
    ] as const) {
      const r = await get(url, headers);
      expect(r.headers["cache-control"], `${url} ${r.statusCode}`).toBe("no-store");
    }
    expect((await get("/plans")).headers["cache-control"]).toBeUndefined();
  });

  it("sign-in answers (a bearer token, a challenge id, a refusal) are never stored by a cache either", async () => {
    const post = (url: string, payload: object) => t.app.inject({ method: "POST", url, payload });
    const otp = await post("/auth/otp", { mobile: "13300000099" });
    expect(otp.statusCode).toBe(202);
    const code = await latestCode(t);
    const challengeId = otp.json().challengeId;
    const wrong = await post("/auth/member/login", {
      mobile: "13300000099",
      challengeId,
      code: wrongCode(code),
    });
    expect(wrong.statusCode).toBe(400);
    const reg = await post("/auth/member/register", {
      name: "钱二",
      mobile: "13300000099",
      residentId: residentId("1990-01-01", 899),
      challengeId,
      code,
    });
    expect(reg.statusCode).toBe(201);
    for (const r of [otp, wrong, reg]) expect(r.headers["cache-control"], r.body).toBe("no-store");
  });

  it("/docs (Swagger UI) works under the CSP: each inline script and style of the page is allowed by its hash", async () => {
    const page = await get("/docs/");
    expect(page.statusCode).toBe(200);
    const csp = String(page.headers["content-security-policy"]);
    expect(csp).toContain("frame-ancestors 'none'");
    const inline = [...page.body.matchAll(/<(script|style)(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/\1>/g)];
    for (const [, , body] of inline) {
      if (!body!.trim()) continue;
      const hash = `'sha256-${createHash("sha256").update(body!).digest("base64")}'`;
      expect(csp).toContain(hash);
    }
    // every script and style sheet comes from this origin, and is there
    const assets = [...page.body.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((a) => a[1]!);
    expect(assets).toContain("static/swagger-initializer.js");
    for (const a of assets) expect((await get(`/docs/${a}`)).statusCode, a).toBe(200);
    expect(page.body).not.toMatch(/(?:src|href)="https?:/);
  });
});

describe("claim documents", () => {
  let seq = 0;
  async function claim() {
    seq++;
    const { registered, parts } = await enrolMembers(
      t,
      1,
      "xianghubao",
      `133000001${seq}`,
      "1990-01-01",
      803 + 2 * seq,
    );
    const m = registered[0]!;
    const r = await t.app.inject({
      method: "POST",
      url: "/claims",
      headers: m.auth,
      payload: { participationId: parts[0], event: "major", diagnosedOn: "2020-02-20" },
    });
    expect(r.statusCode).toBe(201);
    return { m, claimId: r.json().claimId as number };
  }
  const upload = (claimId: number, auth: Record<string, string>, bytes: Buffer, type = "application/pdf") =>
    t.app.inject({
      method: "POST",
      url: `/claims/${claimId}/documents`,
      headers: { ...auth, "content-type": type },
      payload: bytes,
    });

  it("a polyglot is refused: PDF magic with HTML or script inside, or HTML behind a bare %PDF-", async () => {
    const { m, claimId } = await claim();
    for (const bytes of [
      "%PDF-1.7\n<html><script>alert(document.cookie)</script></html>",
      "%PDF-<html><script>fetch('/me')</script>",
      "%PDF-1.4\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj",
      "%PDF-1.4\n<svg onload=alert(1)>",
    ]) {
      const r = await upload(claimId, m.auth, Buffer.from(bytes, "latin1"));
      expect(r.statusCode, bytes).toBe(415);
      expect(["document_type", "document_active_content"]).toContain(r.json().code);
    }
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.from("<script>alert(1)</script>"),
    ]);
    expect((await upload(claimId, m.auth, png, "image/png")).json().code).toBe("document_active_content");
    const docs = await t.db.pool.query("SELECT count(*)::int AS n FROM claim_documents WHERE claim_id = $1", [
      claimId,
    ]);
    expect(docs.rows[0].n).toBe(0);
  });

  it("an ordinary PDF (an initial view) and an image whose pixels happen to hold '<svg' far from its head are accepted", async () => {
    const { m, claimId } = await claim();
    const pdf = Buffer.from(
      "%PDF-1.7\n1 0 obj << /Type /Catalog /OpenAction [3 0 R /FitH null] >> endobj\n%%EOF\n",
    );
    expect((await upload(claimId, m.auth, pdf)).statusCode).toBe(201);
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(4096, 0x17),
      Buffer.from("<svg "),
    ]);
    expect((await upload(claimId, m.auth, png, "image/png")).statusCode).toBe(201);
  });

  it("a document is served as an attachment of its checked type, nosniff, never cached", async () => {
    const { m, claimId } = await claim();
    const up = await upload(claimId, m.auth, PDF);
    expect(up.statusCode).toBe(201);
    const sha = up.json().sha256 as string;
    const r = await get(`/claims/${claimId}/documents/${sha}`, m.auth);
    expect(r.statusCode).toBe(200);
    expect(r.headers["content-type"]).toBe("application/pdf");
    expect(r.headers["content-disposition"]).toBe(`attachment; filename="${sha}.pdf"`);
    expect(r.headers["x-content-type-options"]).toBe("nosniff");
    expect(r.headers["cache-control"]).toBe("no-store");
    expect(r.rawPayload.equals(PDF)).toBe(true);
  });
});
