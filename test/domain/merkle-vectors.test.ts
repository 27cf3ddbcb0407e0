import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { sha256 as nobleSha256 } from "@noble/hashes/sha2.js";
import { describe, expect, it } from "vitest";
import { verifyConsistency, verifyInclusion } from "../../src/domain/merkle.ts";
import { proofChecks } from "../../src/domain/proof-check.ts";
import { nodeProofChecks } from "../../src/domain/sha256.ts";

// the member app's checks: the same code over @noble/hashes
const browser = proofChecks((d) => nobleSha256(d));

/*
 * transparency-dev/merkle's reference vectors (test/fixtures/transparency-dev-merkle/SOURCE.md): every
 * inclusion and consistency file, the happy paths and each corrupted variant (a flipped bit, a component
 * added or removed, a wrong size or index, garbage before or after). Each must verify exactly when the
 * file says it should.
 */
const DIR = join(import.meta.dirname, "../fixtures/transparency-dev-merkle");
const b64 = (s: string | null) => Buffer.from(s ?? "", "base64");
const files = (kind: string) =>
  readdirSync(join(DIR, kind), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => ({ f, v: JSON.parse(readFileSync(join(DIR, kind, f), "utf8")) }));

type Inclusion = {
  leafIdx: number;
  treeSize: number;
  root: string | null;
  leafHash: string | null;
  proof: string[] | null;
  wantErr: boolean;
};
type Consistency = {
  size1: number;
  size2: number;
  root1: string | null;
  root2: string | null;
  proof: string[] | null;
  wantErr: boolean;
};

const inclusionOk = (v: Inclusion, verify: typeof verifyInclusion) =>
  verify(b64(v.leafHash), v.leafIdx, v.treeSize, (v.proof ?? []).map(b64), b64(v.root));

const consistencyOk = (v: Consistency, verify: typeof verifyConsistency = verifyConsistency) =>
  verify(v.size1, v.size2, b64(v.root1), b64(v.root2), (v.proof ?? []).map(b64));

describe("transparency-dev/merkle test vectors", () => {
  const inclusion = files("inclusion") as Array<{ f: string; v: Inclusion }>;
  const consistency = files("consistency") as Array<{ f: string; v: Consistency }>;

  it("are all there: 98 inclusion and 98 consistency files, with both outcomes", () => {
    expect(inclusion.length).toBe(98);
    expect(consistency.length).toBe(98);
    expect(inclusion.filter((x) => x.v.wantErr).length).toBeGreaterThan(50);
    expect(inclusion.filter((x) => !x.v.wantErr).length).toBeGreaterThan(2);
  });

  it("every inclusion vector: merkle.ts and proof-check.ts (the member app's) agree with the file", () => {
    const wrong = inclusion.filter(({ v }) => inclusionOk(v, verifyInclusion) === v.wantErr).map((x) => x.f);
    const wrongShared = inclusion
      .filter(({ v }) => inclusionOk(v, nodeProofChecks.verifyInclusion) === v.wantErr)
      .map((x) => x.f);
    expect(wrong).toEqual([]);
    expect(wrongShared).toEqual([]);
  });

  it("every consistency vector agrees with the file, but the empty tree's (RFC 9162, C2SP tlog-witness), with either hash", () => {
    /*
     * The reference refuses any proof from size 0; RFC 9162 §2.1.4 and C2SP tlog-witness ("the empty
     * tree is consistent with any tree, so no proof is necessary") accept an empty proof from it, and so
     * do we. These three files, and only these, differ for that reason.
     */
    const fromEmpty = [
      "additional/size1-is-zero-and-does-not-equal-size2.json",
      "additional/size1-is-zero-and-size2-is-not-zero.json",
      "additional/sizes-are-equal-zero-and-proof-is-empty.json",
    ];
    const wrong = consistency.filter(({ v }) => consistencyOk(v) === v.wantErr).map((x) => x.f);
    expect(wrong).toEqual(fromEmpty);
    const wrongInBrowser = consistency
      .filter(({ v }) => consistencyOk(v, browser.verifyConsistency) === v.wantErr)
      .map((x) => x.f);
    expect(wrongInBrowser).toEqual(fromEmpty);
    for (const f of fromEmpty) expect(consistency.find((x) => x.f === f)?.v.size1).toBe(0);
  });
});
