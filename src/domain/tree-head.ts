import { type KeyObject, sign, verify } from "node:crypto";
import { treeHeadMessage } from "./proof-check.ts";

/** A signed tree head: the log's size and root at a moment, signed with the operator's Ed25519 key. */
export type TreeHead = { readonly size: number; readonly rootHash: string; readonly timestampMs: number };
export type SignedTreeHead = TreeHead & {
  readonly signature: string;
  /** The same head as a C2SP checkpoint signed note (issue 19); absent on heads written before. */
  readonly checkpoint?: string;
};

/** The bytes that are signed: canonical JSON of the head, so anyone can rebuild them. */
export const treeHeadBytes = (h: TreeHead) => Buffer.from(treeHeadMessage(h));

export function signTreeHead(head: TreeHead, privateKey: KeyObject): SignedTreeHead {
  return { ...head, signature: sign(null, treeHeadBytes(head), privateKey).toString("base64") };
}

export function verifyTreeHead(head: SignedTreeHead, publicKey: KeyObject): boolean {
  try {
    return verify(null, treeHeadBytes(head), publicKey, Buffer.from(head.signature, "base64"));
  } catch {
    return false;
  }
}
