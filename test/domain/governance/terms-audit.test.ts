import { describe, expect, it } from "vitest";
import { overlappingPaths, patchPaths } from "../../../src/domain/governance/rules-diff.ts";
import { auditTerms, type TermsEntry } from "../../../src/domain/governance/terms-audit.ts";

const launch: TermsEntry = {
  kind: "plan_status",
  entry: { plan: "p", status: "active", terms: [{ effective: "2020-01-01", rulesSha256: "aa" }] },
};
const later = (effective: string, proposal: number | null): TermsEntry => ({
  kind: "rule_version",
  entry: { plan: "p", effective, rulesSha256: "bb", ...(proposal === null ? {} : { proposal }) },
});
const published: TermsEntry = { kind: "proposal", entry: { stage: "published", proposal: 7, plan: "p" } };
const adopted = (adoptedOn: string): TermsEntry => ({
  kind: "proposal",
  entry: { stage: "adopted", proposal: 7, plan: "p", adoptedOn, noticeEndsOn: "2020-03-16" },
});
const plan = (versions: Array<[string, string, number | null]>) => [
  {
    planId: "p",
    versions: versions.map(([effective, rulesSha256, proposalId]) => ({
      effective,
      rulesSha256,
      proposalId,
    })),
  },
];

describe("auditTerms", () => {
  it("passes the launched terms and a version adopted with notice", () => {
    const log = [launch, later("2020-03-16", 7), published, adopted("2020-03-08")];
    expect(
      auditTerms(
        plan([
          ["2020-01-01", "aa", null],
          ["2020-03-16", "bb", 7],
        ]),
        log,
      ),
    ).toEqual([]);
  });

  it("names each way a version can break the plan's process", () => {
    const v = (e: string): Array<[string, string, number | null]> => [
      ["2020-01-01", "aa", null],
      [e, "bb", 7],
    ];
    expect(auditTerms(plan([["2020-01-01", "zz", null]]), [launch])).toEqual([
      "plan p version 2020-01-01 differs from the terms it was launched with",
    ]);
    expect(auditTerms(plan(v("2020-03-16")), [launch, later("2020-03-16", null)])).toEqual([
      "plan p version 2020-03-16 is not in the launched terms and the log ties it to no adopted proposal",
    ]);
    expect(
      auditTerms(plan(v("2020-03-16")), [launch, later("2020-03-16", 7), adopted("2020-03-08")]),
    ).toEqual(["plan p version 2020-03-16: proposal 7 was never published with notice in the log"]);
    expect(
      auditTerms(plan(v("2020-03-16")), [launch, later("2020-03-16", 7), published, adopted("2020-03-20")]),
    ).toEqual(["plan p version 2020-03-16 takes effect before its adoption on 2020-03-20"]);
    expect(
      auditTerms(plan(v("2020-03-10")), [launch, later("2020-03-10", 7), published, adopted("2020-03-08")]),
    ).toEqual(["plan p version 2020-03-10 takes effect before the notice ended on 2020-03-16"]);
    expect(auditTerms(plan(v("2020-03-16")), [])).toEqual([
      "plan p is launched but the log has no launch entry with its terms",
    ]);
  });

  it("a backfilled launch (no digests) checks the digest against the version's own entry", () => {
    const old: TermsEntry = {
      kind: "plan_status",
      entry: { plan: "p", status: "active", terms: [{ effective: "2020-01-01" }] },
    };
    const logged: TermsEntry = {
      kind: "rule_version",
      entry: { plan: "p", effective: "2020-01-01", rulesSha256: "aa" },
    };
    expect(auditTerms(plan([["2020-01-01", "aa", null]]), [old, logged])).toEqual([]);
    expect(auditTerms(plan([["2020-01-01", "cc", null]]), [old, logged])).toHaveLength(1);
  });
});

describe("conflicts between patches", () => {
  it("a patch touches its leaves; arrays are replaced whole", () => {
    expect(patchPaths({ fees: [{ percent: 6 }], closure: { noticeDays: 30, minimumMembers: 5 } })).toEqual([
      "fees",
      "closure.noticeDays",
      "closure.minimumMembers",
    ]);
  });

  it("two patches overlap where one path is the other or inside it, never on a shared prefix of a name", () => {
    expect(overlappingPaths(["closure.noticeDays"], ["closure"])).toEqual(["closure"]);
    expect(overlappingPaths(["fees"], ["feesExtra", "waiting"])).toEqual([]);
    expect(overlappingPaths(["benefits.schedule", "fees"], ["benefits.schedule"])).toEqual([
      "benefits.schedule",
    ]);
  });
});
