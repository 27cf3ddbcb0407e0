import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runBatches, staleCount } from "../../src/keys/batches.ts";
import { readManifest } from "../../src/keys/keyring.ts";
import { keysRepository } from "../../src/keys/keys.repository.ts";
import { startRotation } from "../../src/keys/rotate.ts";
import { loadSecrets } from "../../src/secrets.ts";
import { latestCode, nextAddress, registerMember, residentId, staffToken } from "../support/app.ts";
import { useTestApp } from "../support/use-app.ts";

/*
 * Issue 20: the lookup-hash key (the blind index of mobiles and resident IDs) rotated online. Each hash
 * is recomputed from the ciphertext beside it in batches; while some are still under version 1, sign-in
 * by mobile, the one-person-one-account check and staff search find them (every live version is looked
 * up); then version 1 retires. Under version 1 a hash is 32 bytes; under version 2, 0x02 ‖ 32 bytes.
 */
const keysDir = join(mkdtempSync(join(tmpdir(), "huzhu-keys-")), "keys");
const t = useTestApp({ secrets: loadSecrets({ keysDir, secretKeyFile: join(keysDir, "..", "secret.key") }) });

async function signIn(mobile: string) {
  const remoteAddress = nextAddress();
  const otp = await t.app.inject({ method: "POST", url: "/auth/otp", payload: { mobile }, remoteAddress });
  const { challengeId } = otp.json();
  const code = await latestCode(t);
  return t.app.inject({
    method: "POST",
    url: "/auth/member/login",
    payload: { mobile, challengeId, code },
    remoteAddress,
  });
}
const search = async (body: object) => {
  const r = await t.app.inject({
    method: "POST",
    url: "/operations/search",
    headers: await staffToken(t, ["operator"]),
    payload: body,
  });
  return r.json().members.map((m: { memberId: number }) => m.memberId);
};
const hashes = async () =>
  (
    await t.db.pool.query<{ id_lookup: Buffer; mobile_lookup: Buffer }>(
      "SELECT id_lookup, mobile_lookup FROM members ORDER BY member_id",
    )
  ).rows;

describe("rotating the lookup-hash key", () => {
  it("recomputes every hash in resumable batches, finds people under both versions meanwhile, retires version 1", async () => {
    const members = [];
    for (let i = 0; i < 5; i++)
      members.push(await registerMember(t, `1370000000${i}`, residentId("1979-09-09", 60 + i)));
    expect((await hashes()).every((h) => h.id_lookup.length === 32 && h.mobile_lookup.length === 32)).toBe(
      true,
    );

    await startRotation(t.deps, "lookup-hash");
    // 2 batches of 2 members: 4 recomputed, 1 still under version 1 (and the 5 text messages)
    expect(await runBatches(t.deps, "lookup-hash", { maxBatches: 2, batchRows: 2 })).toBe("more");
    const mid = await hashes();
    expect(mid.map((h) => h.id_lookup.length)).toEqual([33, 33, 33, 33, 32]);
    expect(mid[0]!.id_lookup[0]).toBe(2);
    // 1 member + 5 text messages from the registrations (+ the sign-in codes' messages below are new: v2)
    expect(await staleCount(t.deps, "lookup-hash", 2)).toBe(6);

    // the last member, still under version 1, and the first, under version 2: both sign in, both are found
    expect((await signIn("13700000004")).statusCode).toBe(200);
    expect((await signIn("13700000000")).statusCode).toBe(200);
    expect(await search({ mobile: "13700000004" })).toEqual([members[4]!.memberId]);
    expect(await search({ residentId: residentId("1979-09-09", 64) })).toEqual([members[4]!.memberId]);
    // one person, one account: the old-version hash still refuses a second registration
    await expect(registerMember(t, "13700000099", residentId("1979-09-09", 64))).rejects.toThrow(
      "duplicate_person",
    );

    // killed inside a batch, then resumed to the end
    const killed = {
      ...t.deps,
      checkpoint: () => {
        throw new Error("killed");
      },
    };
    await expect(runBatches(killed, "lookup-hash", { batchRows: 2 })).rejects.toThrow("killed");
    expect((await keysRepository.running(t.db.pool, "lookup-hash"))!.batchesDone).toBe(2);
    expect(await runBatches(t.deps, "lookup-hash", { batchRows: 2 })).toBe("retired");
    const after = await hashes();
    expect(
      after.every((h) => h.id_lookup.length === 33 && h.id_lookup[0] === 2 && h.mobile_lookup[0] === 2),
    ).toBe(true);
    const sms = await t.db.pool.query<{ n: string }>(
      "SELECT count(*) AS n FROM sms_outbox WHERE length(mobile_lookup) <> 33",
    );
    expect(Number(sms.rows[0]!.n)).toBe(0);
    expect(readManifest(keysDir)["lookup-hash"]).toEqual({ current: 2, retired: [1] });
    expect(existsSync(join(keysDir, "lookup-hash.key"))).toBe(false);
    expect(t.deps.secrets.lookupRing!.live().map((k) => k.version)).toEqual([2]);
    expect((await signIn("13700000004")).statusCode).toBe(200);
    expect(await search({ mobile: "13700000002" })).toEqual([members[2]!.memberId]);
  });
});
