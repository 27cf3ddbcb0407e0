import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { openSealed, sealTo, x25519PublicKey } from "../../../src/audit/sample/seal.ts";

const auditor = generateKeyPairSync("x25519");
const publicPem = auditor.publicKey.export({ type: "spki", format: "pem" }).toString();
const privatePem = auditor.privateKey.export({ type: "pkcs8", format: "pem" }).toString();

describe("sealing the sampling audit's evidence to the auditor", () => {
  it("opens with the auditor's private key only, and not once a byte changed", () => {
    const sealed = sealTo(x25519PublicKey(publicPem)!, Buffer.from("张三 110105198502020011"));
    expect(openSealed(privatePem, sealed)?.toString()).toBe("张三 110105198502020011");
    const other = generateKeyPairSync("x25519")
      .privateKey.export({ type: "pkcs8", format: "pem" })
      .toString();
    expect(openSealed(other, sealed)).toBeUndefined();
    const flipped = Buffer.from(sealed.ciphertext, "base64");
    flipped[0] = flipped[0]! ^ 1;
    expect(openSealed(privatePem, { ...sealed, ciphertext: flipped.toString("base64") })).toBeUndefined();
  });

  it("takes only an X25519 public key: a private key, an Ed25519 key or text are refused", () => {
    expect(x25519PublicKey(privatePem)).toBeUndefined();
    const ed = generateKeyPairSync("ed25519").publicKey.export({ type: "spki", format: "pem" }).toString();
    expect(x25519PublicKey(ed)).toBeUndefined();
    expect(x25519PublicKey("not a key")).toBeUndefined();
  });
});
