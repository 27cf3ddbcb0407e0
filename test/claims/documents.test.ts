import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  applicant,
  claimId,
  get,
  jurors,
  PDF,
  post,
  reviewer,
  t,
  useClaimsStory,
} from "../support/claims.ts";

useClaimsStory("report");

describe("documents", () => {
  it("stores documents by their SHA-256, encrypted, and refuses other types", async () => {
    const text = await post(
      `/claims/${claimId}/documents`,
      { ...applicant.auth, "content-type": "text/plain" },
      "hello",
    );
    expect(text.statusCode).toBe(415);
    const disguised = await post(
      `/claims/${claimId}/documents`,
      { ...applicant.auth, "content-type": "image/png" },
      PDF,
    );
    expect(disguised.statusCode).toBe(415);
    expect(disguised.json().code).toBe("document_type");
    const up = await post(
      `/claims/${claimId}/documents?kind=diagnosis`,
      { ...applicant.auth, "content-type": "application/pdf" },
      PDF,
    );
    expect(up.statusCode).toBe(201);
    const sha = createHash("sha256").update(PDF).digest("hex");
    expect(up.json()).toEqual({
      sha256: sha,
      contentType: "application/pdf",
      sizeBytes: PDF.length,
      kind: "diagnosis",
    });
    const onDisk = readFileSync(join(t.deps.dataDir, "documents", sha.slice(0, 2), sha));
    expect(onDisk.includes(Buffer.from("诊断证明"))).toBe(false);
    expect(onDisk.includes(Buffer.from("%PDF"))).toBe(false);
    const mine = await get(`/claims/${claimId}/documents/${sha}`, applicant.auth);
    expect(mine.statusCode).toBe(200);
    expect(mine.rawPayload.equals(PDF)).toBe(true);
    expect((await get(`/claims/${claimId}/documents/${sha}`, jurors[0]!.auth)).statusCode).toBe(404);
    expect((await get(`/claims/${claimId}/documents/${sha}`, reviewer)).statusCode).toBe(404);
  });
});

describe("documents directory", () => {
  it("holds only ciphertext files named by their hash", () => {
    const root = join(t.deps.dataDir, "documents");
    for (const d of readdirSync(root))
      for (const f of readdirSync(join(root, d))) {
        expect(f).toMatch(/^[0-9a-f]{64}$/);
        expect(statSync(join(root, d, f)).size).toBeGreaterThan(29);
      }
  });
});
