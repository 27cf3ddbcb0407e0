import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSampleBundle, openSampleBundle } from "../../../src/audit/sample/sample.ts";
import type { PublicExport } from "../../../src/domain/public-audit/export.ts";
import { drawSample, type SeedPins, sampleFrame } from "../../../src/domain/public-audit/sample.ts";
import { sequenceLog } from "../../../src/log/sequencer.ts";
import { submitToWitnesses } from "../../../src/log/witnessing.ts";
import { nodeVerifyEd25519 } from "../../../src/log-keys.ts";
import { parsePins } from "../../../src/verify/checkpoint.ts";
import { runCli } from "../../support/cli.ts";
import { buildTamperState, exportOf, joinAll, type TamperState } from "../../tamper/state.ts";
import { type InProcessWitness, startWitness } from "../../tamper/witness.ts";

/*
 * The sampling audit's seed (issue 19) is the root of the first checkpoint after the cycle that a
 * quorum of pinned witnesses cosigned: two cosigned checkpoints of the tamper suite's honest state, a
 * smaller one and a later one after one more join.
 */

let s: TamperState;
let witnesses: InProcessWitness[] = [];
let exp: PublicExport;
let cycle = 0;
const sizes: number[] = [];

const pinsOf = (vkeys: string[], quorum: number): SeedPins => {
  const p = parsePins({ logKey: s.t.deps.logKeys.vkey, witnesses: vkeys, nowMs: 0 }, "");
  if (typeof p === "string") throw new Error(p);
  return { ...p, quorum };
};
const both = () =>
  pinsOf(
    witnesses.map((w) => w.vkey),
    2,
  );
const frame = (e: PublicExport, pins: SeedPins) => sampleFrame(e, pins, nodeVerifyEd25519, cycle);

/** The operator's bundle of 10 drawn for the cycle, seeded as both witnesses require. */
async function bundleFor(auditorKey: KeyObject) {
  const bundle = await buildSampleBundle(s.t.db.pool, s.t.deps.secrets, s.t.deps.logKeys.publicKeyPem, {
    auditorKey,
    n: 10,
    cycle,
    pins: both(),
  });
  if (typeof bundle === "string") throw new Error(bundle);
  return bundle;
}

/** The note without the cosignature lines of the named witnesses. */
const withoutCosignatures = (note: string, names: string[]) =>
  note
    .split("\n")
    .filter((l) => !names.some((n) => l.startsWith(`— ${n} `)))
    .join("\n");

beforeAll(async () => {
  s = await buildTamperState();
  witnesses = await Promise.all(
    ["seed.test/one", "seed.test/two"].map((n) =>
      startWitness(n, s.t.deps.logKeys.vkey, () => s.t.clock.now()),
    ),
  );
  const endpoints = witnesses.map((w) => ({ vkey: w.vkey, url: w.url }));
  expect(await submitToWitnesses(s.t.db.pool, endpoints, s.t.clock.now())).toHaveLength(2);
  await joinAll(s.t, 1, 851, "137200000");
  await sequenceLog(s.t.db.pool, s.t.deps.logKeys, s.t.clock);
  expect(await submitToWitnesses(s.t.db.pool, endpoints, s.t.clock.now())).toHaveLength(2);
  exp = await exportOf(s.t);
  for (const note of exp.checkpoints) sizes.push(Number(note.split("\n")[1]));
  cycle = (await s.t.db.pool.query("SELECT min(cycle_id)::int AS id FROM cycles")).rows[0].id;
}, 180_000);
afterAll(async () => {
  await Promise.all(witnesses.map((w) => w.stop()));
  await s?.t.close();
});

describe("the sampling audit's seed: a witness-cosigned checkpoint", () => {
  it("is the first cosigned checkpoint after the cycle, and the auditor redraws the same sample", async () => {
    expect(sizes).toHaveLength(2);
    expect(sizes[0]!).toBeLessThan(sizes[1]!);
    const f = await frame(exp, both());
    if (typeof f === "string") throw new Error(f);
    expect(f.seed.size).toBe(sizes[0]);
    expect(f.seed.checkpoint).toBe(exp.checkpoints[0]);
    // the checkpoint's root is the one of the log's first `size` entries (the log's own head says so)
    const head = exp.heads.find((h) => h.size === f.seed.size);
    expect(f.seed.rootHash).toBe(head?.rootHash);
    const auditor = generateKeyPairSync("x25519");
    const bundle = await bundleFor(auditor.publicKey);
    expect(bundle.seed).toEqual(f.seed);
    expect(bundle.pseudonyms).toEqual(drawSample(f.seed.rootHash, f.population, 10));
    const pem = auditor.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const opened = await openSampleBundle(bundle, pem, exp, { today: "2020-07-15", pins: both() });
    expect(opened.problems).toEqual([]);
  });

  it("another checkpoint gives another sample, and a bundle seeded by it is refused", async () => {
    const later = { ...exp, checkpoints: exp.checkpoints.slice(1) };
    const first = await frame(exp, both());
    const second = await frame(later, both());
    if (typeof first === "string" || typeof second === "string") throw new Error("no frame");
    expect(second.seed.size).toBe(sizes[1]);
    expect(second.population).toEqual(first.population);
    // 10 of 35 drawn by two different roots: the same draw has probability 1 / C(35,10) ≈ 5·10⁻⁹
    expect(drawSample(second.seed.rootHash, second.population, 10)).not.toEqual(
      drawSample(first.seed.rootHash, first.population, 10),
    );
    const auditor = generateKeyPairSync("x25519");
    const bundle = await bundleFor(auditor.publicKey);
    // the operator picks the later checkpoint as the seed: the auditor, redrawing, refuses it
    const picked = {
      ...bundle,
      seed: second.seed,
      pseudonyms: drawSample(second.seed.rootHash, second.population, 10),
    };
    const pem = auditor.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const r = await openSampleBundle(picked, pem, exp, { today: "2020-07-15", pins: both() });
    expect(r.problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining("not the first witness-cosigned checkpoint after cycle"),
      ]),
    );
  });

  it("refuses a checkpoint without the quorum's cosignatures; the quorum itself is the boundary", async () => {
    const [one, two] = witnesses.map((w) => w.vkey.split("+")[0]!);
    const strip = (names: string[]) => ({
      ...exp,
      checkpoints: exp.checkpoints.map((n) => withoutCosignatures(n, names)),
    });
    expect(await frame(strip([one!, two!]), both())).toMatch(
      /no checkpoint after it is cosigned by 2 of the 2/,
    );
    expect(await frame(strip([two!]), both())).toMatch(/no checkpoint after it is cosigned by 2 of the 2/);
    // one cosignature meets a quorum of one
    const f = await frame(
      strip([two!]),
      pinsOf(
        witnesses.map((w) => w.vkey),
        1,
      ),
    );
    expect(typeof f === "string" ? f : f.seed.size).toBe(sizes[0]);
    // witnesses the auditor did not pin do not count, however many cosigned
    const stranger = await startWitness("seed.test/stranger", s.t.deps.logKeys.vkey, () => s.t.clock.now());
    try {
      expect(await frame(exp, pinsOf([stranger.vkey], 1))).toMatch(
        /no checkpoint after it is cosigned by 1 of the 1/,
      );
    } finally {
      await stranger.stop();
    }
  });

  it("huzhu audit sample-open: no pinned witness or a bad one is a usage error (exit 2)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "huzhu-seed-"));
    const file = join(dir, "log.json");
    writeFileSync(file, JSON.stringify(exp));
    writeFileSync(join(dir, "b.json"), JSON.stringify({ kind: "huzhu-sampling-audit", pseudonyms: [] }));
    const base = ["audit", "sample-open", "--key", file, "--bundle", join(dir, "b.json"), "--public", file];
    const none = await runCli([...base, "--log-key", s.t.deps.logKeys.vkey]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--witness: none pinned/);
    const bad = await runCli([...base, "--log-key", s.t.deps.logKeys.vkey, "--witness", "nonsense"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--witness: nonsense is not a witness verifier key/);
    const quorum = await runCli([
      ...base,
      "--log-key",
      s.t.deps.logKeys.vkey,
      "--witness",
      witnesses[0]!.vkey,
      "--quorum",
      "2",
    ]);
    expect(quorum.code).toBe(2);
    expect(quorum.stderr).toMatch(/--quorum: 2 is more than the 1 witnesses pinned/);
  });
});
