/**
 * Canonical JSON for log entries (RFC 8785 JCS for the subset we log): object keys sorted by UTF-16
 * code units, no whitespace, strings as JSON.stringify writes them, keys whose value is undefined left
 * out. Numbers are integers only by default — a float in a money fact is a bug, so it is refused; the
 * digests of plan rules and charters take `"finite"`, because their documents carry fractions (percents).
 */
export function canonicalJson(value: unknown, numbers: "integer" | "finite" = "integer"): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "number":
      return canonicalNumber(value, numbers);
    case "string":
      return JSON.stringify(value);
    case "object": {
      if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v, numbers)).join(",")}]`;
      const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
      entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v, numbers)}`).join(",")}}`;
    }
    default:
      throw new Error(`invariant violated: ${typeof value} has no canonical JSON`);
  }
}

function canonicalNumber(value: number, numbers: "integer" | "finite"): string {
  const allowed = numbers === "integer" ? Number.isSafeInteger(value) : Number.isFinite(value);
  if (!allowed)
    throw new Error(
      `invariant violated: canonical JSON takes ${numbers === "integer" ? "safe integers" : "finite numbers"} only, not ${value}`,
    );
  // JSON.stringify's shortest round-trip form, the same as String() for every finite number.
  return JSON.stringify(value);
}
