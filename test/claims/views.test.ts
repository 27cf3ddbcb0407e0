import { describe, expect, it } from "vitest";
import { claimId, get, jurors, useClaimsStory } from "../support/claims.ts";

// the applicant's claim is published by the jury's overturn on 2020-07-02: one announcement
useClaimsStory("overturn");

describe("the announcements, page by page", () => {
  it("a page of one holds the case and no next cursor; after the case's own id nothing follows", async () => {
    const first = await get("/plans/xianghubao/announcements?limit=1", jurors[1]!.auth);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ items: [{ claimId }], nextCursor: null });
    const after = await get(`/plans/xianghubao/announcements?cursor=${claimId}`, jurors[1]!.auth);
    expect(after.json()).toEqual({ items: [], nextCursor: null });
  });

  it("a cursor that is no id, or a page over the maximum, is refused", async () => {
    const bad = await get("/plans/xianghubao/announcements?cursor=x1", jurors[1]!.auth);
    expect(bad.statusCode).toBe(400);
    const big = await get("/plans/xianghubao/announcements?limit=501", jurors[1]!.auth);
    expect(big.statusCode).toBe(400);
  });
});
