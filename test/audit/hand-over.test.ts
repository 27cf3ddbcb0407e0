import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { auditOwnExport } from "../../src/audit/public/own-export-audit.ts";
import { runCli } from "../support/cli.ts";
import { exportOf, forgedExport, forgeries, useHandedOverLog } from "../support/handed-over.ts";

/*
 * Issue 20: `huzhu audit --public FILE --public-key OLD` follows the log key's hand-overs that the
 * export's own log records (acceptedHeadKeys, as `huzhu verify` does) and refuses a head signed by a
 * key no valid hand-over names; the operator's own audit of its export follows them too.
 */
const s = useHandedOverLog();
const FORGERIES = ["signed by the new key only", "from a key no hand-over names"] as const;

const files = (exp: unknown) => {
  const dir = mkdtempSync(join(tmpdir(), "huzhu-audit-handover-"));
  const file = join(dir, `export-${Math.random().toString(36).slice(2)}.json`);
  const key = join(dir, `old-${Math.random().toString(36).slice(2)}.pem`);
  writeFileSync(file, JSON.stringify(exp));
  writeFileSync(key, s.old.pem);
  return { file, key };
};

describe("audit --public across a log key hand-over", () => {
  it("passes with the old key pinned, and the operator's own audit of its export passes", async () => {
    const { file, key } = files(await exportOf(s));
    const r = await runCli(["audit", "--public", file, "--public-key", key]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("public audit passed");
    expect(r.code).toBe(0);
    expect(await auditOwnExport(s.t.db.pool, s.t.deps.logKeys.publicKey)).toEqual([]);
  });

  it.each(FORGERIES)("refuses the heads after a forged hand-over %s (exit 1)", async (which) => {
    const f = forgeries(s);
    const exp = forgedExport(s, await exportOf(s), f[which], f.rogue);
    const { file, key } = files(exp);
    const r = await runCli(["audit", "--public", file, "--public-key", key]);
    expect(r.code).toBe(1);
    const first = exp.heads.find((h) => h.size > s.handOverAt)!.size;
    // the pinned key had no hand-over to the rogue key: the export's key and its heads are refused
    expect(r.stderr.split("\n")[0]).toBe(
      "huzhu audit --public: the export names a log key that is neither the pinned one nor one it handed over to",
    );
    expect(r.stderr).toContain(
      `also: tree head of size ${first}: not signed by the pinned log key nor a key it handed over to`,
    );
  });
});
