import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  decryptPersonalRecord,
  encryptPersonal,
  encryptPersonalRecord,
  memberMobile,
  secretsFromMaster,
} from "../../src/secrets.ts";

const secrets = secretsFromMaster(randomBytes(32));

describe("members.personal_cipher: one ciphertext per person", () => {
  it("round-trips a record, a dependant's missing mobile included", () => {
    const withMobile = { residentId: "11010519491231002X", name: '欧阳\t娜"', mobile: "13800000000" };
    const dependant = { residentId: "110105201001010018", name: "小明", mobile: null };
    expect(decryptPersonalRecord(secrets, encryptPersonalRecord(secrets, withMobile))).toEqual(withMobile);
    expect(decryptPersonalRecord(secrets, encryptPersonalRecord(secrets, dependant))).toEqual(dependant);
  });

  it("does not carry the resident ID in clear", () => {
    const blob = encryptPersonalRecord(secrets, {
      residentId: "11010519491231002X",
      name: "张三",
      mobile: null,
    });
    expect(blob.toString("latin1")).not.toContain("11010519491231002X");
  });

  it("finds the mobile in the record or, for rows written before it, in the per-field column", () => {
    const record = encryptPersonalRecord(secrets, {
      residentId: "11010519491231002X",
      name: "张三",
      mobile: "13900000001",
    });
    expect(memberMobile(secrets, { personal_cipher: record, mobile_cipher: null })).toBe("13900000001");
    const legacy = encryptPersonal(secrets, "13900000002");
    expect(memberMobile(secrets, { personal_cipher: null, mobile_cipher: legacy })).toBe("13900000002");
    expect(memberMobile(secrets, { personal_cipher: null, mobile_cipher: null })).toBeNull();
  });

  it("refuses a ciphertext that is not a record", () => {
    expect(() => decryptPersonalRecord(secrets, encryptPersonal(secrets, '["only","two"]'))).toThrow(
      /personal record/,
    );
  });
});
