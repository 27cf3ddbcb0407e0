import { createHash, hash as cryptoHash } from "node:crypto";

/**
 * One-shot SHA-256: `crypto.hash` where the runtime has it (Node ≥ 20.12), no hash object per call —
 * the Merkle trees hash one node per member, the simulated provider one draw per debit.
 */
export const sha256: (data: string | Buffer) => Buffer =
  typeof (cryptoHash as unknown) === "function"
    ? (data) => cryptoHash("sha256", data, "buffer") as unknown as Buffer
    : (data) => createHash("sha256").update(data).digest();
