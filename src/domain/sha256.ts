import { createHash, hash as cryptoHash } from "node:crypto";
import { proofChecks } from "./proof-check.ts";

/**
 * One-shot SHA-256: `crypto.hash` where the runtime has it (Node ≥ 20.12), no hash object per call —
 * the Merkle trees hash one node per member, the simulated provider one draw per debit.
 */
export const sha256: (data: string | Buffer) => Buffer =
  typeof (cryptoHash as unknown) === "function"
    ? (data) => cryptoHash("sha256", data, "buffer") as unknown as Buffer
    : (data) => createHash("sha256").update(data).digest();

/** The proof checks (proof-check.ts) over node:crypto, as `huzhu verify` and the server run them. */
export const nodeProofChecks = proofChecks((data) => sha256(data as Buffer));
