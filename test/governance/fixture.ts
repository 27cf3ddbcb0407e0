import type { LightMyRequestResponse } from "fastify";
import { expect } from "vitest";
import { installPlan } from "../../src/plans/install.ts";
import { registerMember, residentId, staffToken, type TestApp, testApp } from "../support/app.ts";
import { mutualRules, planDoc } from "../support/plan-fixtures.ts";

/**
 * The plan the governance tests deliberate on: 相互宝-shaped, no waiting period, minimum 6 members;
 * 8 adult members (born 1985), the last of whom asked for SMS and e-mail of votes and adoptions.
 */
export const at = (date: string) => Date.parse(`${date}T02:00:00Z`); // 10:00 in Shanghai
export const rules = mutualRules({ waiting: [], closure: { minimumMembers: 6, warnAbovePercent: 50 } });
/** The reduction: cancer under 40, standard tier, from 300,000 to 200,000 yuan. */
export const reduced = {
  benefits: {
    ...rules.benefits,
    schedule: rules.benefits.schedule.map((r, i) =>
      i === 0 ? { ...r, benefit: { kind: "fixed", amount: 200000 } } : r,
    ),
  },
};

export type Member = Awaited<ReturnType<typeof registerMember>>;

export type Gov = {
  t: TestApp;
  operator: Record<string, string>;
  members: Member[];
  setNow(ms: number): Promise<void>;
  post(url: string, headers: Record<string, string>, payload?: unknown): Promise<LightMyRequestResponse>;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  /** A member's proposal, evaluated by an expert and accepted by the operator. */
  propose(
    title: string,
    changes: Record<string, unknown>,
  ): Promise<{ id: number; body: Record<string, unknown> }>;
};

export async function govApp(): Promise<Gov> {
  const t = await testApp({ nowMs: at("2020-03-01"), presets: [] });
  const operator = await staffToken(t, ["operator"]);
  const post: Gov["post"] = (url, headers, payload) =>
    t.app.inject({
      method: "POST",
      url,
      headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const get: Gov["get"] = (url, headers = {}) => t.app.inject({ method: "GET", url, headers });
  await installPlan(t.db.pool, planDoc(rules, { id: "gov-plan" }));
  const members: Member[] = [];
  for (let i = 0; i < 8; i++) {
    const m = await registerMember(t, `1370000000${i}`, residentId("1985-06-06", 501 + 2 * i));
    const r = await post("/participations", m.auth, { memberId: m.memberId, planId: "gov-plan" });
    if (r.statusCode !== 201) throw new Error(r.body);
    members.push(m);
  }
  await post("/notifications/preferences", members[7]!.auth); // wrong method: changes nothing
  await t.app.inject({
    method: "PUT",
    url: "/notifications/preferences",
    headers: members[7]!.auth,
    payload: { sms: true, email: true, emailAddress: "wang@example.com", kinds: ["vote", "adopted_change"] },
  });
  const g: Gov = {
    t,
    operator,
    members,
    post,
    get,
    async setNow(ms) {
      t.clock.set(ms);
      await t.db.pool.query("UPDATE sessions SET expires_at = $1", [new Date(ms + 7 * 86_400_000)]);
    },
    async propose(title, changes) {
      const r = await post("/proposals", members[0]!.auth, {
        planId: "gov-plan",
        title,
        text: "成本上涨",
        changes,
      });
      expect(r.statusCode).toBe(201);
      const id = r.json().proposalId as number;
      await post(`/proposals/${id}/evaluations`, operator, {
        role: "expert",
        expertName: "精算师",
        recommend: true,
        opinion: "the reduction keeps the annual share under the cap",
      });
      await post(`/proposals/${id}/decision`, operator, { accept: true, reasons: "expert support" });
      return { id, body: r.json() };
    },
  };
  return g;
}

/** Members 0–3 vote: 0 (after changing their mind), 1 and 2 in favour, 3 against — 3 of 4 = 75%. */
export async function voteThreeOfFour(g: Gov, id: number): Promise<void> {
  const vote = (m: Member, inFavour: boolean) => g.post(`/proposals/${id}/ballots`, m.auth, { inFavour });
  await vote(g.members[0]!, false);
  await vote(g.members[0]!, true);
  await vote(g.members[1]!, true);
  await vote(g.members[2]!, true);
  await vote(g.members[3]!, false);
}
