import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { withServiceDeps } from "../cli/database.ts";
import { UserError } from "../cli/user-error.ts";
import { CLAIM_STATES } from "../domain/claim/state.ts";
import { formatYuan } from "../domain/money.ts";
import { table } from "../sim/scenario/format.ts";
import { verifyJuryDraw } from "../verify/jury.ts";
import { advanceClaims } from "./sweeps.ts";
import { getClaim, listClaims } from "./views.ts";

/** The operator's view of the claims, and anyone's recomputation of a jury draw. */
const AUDITOR = { kind: "staff", id: 0, roles: ["auditor"] } as const;

function claimId(text: string): number {
  if (!/^[1-9]\d{0,15}$/.test(text)) throw new UserError(`--claim: "${text}" is not a claim id`);
  return Number(text);
}

/** Every claim, page by page (the CLI prints them all). */
async function allClaims(opts: { state?: string; plan?: string }) {
  return withServiceDeps(async (deps) => {
    const all = [];
    let after: number | undefined;
    for (;;) {
      const page = await listClaims(deps, AUDITOR, {
        state: opts.state,
        planId: opts.plan,
        after,
        limit: 500,
      });
      all.push(...page.items);
      if (!page.nextCursor) return all;
      after = Number(page.nextCursor);
    }
  });
}

function registerClaimsList(claims: Command): void {
  claims
    .command("list")
    .description("claims by id, with state and amount")
    .option("--state <STATE>", `one of ${CLAIM_STATES.join(", ")}`)
    .option("--plan <ID>", "only this plan")
    .option("--json", "print JSON")
    .action(async (opts: { state?: string; plan?: string; json?: boolean }) => {
      if (opts.state && !(CLAIM_STATES as readonly string[]).includes(opts.state))
        throw new UserError(`--state: "${opts.state}" is not one of ${CLAIM_STATES.join(", ")}`);
      const items = await allClaims(opts);
      if (opts.json) return void process.stdout.write(`${JSON.stringify(items, null, 2)}\n`);
      process.stdout.write(
        `${table(
          ["claim", "plan", "member", "event", "diagnosed", "state", "benefit (yuan)"],
          items.map((c) => [
            String(c.claimId),
            c.planId,
            `${c.nameMasked} ${c.idMasked}`,
            c.event,
            c.diagnosedOn,
            c.state,
            c.benefitFen === null ? "" : formatYuan(c.benefitFen as never),
          ]),
        )}\n`,
      );
    });
}

function registerClaimsShowAdvance(claims: Command): void {
  claims
    .command("show")
    .argument("<CLAIM>", "the claim id")
    .description("one claim with its decision and every transition (who, when, why, rule version)")
    .action(async (id: string) => {
      const c = await withServiceDeps((deps) => getClaim(deps, AUDITOR, claimId(id), true));
      process.stdout.write(`${JSON.stringify(c, null, 2)}\n`);
    });
  claims
    .command("advance")
    .description("run the claims scheduler now: lapse, tally closed juries, end publicity, mark paid")
    .action(async () => {
      const r = await withServiceDeps((deps) => advanceClaims(deps));
      process.stdout.write(
        `lapsed ${r.lapsed}, juries closed ${r.juriesClosed}, entered sharing ${r.shared}, paid ${r.paid}\n`,
      );
    });
}

function registerJuryVerify(program: Command): void {
  const jury = program.command("jury").description("jury appeals");
  jury
    .command("verify")
    .description(
      "recompute a jury draw from the server's published inputs: signed head, seed, candidates, jurors",
    )
    .requiredOption("--claim <ID>", "the claim")
    .option("--server <URL>", "the huzhu server", "http://127.0.0.1:3000")
    .option("--public-key <PEM_FILE>", "the log key you trust (default: the one the server publishes)")
    .action(async (opts: { claim: string; server: string; publicKey?: string }) => {
      const id = claimId(opts.claim);
      let base: URL;
      try {
        base = new URL(opts.server);
      } catch {
        throw new UserError(`--server: "${opts.server}" is not a URL`);
      }
      const get = async (path: string) => {
        const r = await fetch(new URL(path, base));
        if (!r.ok) throw new UserError(`${path}: the server answered ${r.status}`);
        return (r.headers.get("content-type") ?? "").includes("json") ? r.json() : r.text();
      };
      const checks = await verifyJuryDraw(get, id, {
        trustedKeyPem: opts.publicKey ? readFileSync(opts.publicKey, "utf8") : undefined,
      });
      for (const c of checks)
        process.stdout.write(`${c.ok ? "ok  " : "FAIL"} ${c.what}${c.detail ? ` — ${c.detail}` : ""}\n`);
      const ok = checks.every((c) => c.ok);
      process.stdout.write(ok ? "the jury draw is reproduced\n" : "the jury draw does NOT reproduce\n");
      process.exitCode = ok ? 0 : 1;
    });
}

export function registerClaimCommands(program: Command): void {
  const claims = program.command("claims").description("claims: list, show, run the claims scheduler");
  registerClaimsList(claims);
  registerClaimsShowAdvance(claims);
  registerJuryVerify(program);
}
