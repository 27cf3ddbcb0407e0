import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { pdfCarriesActiveContent } from "../../src/domain/pdf-active.ts";
import { enrolMembers } from "../support/app.ts";
import { useTestApp } from "../support/use-app.ts";

const t = useTestApp({ presets: ["xianghubao"] });

const pdf = (...parts: Array<string | Buffer>) =>
  Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "latin1") : p)));
const flateStream = (body: string) =>
  pdf(
    "1 0 obj << /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode >>\nstream\n",
    deflateSync(body),
    "\nendstream\nendobj\n",
  );

// What a raw search for "/JavaScript" missed: every reader runs these.
const HIDDEN = {
  "a name in hex escapes": pdf(
    "%PDF-1.4\n1 0 obj << /OpenAction << /S /#4Aava#53cript /JS (app.alert(1)) >> >> endobj",
  ),
  "an action inside a compressed object stream": pdf(
    "%PDF-1.5\n",
    flateStream("2 0 << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>"),
    "%%EOF",
  ),
  "a stream re-encoded as hex text": pdf(
    "%PDF-1.5\n1 0 obj << /Type /ObjStm /Filter /ASCIIHexDecode >>\nstream\n2F4A53\nendstream",
  ),
  "an encrypted file": pdf("%PDF-1.4\ntrailer << /Encrypt 5 0 R >>\n%%EOF"),
  "an XFA form": pdf("%PDF-1.7\n1 0 obj << /AcroForm << /XFA 2 0 R >> >> endobj"),
};

describe("PDF documents carry no script, however it is written", () => {
  it("the check finds hex-escaped names, compressed object streams, text filters, encryption, XFA", () => {
    for (const [what, bytes] of Object.entries(HIDDEN))
      expect(pdfCarriesActiveContent(bytes, 1_048_576), what).toBe(true);
    // an ordinary scan: an initial view and a compressed page, nothing to run
    const plain = pdf(
      "%PDF-1.5\n1 0 obj << /Type /Catalog /OpenAction [3 0 R /FitH null] >> endobj\n",
      flateStream("BT /F1 12 Tf (diagnosis) Tj ET"),
      "%%EOF\n",
    );
    expect(pdfCarriesActiveContent(plain, 1_048_576)).toBe(false);
    // a stream that inflates past the budget is refused unread
    expect(pdfCarriesActiveContent(pdf("%PDF-1.5\n", flateStream(" ".repeat(2_000_000))), 1_048_576)).toBe(
      true,
    );
  });

  it("a claim document hiding script so is refused (415), and nothing is stored", async () => {
    const { registered, parts } = await enrolMembers(t, 1, "xianghubao", "1330000077", "1990-01-01", 877);
    const m = registered[0]!;
    const c = await t.app.inject({
      method: "POST",
      url: "/claims",
      headers: m.auth,
      payload: { participationId: parts[0], event: "major", diagnosedOn: "2020-02-20" },
    });
    const claimId = c.json().claimId as number;
    for (const [what, bytes] of Object.entries(HIDDEN)) {
      const r = await t.app.inject({
        method: "POST",
        url: `/claims/${claimId}/documents`,
        headers: { ...m.auth, "content-type": "application/pdf" },
        payload: bytes,
      });
      expect(r.statusCode, what).toBe(415);
      expect(r.json().code, what).toBe("document_active_content");
    }
    const docs = await t.db.pool.query("SELECT count(*)::int AS n FROM claim_documents");
    expect(docs.rows[0].n).toBe(0);
  });
});
