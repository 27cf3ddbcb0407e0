/** One log entry as the public audit reads it: its index and its parsed content. */
export type Fact = { readonly index: number; readonly kind: string; readonly e: Record<string, unknown> };

export const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
export const num = (v: unknown): number | undefined => (typeof v === "number" ? v : undefined);

/** The entries parsed in index order; an entry that is not a JSON object with a kind is reported. */
export function parseFacts(
  entries: ReadonlyArray<{ index: number; entry: string }>,
  problems: string[],
): Fact[] {
  const facts: Fact[] = [];
  for (const x of [...entries].sort((a, b) => a.index - b.index)) {
    let e: unknown;
    try {
      e = JSON.parse(x.entry);
    } catch {
      problems.push(`log entry ${x.index} is not JSON`);
      continue;
    }
    const kind = str((e as Record<string, unknown> | null)?.kind);
    if (kind === undefined) problems.push(`log entry ${x.index} has no kind`);
    else facts.push({ index: x.index, kind, e: e as Record<string, unknown> });
  }
  return facts;
}
