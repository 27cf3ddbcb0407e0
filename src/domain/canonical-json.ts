/**
 * Canonical JSON for log entries (RFC 8785 JCS for the subset we log): object keys sorted by UTF-16
 * code units, no whitespace, strings as JSON.stringify writes them, integers only — a float in a money
 * fact is a bug, so it is refused.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (!Number.isSafeInteger(value))
        throw new Error(`invariant violated: canonical JSON takes safe integers only, not ${value}`);
      return String(value);
    case "string":
      return JSON.stringify(value);
    case "object": {
      if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
      const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
      entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
    }
    default:
      throw new Error(`invariant violated: ${typeof value} has no canonical JSON`);
  }
}
