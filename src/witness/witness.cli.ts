import type { AddressInfo } from "node:net";
import type { Command } from "commander";
import { untilStopped } from "../cli/until-stopped.ts";
import { UserError } from "../cli/user-error.ts";
import { NOTE_ED25519, parseVkey } from "../domain/note.ts";
import { sha256 } from "../domain/sha256.ts";
import { witnessServer } from "./witness.server.ts";
import { openWitnessDir, type WitnessDir } from "./witness-state.ts";

const hash = (b: Uint8Array) => sha256(Buffer.from(b));
const collect = (v: string, all: string[]) => [...all, v];

function openDir(dir: string, name: string | undefined): WitnessDir {
  try {
    return openWitnessDir(dir, name);
  } catch (e) {
    throw new UserError(`--dir: ${(e as Error).message}`);
  }
}

/** The logs a witness accepts: each `--log` a note vkey (`<origin>+<key ID>+<key>`, signature type 0x01). */
function logKeys(vkeys: readonly string[]) {
  if (vkeys.length === 0) throw new UserError("--log: name at least one log's verifier key");
  return vkeys.map((v) => {
    const k = parseVkey(hash, v);
    if (!k || k.type !== NOTE_ED25519) throw new UserError(`--log: ${v} is not an Ed25519 note verifier key`);
    return k;
  });
}

/** `huzhu witness serve|key`: an independent C2SP witness (docs/transparency.md §Witnesses). */
export function registerWitnessCommands(program: Command): void {
  const witness = program
    .command("witness")
    .description(
      "an independent witness of transparency logs (C2SP tlog-witness), with its own key and state",
    );
  witness
    .command("serve")
    .description("serve add-checkpoint; cosign only checkpoints consistent with the last one cosigned")
    .requiredOption("--dir <DIR>", "the witness's own state directory (key, name, latest checkpoints)")
    .option("--name <NAME>", "the witness's key name, on first use (e.g. witness.example.org/w1)")
    .option(
      "--log <VKEY>",
      "a log's verifier key to witness (repeat for several logs, or for a log's old and new key across a hand-over)",
      collect,
      [],
    )
    .option("--port <PORT>", "the port (0: any free one)", "0")
    .option("--host <HOST>", "the address to listen on", "127.0.0.1")
    .action(async (o: { dir: string; name?: string; log: string[]; port: string; host: string }) => {
      if (!/^\d{1,5}$/.test(o.port) || Number(o.port) > 65_535)
        throw new UserError("--port: a port from 0 to 65535");
      const logs = logKeys(o.log);
      const dir = openDir(o.dir, o.name);
      const server = witnessServer(dir, logs, () => Date.now());
      await new Promise<void>((resolve) => server.listen(Number(o.port), o.host, resolve));
      const port = (server.address() as AddressInfo).port;
      process.stdout.write(`witness ${dir.vkey} listening on http://${o.host}:${port}\n`);
      await untilStopped(() => new Promise((resolve) => server.close(() => resolve())));
    });
  witness
    .command("key")
    .description("print the witness's verifier key (cosignature/v1, type 0x04): what verifiers pin")
    .requiredOption("--dir <DIR>", "the witness's state directory")
    .option("--name <NAME>", "the witness's key name, on first use")
    .action((o: { dir: string; name?: string }) => {
      process.stdout.write(`${openDir(o.dir, o.name).vkey}\n`);
    });
}
