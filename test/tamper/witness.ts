import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseVkey } from "../../src/domain/note.ts";
import { sha256 } from "../../src/domain/sha256.ts";
import { witnessServer } from "../../src/witness/witness.server.ts";
import { openWitnessDir, type WitnessDir } from "../../src/witness/witness-state.ts";

export type InProcessWitness = { vkey: string; url: string; dir: WitnessDir; stop(): Promise<void> };

/**
 * `huzhu witness serve` in this process (the same server and state directory code, without spawning):
 * witnessing the log of `logVkey`, stamping cosignatures with `now` (the app's clock here).
 */
export async function startWitness(
  name: string,
  logVkey: string,
  now: () => number,
): Promise<InProcessWitness> {
  const tmp = mkdtempSync(join(tmpdir(), "huzhu-tamper-witness-"));
  const dir = openWitnessDir(join(tmp, "state"), name);
  const server = witnessServer(dir, [parseVkey((b) => sha256(Buffer.from(b)), logVkey)!], now);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    vkey: dir.vkey,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    dir,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}
