import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { cipherHeader, currentPersonalKey, type Secrets } from "../secrets.ts";

/**
 * One chunk of good import rows for the workers. Row k becomes member `firstMemberId + k`; `tails[k]`
 * is the rest of its members COPY line (masks, birth date, sex), already escaped.
 */
export type CryptoChunk = {
  readonly firstMemberId: number;
  readonly ids: string[];
  readonly names: string[];
  readonly mobiles: string[];
  readonly tails: string[];
};

/** The members COPY columns the workers' lines fill, in this order. */
export const MEMBER_COPY_COLUMNS =
  "member_id, kind, id_lookup, personal_cipher, mobile_lookup, pseudonym, id_masked, name_masked, mobile_masked, birth_date, sex";

// Plain JavaScript so the worker needs no TypeScript loader (vitest, tsx and the CLI all run it). It
// does with node:crypto exactly what secrets.ts does — encryptPersonalRecord, lookupHash, pseudonymOf — and
// the equality is tested (test/import/import.test.ts). Only the per-call overhead differs: a KeyObject
// made once, and the nonce, tag and ciphertext written into one buffer.
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const { createCipheriv, createHmac, createSecretKey, randomBytes } = require("node:crypto");
const enc = createSecretKey(Buffer.from(workerData.encryptionKey));
const header = Buffer.from(workerData.cipherHeader);
const lookupPrefix = Buffer.from(workerData.lookupPrefix);
const lookupKey = createSecretKey(Buffer.from(workerData.lookupKey));
const pseudonymKey = createSecretKey(Buffer.from(workerData.pseudonymKey));
let pool = Buffer.alloc(0);
let at = 0;
function encrypt(text) {
  if (at + 12 > pool.length) { pool = randomBytes(65536); at = 0; }
  const nonce = pool.subarray(at, at + 12);
  at += 12;
  const c = createCipheriv("aes-256-gcm", enc, nonce);
  const body = c.update(text, "utf8");
  c.final();
  const h = header.length;
  const out = Buffer.allocUnsafe(h + 28 + body.length);
  header.copy(out, 0);
  nonce.copy(out, h);
  c.getAuthTag().copy(out, h + 12);
  body.copy(out, h + 28);
  return out.toString("hex");
}
const lookup = (kind, value) =>
  lookupPrefix.toString("hex") + createHmac("sha256", lookupKey).update(kind + ":" + value).digest("hex");
parentPort.on("message", (m) => {
  const { seq, chunk } = m;
  const parts = new Array(chunk.ids.length);
  for (let k = 0; k < chunk.ids.length; k++) {
    const id = chunk.firstMemberId + k;
    const pseudonym = createHmac("sha256", pseudonymKey).update("member:" + id).digest("hex").slice(0, 32);
    const record = JSON.stringify([chunk.ids[k], chunk.names[k], chunk.mobiles[k]]);
    parts[k] = id + "\\tmember\\t\\\\\\\\x" + lookup("resident_id", chunk.ids[k]) + "\\t\\\\\\\\x" + encrypt(record) +
      "\\t\\\\\\\\x" + lookup("mobile", chunk.mobiles[k]) + "\\t" + pseudonym + "\\t" + chunk.tails[k] + "\\n";
  }
  parentPort.postMessage({ seq, text: parts.join("") });
});
`;

/**
 * One worker per core, at most 4: PostgreSQL's inserts, not the encryption, set the pace beyond that
 * (one worker encrypts ≈ 49,000 rows/s here; the whole import runs at 10,000–15,000).
 */
export const defaultImportThreads = () => Math.max(1, Math.min(4, availableParallelism()));

/**
 * Worker threads that encrypt and hash chunks of import rows into members COPY text. Results come back
 * in the order chunks were sent, so member ids, line numbers and the COPY stay in file order.
 */
export class ImportCryptoPool {
  private readonly workers: Worker[];
  private next = 0;
  private seq = 0;
  private readonly waiting = new Map<number, { resolve(t: string): void; reject(e: unknown): void }>();

  constructor(secrets: Secrets, threads = defaultImportThreads()) {
    // the keys' current versions, with what secrets.ts puts before a ciphertext and a lookup hash of them
    const personal = currentPersonalKey(secrets);
    const lookup = secrets.lookupRing?.current() ?? { version: 1, key: secrets.lookupKey };
    const workerData = {
      encryptionKey: Uint8Array.from(personal.key),
      cipherHeader: Uint8Array.from(cipherHeader(personal.version)),
      lookupKey: Uint8Array.from(lookup.key),
      lookupPrefix: lookup.version === 1 ? new Uint8Array(0) : Uint8Array.of(lookup.version),
      pseudonymKey: Uint8Array.from(secrets.pseudonymKey),
    };
    this.workers = Array.from({ length: threads }, () => {
      const w = new Worker(WORKER, { eval: true, workerData });
      w.on("message", (m: { seq: number; text: string }) => {
        const p = this.waiting.get(m.seq);
        this.waiting.delete(m.seq);
        p?.resolve(m.text);
      });
      w.on("error", (e) => {
        for (const p of this.waiting.values()) p.reject(e);
        this.waiting.clear();
      });
      return w;
    });
  }

  /** Encrypts one chunk on the next worker (round robin); the promise gives its COPY text. */
  encrypt(chunk: CryptoChunk): Promise<string> {
    const seq = this.seq++;
    const worker = this.workers[this.next]!;
    this.next = (this.next + 1) % this.workers.length;
    return new Promise<string>((resolve, reject) => {
      this.waiting.set(seq, { resolve, reject });
      worker.postMessage({ seq, chunk });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
