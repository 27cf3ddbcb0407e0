import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { civilDate as d } from "../../../src/domain/calendar.ts";
import { countBallots, type LoggedBallot } from "../../../src/domain/governance/ballots.ts";
import { Charter, charterOn, defaultCharter } from "../../../src/domain/governance/charter.ts";
import { checkAdoption, planPublication, tallyVote } from "../../../src/domain/governance/proposal.ts";
import { classifyChange, diffRules, formatDiff } from "../../../src/domain/governance/rules-diff.ts";
import { mutualRules } from "../../support/plan-fixtures.ts";

const charter = defaultCharter("2018-10-16");

describe("notice", () => {
  it("a change published with 14 days' notice when the charter asks 15 is refused; 15 is accepted", () => {
    // published 2020-03-01: + 15 days = 2020-03-16 is the earliest effective date
    const short = planPublication(charter, "ordinary", d("2020-03-01"), d("2020-03-15"));
    expect(short.ok).toBe(false);
    expect(!short.ok && short.error).toMatchObject({ code: "notice_too_short", field: "effectiveOn" });
    const enough = planPublication(charter, "ordinary", d("2020-03-01"), d("2020-03-16"));
    expect(enough).toEqual({
      ok: true,
      value: {
        publishedOn: "2020-03-01",
        effectiveOn: "2020-03-16",
        noticeEndsOn: "2020-03-16",
        voteRequired: false,
        votingClosesOn: null,
      },
    });
  });

  it("a reduction needs a vote, closing 7 days after publication", () => {
    const p = planPublication(charter, "benefitReduction", d("2020-03-01"), d("2020-04-01"));
    expect(p.ok && p.value).toMatchObject({ voteRequired: true, votingClosesOn: "2020-03-08" });
  });

  it("adoption is refused before the notice ends and without the vote it needs", () => {
    const base = { noticeEndsOn: d("2020-03-16"), effectiveOn: d("2020-03-16") };
    expect(checkAdoption({ ...base, state: "published", voteRequired: false }).ok).toBe(true);
    expect(
      checkAdoption({ ...base, effectiveOn: d("2020-03-15"), state: "published", voteRequired: false }).ok,
    ).toBe(false);
    const noVote = checkAdoption({ ...base, state: "published", voteRequired: true });
    expect(!noVote.ok && noVote.error.code).toBe("vote_required");
    expect(checkAdoption({ ...base, state: "failed", voteRequired: true }).ok).toBe(false);
    expect(checkAdoption({ ...base, state: "passed", voteRequired: true }).ok).toBe(true);
  });
});

describe("the tally", () => {
  const threeQuarters = charter.votes.benefitReduction;
  it("74% in favour fails a three-quarters rule, 75% passes", () => {
    // 740 of 1,000 = 74%; 750 of 1,000 = 75%; 1,000 ballots of 10,000 eligible = 10% ≥ the 5% quorum
    expect(tallyVote({ inFavour: 740, against: 260 }, 10_000, threeQuarters, 5).passed).toBe(false);
    expect(tallyVote({ inFavour: 750, against: 250 }, 10_000, threeQuarters, 5).passed).toBe(true);
  });

  it("a simple majority: exactly 50% fails, one more vote passes", () => {
    const majority = { vote: true, thresholdPercent: 50, comparison: "moreThan" } as const;
    expect(tallyVote({ inFavour: 500, against: 500 }, 10_000, majority, 5).passed).toBe(false);
    expect(tallyVote({ inFavour: 501, against: 500 }, 10_000, majority, 5).passed).toBe(true);
  });

  it("below the quorum nothing passes: 499 ballots of 10,000 is 4.99% < 5%", () => {
    const t = tallyVote({ inFavour: 499, against: 0 }, 10_000, threeQuarters, 5);
    expect(t).toMatchObject({ quorumMet: false, passed: false });
    expect(tallyVote({ inFavour: 500, against: 0 }, 10_000, threeQuarters, 5).quorumMet).toBe(true);
  });

  it("from the log: each member's last ballot counts", () => {
    const b = (member: string, inFavour: boolean, seq: number, proposal = 1): LoggedBallot => ({
      proposal,
      member,
      inFavour,
      seq,
    });
    // a: yes then no (counts no); b: yes; c: no; another proposal ignored
    const ballots = [
      b("a", true, 1),
      b("b", true, 1),
      b("a", false, 2),
      b("c", false, 1),
      b("d", true, 1, 2),
    ];
    expect(countBallots(ballots, 1)).toEqual({ inFavour: 1, against: 2, members: 3 });
  });

  it("property: the order the log is read in does not change the count", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ member: fc.constantFrom("a", "b", "c", "d"), inFavour: fc.boolean() }), {
          maxLength: 30,
        }),
        fc.integer(),
        (votes, shuffleSeed) => {
          const seqs = new Map<string, number>();
          const ballots = votes.map((v) => {
            const seq = (seqs.get(v.member) ?? 0) + 1;
            seqs.set(v.member, seq);
            return { proposal: 1, member: v.member, inFavour: v.inFavour, seq };
          });
          const shuffled = [...ballots].sort(
            (x, y) =>
              ((x.seq * 31 + x.member.charCodeAt(0) + shuffleSeed) % 7) -
              ((y.seq * 31 + y.member.charCodeAt(0) + shuffleSeed) % 7),
          );
          expect(countBallots(shuffled, 1)).toEqual(countBallots(ballots, 1));
        },
      ),
    );
  });
});

describe("the rules diff", () => {
  const before = mutualRules();
  it("removing an illness is a benefit reduction, shown as readable lines", () => {
    const after = { ...before, eventClasses: [before.eventClasses[0]!] };
    const changes = diffRules(before, after);
    expect(formatDiff(changes)).toEqual(['eventClasses[1]: {"id":"major","name":"重大疾病"} → (none)']);
    expect(classifyChange(changes).changeClass).toBe("benefitReduction");
  });

  it("a longer waiting period is a reduction; a higher fee is a fee increase; a calendar change is ordinary", () => {
    expect(classifyChange(diffRules(before, { ...before, waiting: [{ days: 180 }] })).changeClass).toBe(
      "benefitReduction",
    );
    expect(
      classifyChange(diffRules(before, { ...before, fees: [{ kind: "percentOfBenefit", percent: 10 }] }))
        .changeClass,
    ).toBe("feeIncrease");
    expect(
      classifyChange(
        diffRules(before, {
          ...before,
          apportionment: {
            ...before.apportionment,
            calendar: { kind: "semiMonthly", announceDays: [8, 22], collectDays: [15, 29] },
          },
        }),
      ).changeClass,
    ).toBe("ordinary");
  });

  it("the charter in force is the latest effective on the day; a bad charter names the field", () => {
    const later = Charter.parse({ effective: "2020-01-01", noticeDays: 30 });
    expect(charterOn([charter, later], "2019-12-31")?.noticeDays).toBe(15);
    expect(charterOn([charter, later], "2020-01-01")?.noticeDays).toBe(30);
    const bad = Charter.safeParse({ effective: "2020-01-01", noticeDays: -1 });
    expect(bad.success).toBe(false);
    expect(!bad.success && bad.error.issues[0]!.path).toEqual(["noticeDays"]);
  });
});
