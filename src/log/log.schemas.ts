import { arr, int, nullable, obj, str } from "../domain/json-schema.ts";

/**
 * A signed tree head: size, root and time, signed (Ed25519, base64) over their canonical JSON; since issue
 * 19 also as a C2SP checkpoint (a signed note, `checkpoint`), absent on heads written before.
 */
export const SignedHeadSchema = obj(
  { size: int, rootHash: str, timestampMs: int, signature: str, checkpoint: str },
  ["checkpoint"],
);

/** One entry: its canonical JSON (the bytes hashed) and its leaf hash. */
export const LogEntrySchema = obj({ index: int, kind: str, entry: str, leafHash: str });

export const MemberEntriesSchema = obj({
  member: str,
  head: nullable(SignedHeadSchema),
  entries: arr(obj({ index: int, kind: str, entry: str, leafHash: str, proof: arr(str) })),
});

export const InclusionProofSchema = obj({
  index: int,
  treeSize: int,
  proof: arr(str),
  head: SignedHeadSchema,
});
export const ConsistencyProofSchema = obj({ from: int, to: int, proof: arr(str), head: SignedHeadSchema });
export const PublicKeySchema = {
  description: "The key as PEM",
  content: { "text/plain": { schema: { type: "string" } } },
};
