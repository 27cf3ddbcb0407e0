import { describe, expect, it } from "vitest";
import { claimSignals } from "../../src/claims/signals.ts";
import { installPresets } from "../../src/plans/presets.ts";
import {
  applicant,
  claimId,
  get,
  guardian,
  joinPlan,
  jurors,
  operator,
  PDF,
  post,
  reviewer,
  t,
  useClaimsStory,
} from "../support/claims.ts";

// early's claim (1, refused) and the applicant's 相互宝 claim (major, diagnosed 2020-06-01) is reported with its diagnosis PDF, 2020-07-01
useClaimsStory("documents");

let otherPlanClaim: number;
let sameFileClaim: number;

const signalsOf = async (id: number) => (await get(`/claims/${id}`, reviewer)).json().signals;

describe("fraud signals in the reviewer's queue", () => {
  it("flags the same person claiming the same diagnosis in another plan, both ways, with the link", async () => {
    // the applicant also joins 美团互助 and reports the same illness there
    await installPresets(t.db.pool, ["meituan"]);
    const m = await joinPlan(applicant, "meituan", false);
    const r = await post("/claims", applicant.auth, {
      participationId: m.participationId,
      event: "major",
      diagnosedOn: "2020-06-01",
    });
    expect(r.statusCode).toBe(201);
    otherPlanClaim = r.json().claimId;
    // (the story's claim 1 holds the same PDF: that signal is the next test's subject)
    expect((await signalsOf(claimId)).filter((x: { kind: string }) => x.kind !== "shared_document")).toEqual([
      {
        kind: "same_person_diagnosis",
        otherClaimId: otherPlanClaim,
        otherPlanId: "meituan",
        otherState: "reported",
        link: `/claims/${otherPlanClaim}`,
      },
    ]);
    expect((await signalsOf(otherPlanClaim))[0]).toMatchObject({
      otherClaimId: claimId,
      otherPlanId: "xianghubao",
    });
  });

  it("flags a document whose hash is in another claim", async () => {
    // another member (the guardian, in 相互宝) hands in the applicant's very PDF for their own claim; the
    // story's early member had handed in the same file for their refused claim (claim 1)
    const r = await post("/claims", guardian.auth, {
      participationId: guardian.participationId,
      event: "major",
      diagnosedOn: "2020-06-20",
    });
    sameFileClaim = r.json().claimId;
    const up = await post(
      `/claims/${sameFileClaim}/documents?kind=diagnosis`,
      { ...guardian.auth, "content-type": "application/pdf" },
      PDF,
    );
    expect(up.statusCode).toBeLessThan(300);
    const sha =
      up.json().sha256 ?? (await get(`/claims/${sameFileClaim}`, guardian.auth)).json().documents[0].sha256;
    const s = await signalsOf(sameFileClaim);
    const link = (id: number, state: string) => ({
      kind: "shared_document",
      otherClaimId: id,
      otherPlanId: "xianghubao",
      otherState: state,
      link: `/claims/${id}`,
      sha256: sha,
    });
    expect(s).toEqual([link(1, "rejected"), link(claimId, "documents")]);
    // the applicant's claim carries every signal, in the other claims' order
    expect(
      (await signalsOf(claimId)).map((x: { kind: string; otherClaimId: number }) => [x.kind, x.otherClaimId]),
    ).toEqual([
      ["shared_document", 1],
      ["same_person_diagnosis", otherPlanClaim],
      ["shared_document", sameFileClaim],
    ]);
  });

  it("the use case gives the same signals as the reviewer's reading", async () => {
    expect(await claimSignals(t.db.pool, claimId)).toEqual(await signalsOf(claimId));
  });

  it("shows the signals on the queue (the staff list), never to members", async () => {
    const list = (await get("/claims?planId=xianghubao", operator)).json();
    const item = list.items.find((c: { claimId: number }) => c.claimId === claimId);
    expect(item.signals).toHaveLength(3);
    expect((await get(`/claims/${claimId}`, applicant.auth)).json().signals).toBeUndefined();
    const mine = (await get("/claims", applicant.auth)).json();
    expect(mine.items.every((c: { signals?: unknown }) => c.signals === undefined)).toBe(true);
  });

  it("an unrelated claim has no signal", async () => {
    const r = await post("/claims", jurors[0]!.auth, {
      participationId: jurors[0]!.participationId,
      event: "major",
      diagnosedOn: "2020-06-01",
    });
    expect(await signalsOf(r.json().claimId)).toEqual([]);
  });
});
