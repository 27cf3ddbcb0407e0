import type { ServiceDeps } from "../deps.ts";
import { parseVkey } from "../domain/note.ts";
import { sha256 } from "../domain/sha256.ts";
import { handOvers } from "./log-key.ts";

const hash = (b: Uint8Array) => sha256(Buffer.from(b));

/**
 * What the log publishes of its keys (GET /log/witnesses, and beside the charter): the key that signs
 * now, every hand-over that led to it, and the witnesses it submits to.
 */
export async function logKeysServed(deps: ServiceDeps) {
  return {
    logKey: deps.logKeys.vkey,
    handOvers: await handOvers(deps.pool),
    witnesses: (deps.witnesses ?? []).map((w) => ({
      name: parseVkey(hash, w.vkey)?.name ?? "",
      vkey: w.vkey,
    })),
  };
}
