import type { KeyObject } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, expect } from "vitest";
import { publicExport } from "../../src/audit/public/public-export.ts";
import { canonicalJson } from "../../src/domain/canonical-json.ts";
import { handOverText } from "../../src/domain/checkpoint.ts";
import { leafHash, MemoryTree } from "../../src/domain/merkle.ts";
import type { PublicExport } from "../../src/domain/public-audit/export.ts";
import { signTreeHead } from "../../src/domain/tree-head.ts";
import { announceLogKey, handOverLogKey } from "../../src/keys/log-key.ts";
import { sequenceLog } from "../../src/log/sequencer.ts";
import { freshLogKeys, type LogKeys, loadLogKeys, signNoteText } from "../../src/log-keys.ts";
import { registerMember, residentId, type TestApp } from "./app.ts";
import { useTestApp } from "./use-app.ts";

/*
 * A log whose signing key was handed over (issue 20), for the verifiers that must follow it: a member
 * joins under the old key, the new key is announced, the charter's 15 days' notice passes, the key is
 * handed over and a second member joins under the new one. `old` keeps the old key (its file is gone).
 */
export type HandedOver = {
  t: TestApp;
  old: { privateKey: KeyObject; pem: string; vkey: string };
  newVkey: string;
  /** The index of the `log_key` entry. */
  handOverAt: number;
};

const joinPlan = async (t: TestApp, seq: number) => {
  const m = await registerMember(t, `1361000${String(seq).padStart(4, "0")}`, residentId("1990-01-01", seq));
  const r = await t.app.inject({
    method: "POST",
    url: "/participations",
    headers: m.auth,
    payload: {
      memberId: m.memberId,
      planId: "xianghubao",
      answers: { major_illness: false, hospitalised: false },
      answersVersion: "V2",
    },
  });
  expect(r.statusCode).toBe(201);
  await sequenceLog(t.db.pool, t.deps.logKeys, t.clock);
};

export function useHandedOverLog(): HandedOver {
  const root = mkdtempSync(join(tmpdir(), "huzhu-handed-over-"));
  const where = { dataDir: root, keysDir: join(root, "keys") };
  const t = useTestApp({ logKeys: loadLogKeys(where.dataDir, "handover.test/log", where.keysDir) });
  const s = { t } as HandedOver;
  beforeAll(async () => {
    await joinPlan(t, 1);
    const k = t.deps.logKeys;
    s.old = { privateKey: k.privateKey, pem: k.publicKeyPem, vkey: k.vkey };
    const { note } = await announceLogKey(t.deps, where);
    s.newVkey = /\nto (\S+)\n/.exec(note)![1]!;
    t.clock.advance(15 * 86_400_000);
    await handOverLogKey(t.deps, where);
    await joinPlan(t, 2);
    const { rows } = await t.db.pool.query("SELECT idx FROM log_entries WHERE kind = 'log_key'");
    s.handOverAt = Number(rows[0].idx);
  });
  return s;
}

/** The log's public export, as `huzhu log export` writes it. */
export const exportOf = (s: HandedOver): Promise<PublicExport> =>
  publicExport(s.t.db.pool, s.t.deps.logKeys.publicKeyPem);

/**
 * A forger's export: the `log_key` entry's note replaced by `forged`, every root recomputed, the heads
 * that do not include it still the old key's and those that do signed by `rogue` (the forger has no
 * other key). Its `publicKey` is the rogue's.
 */
export function forgedExport(s: HandedOver, exp: PublicExport, forged: string, rogue: LogKeys): PublicExport {
  const entries = exp.entries.map((e) => {
    if (e.index !== s.handOverAt) return e;
    const { kind, ...rest } = JSON.parse(e.entry) as Record<string, unknown>;
    const entry = canonicalJson({ kind, ...rest, to: rogue.vkey, handOver: forged });
    return { index: e.index, entry };
  });
  const tree = new MemoryTree();
  for (const e of entries) tree.append(leafHash(Buffer.from(e.entry)));
  const heads = exp.heads.map((h) => {
    const head = { size: h.size, rootHash: tree.root(h.size).toString("hex"), timestampMs: h.timestampMs };
    return signTreeHead(head, h.size > s.handOverAt ? rogue.privateKey : s.old.privateKey);
  });
  return { ...exp, publicKey: rogue.publicKeyPem, entries, heads };
}

/** The two forgeries: a hand-over from the old key signed by the rogue alone, and one from an unnamed key. */
export function forgeries(s: HandedOver) {
  const rogue = freshLogKeys("handover.test/log");
  const unnamed = freshLogKeys("handover.test/log");
  const fromOld = handOverText("handover.test/log", s.old.vkey, rogue.vkey);
  const fromUnnamed = handOverText("handover.test/log", unnamed.vkey, rogue.vkey);
  return {
    rogue,
    "signed by the new key only": `${fromOld}\n${signNoteText(rogue, fromOld)}`,
    "from a key no hand-over names": `${fromUnnamed}\n${signNoteText(unnamed, fromUnnamed)}${signNoteText(rogue, fromUnnamed)}`,
  };
}
