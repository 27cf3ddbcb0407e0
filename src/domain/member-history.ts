import type { proofChecks } from "./proof-check.ts";
import { fromHex, toHex } from "./proof-check.ts";

/*
 * A member's history as a hash chain (docs/verify.md): since the chain began, every log entry that
 * names a member carries `prev` — the index and leaf hash of that member's previous entry, null on
 * their first. Walking it back from the latest entry the server shows proves that no entry of theirs
 * between the first and the latest was left out (deleted, or hidden by clearing the entry's unhashed
 * `member` column): a missing one is a link that points at an entry not shown. Entries sequenced
 * before the chain began carry no `prev`; the walk ends at the first of them it meets. Pure, with the
 * hashing passed in, so `huzhu verify` and the member app run the same walk.
 */

export type HistoryEntry = { index: number; kind: string; entry: string };
export type HistoryCheck = { readonly what: string; readonly ok: boolean; readonly detail?: string };
type Prev = { index: number; leafHash: string } | null | undefined;

type Checks = Pick<ReturnType<typeof proofChecks>, "logLeaf">;
const utf8 = new TextEncoder();

function prevOf(parsed: Record<string, unknown>): Prev | "malformed" {
  if (!("prev" in parsed)) return undefined;
  const p = parsed.prev as { index?: unknown; leafHash?: unknown } | null;
  if (p === null) return null;
  const ok =
    typeof p === "object" &&
    Number.isSafeInteger(p.index) &&
    typeof p.leafHash === "string" &&
    fromHex(p.leafHash)?.length === 32;
  return ok ? { index: p.index as number, leafHash: p.leafHash as string } : "malformed";
}

/** Walks the member's chain from their latest entry back to its start; the checks it makes, in order. */
export function checkMemberHistory(checks: Checks, member: string, entries: readonly HistoryEntry[]) {
  const out: HistoryCheck[] = [];
  const byIndex = new Map(entries.map((e) => [e.index, e]));
  const parsed = new Map<number, Record<string, unknown>>();
  for (const e of entries) {
    const p = JSON.parse(e.entry) as Record<string, unknown>;
    parsed.set(e.index, p);
    if (p.member !== member)
      out.push({
        what: `entry ${e.index} names the member`,
        ok: false,
        detail: `entry ${e.index} is another's`,
      });
  }
  const sorted = [...byIndex.keys()].sort((a, b) => a - b);
  const latest = sorted[sorted.length - 1];
  if (latest === undefined) return out;
  const onChain = new Set<number>();
  let at = latest;
  for (;;) {
    onChain.add(at);
    const prev = prevOf(parsed.get(at)!);
    if (prev === "malformed") {
      out.push({
        what: `entry ${at} links to the member's previous entry`,
        ok: false,
        detail: `entry ${at} has a malformed link`,
      });
      return out;
    }
    if (prev === undefined || prev === null) {
      out.push(chainStart(at, prev, byIndex.get(at)!, latest));
      break;
    }
    const before = byIndex.get(prev.index);
    if (prev.index >= at || !before) {
      out.push({
        what: `the member's history has no gap before entry ${at}`,
        ok: false,
        detail: `entry ${at} follows the member's entry ${prev.index}, which is not among the entries shown: the history is incomplete`,
      });
      return out;
    }
    if (toHex(checks.logLeaf(utf8.encode(before.entry))) !== prev.leafHash) {
      out.push({
        what: `entry ${at} links to entry ${prev.index}`,
        ok: false,
        detail: `entry ${prev.index} is not the one entry ${at} follows: its content was changed or replaced`,
      });
      return out;
    }
    at = prev.index;
  }
  out.push(...offChain(sorted, onChain, parsed));
  return out;
}

/** Where the walk ended: the member's first entry (a join), or the last entry before the chain began. */
function chainStart(at: number, prev: null | undefined, e: HistoryEntry, latest: number): HistoryCheck {
  if (prev === undefined)
    return {
      what: `the member's history is complete from entry ${at} (sequenced before histories were chained) to entry ${latest}`,
      ok: true,
    };
  const ok = e.kind === "join" || e.kind === "transfer";
  return {
    what: `the member's history is complete from their first entry ${at} to entry ${latest}`,
    ok,
    ...(ok ? {} : { detail: `the member's first chained entry ${at} is a ${e.kind}, not a join` }),
  };
}

/** Entries shown that carry a link but are not on the chain from the latest: a second, forked history. */
function offChain(sorted: number[], onChain: Set<number>, parsed: Map<number, Record<string, unknown>>) {
  const out: HistoryCheck[] = [];
  for (const i of sorted)
    if (!onChain.has(i) && prevOf(parsed.get(i)!) !== undefined)
      out.push({
        what: `entry ${i} is on the member's history`,
        ok: false,
        detail: `entry ${i} is linked but not on the chain from the member's latest entry: the history forks`,
      });
  return out;
}
