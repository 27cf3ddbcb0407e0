import { readFileSync } from "node:fs";
import { UserError } from "../../cli/user-error.ts";
import { type PublicAuditReport, publicAudit } from "../../domain/public-audit/audit.ts";
import { PublicExport } from "../../domain/public-audit/export.ts";
import { exportHeadKeys } from "../../verify/checkpoint.ts";

/** The export from a file or a URL (a server's base address means its /log/export). */
async function readSource(source: string): Promise<unknown> {
  let text: string;
  if (/^https?:\/\//.test(source)) {
    const url = new URL(source);
    if (url.pathname === "/" || url.pathname === "") url.pathname = "/log/export";
    const r = await fetch(url).catch(() => undefined);
    if (!r?.ok) throw new UserError(`--public: ${url} did not answer${r ? ` (${r.status})` : ""}`);
    text = await r.text();
  } else {
    try {
      text = readFileSync(source, "utf8");
    } catch {
      throw new UserError(`--public: cannot read ${source}`);
    }
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new UserError(`--public: ${source} is not JSON`);
  }
}

/** Reads and validates a published export: bad input is one line naming the field (exit 2). */
export async function loadPublicExport(source: string): Promise<PublicExport> {
  const parsed = PublicExport.safeParse(await readSource(source));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UserError(
      `--public: ${source} is not a log export: ${issue.path.join(".") || "(document)"} ${issue.message}`,
    );
  }
  return parsed.data;
}

/** `huzhu audit --public FILE|URL`: the report on stdout, the first problem on stderr; the exit code. */
export async function runPublicAudit(source: string, trustedKeyPath?: string): Promise<number> {
  const trustedKeyPem = trustedKeyPath ? readTrustedKey(trustedKeyPath) : undefined;
  const exp = await loadPublicExport(source);
  // a pinned key is followed through the hand-overs the export's own log records (issue 20)
  const headKeys = await exportHeadKeys(exp, trustedKeyPem);
  const report: PublicAuditReport = publicAudit(exp, { trustedKeyPem, headKeys });
  if (report.problems.length > 0) {
    const [first, ...rest] = report.problems;
    process.stderr.write(`huzhu audit --public: ${first}\n${rest.map((p) => `  also: ${p}\n`).join("")}`);
    return 1;
  }
  process.stdout.write(
    `public audit passed: ${report.entries} entries, ${report.cycles} cycles recomputed, ${report.payouts} payouts checked — from the published export alone\n`,
  );
  return 0;
}

function readTrustedKey(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    throw new UserError(`--public-key: cannot read ${path}`);
  }
}
