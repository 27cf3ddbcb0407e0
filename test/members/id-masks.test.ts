import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listClaims } from "../../src/claims/views.ts";
import type { Principal } from "../../src/domain/access.ts";
import { addDays, addYears, ageOn, type CivilDate, civilDate } from "../../src/domain/calendar.ts";
import { residentIdCheckChar } from "../../src/domain/identity.ts";
import { importMembers } from "../../src/import/import.ts";
import {
  enrolChild,
  GUARDIANSHIP_PDF,
  registerMember,
  residentId,
  staffToken,
  type TestApp,
  testApp,
} from "../support/app.ts";

/**
 * How many valid resident IDs fit what one answer (or everything one role sees) shows of a person: IDs
 * that agree with the shown characters, birth date or age, and sex, and whose check character is right
 * (GB 11643), with the birth dates the parser accepts (not after today, at most 130 years back).
 */
type Shown = {
  residentId?: string;
  birthDate?: string;
  ageYears?: number;
  ageBand?: string;
  sex?: string;
  ageAtDiagnosis?: number;
  diagnosedOn?: string;
};

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = "10X98765432";

function candidates(facts: Shown[], today: CivilDate): number {
  const pattern = [..."*".repeat(18)];
  for (const f of facts) {
    if (!f.residentId) continue;
    expect(f.residentId).toMatch(/^[\dX*]{18}$/);
    [...f.residentId].forEach((c, i) => {
      if (c !== "*") pattern[i] = c;
    });
  }
  const sex = facts.find((f) => f.sex)?.sex;
  // the region and sequence digits, free or shown: how many combinations give each weighted sum mod 11
  let dist = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  for (const i of [0, 1, 2, 3, 4, 5, 14, 15, 16]) {
    const digits = pattern[i] !== "*" ? [Number(pattern[i])] : [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const allowed = digits.filter(
      (d) => !(i === 0 && d === 0) && !(i === 16 && sex && (d % 2 === 1 ? "male" : "female") !== sex),
    );
    const next = new Array(11).fill(0);
    for (let r = 0; r < 11; r++) for (const d of allowed) next[(r + d * WEIGHTS[i]!) % 11] += dist[r]!;
    dist = next;
  }
  const checks = pattern[17] !== "*" ? [pattern[17]] : [...CHECK];
  let total = 0;
  for (let d = addYears(today, -131); d <= today; d = addDays(d, 1)) {
    if (ageOn(d, today) > 130) continue;
    if (!facts.every((f) => fits(f, d, today))) continue;
    const digits = d.replaceAll("-", "");
    if (![...digits].every((c, k) => pattern[6 + k] === "*" || pattern[6 + k] === c)) continue;
    let dateSum = 0;
    for (let k = 0; k < 8; k++) dateSum += Number(digits[k]) * WEIGHTS[6 + k]!;
    for (let r = 0; r < 11; r++) if (checks.includes(CHECK[(r + dateSum) % 11]!)) total += dist[r]!;
  }
  return total;
}

function fits(f: Shown, birth: CivilDate, today: CivilDate): boolean {
  if (f.birthDate && f.birthDate !== birth) return false;
  if (f.ageYears !== undefined && ageOn(birth, today) !== f.ageYears) return false;
  if (f.ageAtDiagnosis !== undefined && ageOn(birth, civilDate(f.diagnosedOn!)) !== f.ageAtDiagnosis)
    return false;
  if (f.ageBand) {
    const [from, to] = f.ageBand.split("–").map(Number);
    const age = f.diagnosedOn ? ageOn(birth, civilDate(f.diagnosedOn)) : ageOn(birth, today);
    if (age < from! || age > to!) return false;
  }
  return true;
}

/** Every object in an answer that shows something of a person's identity. */
function personFacts(body: unknown, out: Shown[] = []): Shown[] {
  if (Array.isArray(body)) for (const x of body) personFacts(x, out);
  else if (body && typeof body === "object") {
    const o = body as Record<string, unknown>;
    const id = (o.residentId ?? o.idMasked) as string | undefined;
    if (
      id !== undefined ||
      o.birthDate ||
      o.ageYears !== undefined ||
      o.ageBand ||
      o.ageAtDiagnosis !== undefined
    )
      out.push({
        residentId: id,
        birthDate: o.birthDate as string | undefined,
        ageYears: o.ageYears as number | undefined,
        ageBand: o.ageBand as string | undefined,
        sex: o.sex as string | undefined,
        ageAtDiagnosis: o.ageAtDiagnosis as number | undefined,
        diagnosedOn: o.diagnosedOn as string | undefined,
      });
    for (const v of Object.values(o)) personFacts(v, out);
  }
  return out;
}

const MIN = 10_000;
const TODAY = civilDate("2020-03-01");
// the applicant: region 110105, born 1990-05-01, a man; the child: born 2014-06-06
const APPLICANT_ID = residentId("1990-05-01", 117);
const CHILD_ID = residentId("2014-06-06", 118);
const PENDING_ID = residentId("2016-07-07", 122); // a second child, waiting for the reviewer

let t: TestApp;
let m: Awaited<ReturnType<typeof registerMember>>;
let childMemberId: number;
let claimId: number;
let participationId: number;
beforeAll(async () => {
  t = await testApp();
  m = await registerMember(t, "13200000117", APPLICANT_ID, "林一");
  childMemberId = (await enrolChild(t, m, { name: "林小", residentId: CHILD_ID })).memberId!;
  const pending = await t.app.inject({
    method: "POST",
    url: `/members/${m.memberId}/dependants`,
    headers: m.auth,
    payload: { name: "林幼", residentId: PENDING_ID, relation: "child", consentVersion: "v1" },
  });
  await t.app.inject({
    method: "PUT",
    url: `/members/${m.memberId}/dependant-requests/${pending.json().requestId}/document`,
    headers: { ...m.auth, "content-type": "application/pdf" },
    payload: GUARDIANSHIP_PDF,
  });
  const p = await t.db.pool.query(
    "INSERT INTO participations (member_id, plan_id, tier, joined_on, covered_from, rule_version, status) VALUES ($1, 'xianghubao', 'standard', '2019-01-01', '2019-04-01', '2018-10-16', 'active') RETURNING participation_id",
    [m.memberId],
  );
  participationId = p.rows[0].participation_id;
  // a case in its publicity period, diagnosed 2020-02-28 (the applicant 29 then)
  const c = await t.db.pool.query(
    `INSERT INTO claims (participation_id, member_id, plan_id, event, diagnosed_on, reported_on, rule_version, state,
       documents_due_on, decision, benefit_fen, decided_on, published_on, publicity_ends_on)
     VALUES ($1, $2, 'xianghubao', 'major', '2020-02-28', '2020-02-29', '2018-10-16', 'announcement', '2020-03-30',
       '{"approved": true, "explanation": "符合"}', 30000000, '2020-03-01', '2020-03-01', '2020-03-08') RETURNING claim_id`,
    [participationId, m.memberId],
  );
  claimId = c.rows[0].claim_id;
});
afterAll(async () => {
  await t.close();
});

const get = async (url: string, headers: Record<string, string>) => {
  const r = await t.app.inject({ method: "GET", url, headers });
  expect(r.statusCode, `${url}: ${r.body}`).toBe(200);
  return r.json();
};

describe("masks that hide: at least 10,000 resident IDs fit anything one role is shown", () => {
  it("the counter is right: the old mask with a birth date and sex left 9 candidates", () => {
    const old = `${APPLICANT_ID.slice(0, 4)}${"*".repeat(10)}${APPLICANT_ID.slice(-4)}`;
    const n = candidates([{ residentId: old, birthDate: "1990-05-01", sex: "male" }], TODAY);
    // 100 choices of region digits 5–6, one in 11 with the right check character
    expect(n).toBeGreaterThanOrEqual(8);
    expect(n).toBeLessThanOrEqual(10);
    expect(candidates([{ residentId: APPLICANT_ID }], TODAY)).toBe(1);
    const full17 = APPLICANT_ID.slice(0, 17);
    expect(residentIdCheckChar(full17)).toBe(APPLICANT_ID[17]);
  });

  it("for the member (subject): /me, their member, dependants, claims, participations", async () => {
    const answers = [
      await get("/me", m.auth),
      await get(`/members/${m.memberId}`, m.auth),
      await get(`/members/${m.memberId}/dependants`, m.auth),
      await get(`/members/${childMemberId}`, m.auth),
      await get(`/claims/${claimId}`, m.auth),
      await get("/claims", m.auth),
      await get("/participations", m.auth),
      await get(`/members/${m.memberId}/dependant-requests`, m.auth),
    ];
    expectHidden(answers, "member");
  });

  for (const roles of [
    ["operator"],
    ["admin"],
    ["reviewer"],
    ["investigator"],
    ["auditor"],
    ["operator", "reviewer"],
  ]) {
    it(`for staff holding ${roles.join(" + ")}: members, dependants, claims, participations, the review queue`, async () => {
      const staff = await staffToken(t, roles as never);
      const answers = [
        await get(`/members/${m.memberId}`, staff),
        await get(`/members/${m.memberId}/dependants`, staff),
        await get(`/members/${childMemberId}`, staff),
        await get(`/claims/${claimId}`, staff),
        await get("/claims", staff),
        await get(`/participations/${participationId}`, staff),
        await get("/plans/xianghubao/announcements", m.auth), // what anyone sees too
      ];
      if (roles.includes("reviewer")) {
        const queue = await get("/dependant-requests", staff);
        expect(queue.items).toHaveLength(1);
        answers.push(queue);
      }
      expectHidden(answers, roles.join("+"));
    });
  }

  it("for the public and jurors: announcements (an age band), the jury record", async () => {
    const other = await registerMember(t, "13200000119", residentId("1980-01-01", 119), "路人");
    const answers = [await get("/plans/xianghubao/announcements", other.auth)];
    const jury = await t.app.inject({ method: "GET", url: `/claims/${claimId}/jury` });
    answers.push(jury.json()); // no jury here: a 404 problem, which shows nothing either
    expect(answers[0].items[0]).toMatchObject({ ageBand: "20–29" });
    expect(answers[0].items[0].birthDate).toBeUndefined();
    expectHidden(answers, "public");
  });

  it("for the CLI (claims list as auditor) and an import's answer", async () => {
    const auditor: Principal = { kind: "staff", id: 0, roles: ["auditor"] };
    const list = await listClaims(t.deps, auditor, { limit: 50 });
    const path = join(t.deps.dataDir, "import.csv");
    writeFileSync(
      path,
      `name,mobile,resident_id,plan_id,tier,joined_on\n林二,13200000120,${residentId("1991-01-01", 121)},xianghubao,standard,2020-01-01\n林三,13200000121,${APPLICANT_ID},xianghubao,standard,2020-01-01\n`,
    );
    const imported = await importMembers(t.db.pool, t.deps.secrets, path, TODAY);
    expectHidden([list, imported], "cli");
  });
});

/** Whether a fact fits a real ID: the shown characters, the birth date or ages, the sex. */
function matches(f: Shown, id: string): boolean {
  if (f.residentId && ![...f.residentId].every((c, i) => c === "*" || c === id[i])) return false;
  if (f.sex && (Number(id[16]) % 2 === 1 ? "male" : "female") !== f.sex) return false;
  return fits(f, civilDate(`${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`), TODAY);
}

/**
 * No plain ID in any answer; each object alone, and everything a role is shown of one person together
 * (what a reader who links the answers by member id learns), leaves at least 10,000 IDs.
 */
function expectHidden(answers: unknown[], who: string) {
  const text = JSON.stringify(answers);
  for (const id of [APPLICANT_ID, CHILD_ID, PENDING_ID])
    expect(text.includes(id), `${who}: a plain ID`).toBe(false);
  expect(text).not.toMatch(/\d{17}[\dX]/);
  const facts = personFacts(answers);
  expect(facts.length, `${who}: the answers show someone`).toBeGreaterThan(0);
  for (const f of facts)
    expect(candidates([f], TODAY), `${who}: ${JSON.stringify(f)}`).toBeGreaterThanOrEqual(MIN);
  for (const [person, id] of Object.entries({
    applicant: APPLICANT_ID,
    child: CHILD_ID,
    pending: PENDING_ID,
  })) {
    const seen = facts.filter((f) => matches(f, id));
    if (seen.length === 0) continue;
    const n = candidates(seen, TODAY);
    expect(n, `${who}, ${person}: ${JSON.stringify(seen)}`).toBeGreaterThanOrEqual(MIN);
  }
}
