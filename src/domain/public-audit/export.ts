import { z } from "zod";

/*
 * What the operator publishes for anyone to audit (`huzhu log export`, GET /log/export): every entry of
 * the transparency log with its index, every signed head, each cycle's disclosure and the rule documents
 * whose digests the log records. Validated once here; the audit trusts the parsed shape, never the facts.
 */

const SignedHead = z.object({
  size: z.number().int().nonnegative(),
  rootHash: z.string().regex(/^[0-9a-f]{64}$/),
  timestampMs: z.number().int(),
  signature: z.string(),
});

export const PublicExport = z.object({
  publicKey: z.string().min(1),
  heads: z.array(SignedHead),
  entries: z.array(z.object({ index: z.number().int().nonnegative(), entry: z.string() })),
  // absent from exports written before the public audit: then nothing is compared with them
  disclosures: z
    .array(
      z.object({ cycle: z.number().int(), plan: z.string(), disclosure: z.record(z.string(), z.unknown()) }),
    )
    .default([]),
  rules: z.array(z.object({ plan: z.string(), effective: z.string(), rules: z.unknown() })).default([]),
  // the C2SP checkpoints the witnesses cosigned, each a signed note with its cosignature lines: the
  // sampling audit's seeds (absent from exports written before)
  checkpoints: z.array(z.string()).default([]),
});

export type PublicExport = z.infer<typeof PublicExport>;
export type PublishedDisclosure = PublicExport["disclosures"][number];
