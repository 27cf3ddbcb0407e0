import { canonicalJson } from "../domain/canonical-json.ts";
import { sha256 } from "../domain/sha256.ts";

/**
 * The digest the log records of rules, charters and proposals' changes: SHA-256 (hex) of their canonical
 * JSON with fractions allowed (charter percents), so it does not depend on how a document was written.
 */
export const documentSha256 = (v: unknown): string => sha256(canonicalJson(v, "finite")).toString("hex");
