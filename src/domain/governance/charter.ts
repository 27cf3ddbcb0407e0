import { z } from "zod";
import { civilDateSchema } from "../civil-date-schema.ts";

/**
 * The charter (会员公约) of a plan: who may propose, which changes need the members' vote, the
 * thresholds, the quorum, the notice and the voting window. Versioned beside the rules; the version in
 * force on the day a proposal is published governs it.
 */
const percent = z.number().min(0).max(100);
const VoteRule = z.strictObject({
  /** Does this class of change need the members' vote? */
  vote: z.boolean(),
  /** The share of the votes cast in favour that passes … */
  thresholdPercent: percent,
  /** … strictly more than it (a simple majority) or at least it (three quarters). */
  comparison: z.enum(["moreThan", "atLeast"]),
});
export type VoteRule = z.output<typeof VoteRule>;

export const CHANGE_CLASSES = ["ordinary", "benefitReduction", "feeIncrease", "dissolution"] as const;
export type ChangeClass = (typeof CHANGE_CLASSES)[number];

export const Charter = z.strictObject({
  effective: civilDateSchema,
  /** Who may submit a proposal. */
  proposers: z.enum(["anyMember", "operatorOnly"]).default("anyMember"),
  /** Days between publication and the earliest effective date (相互宝's co-deliberation: 15). */
  noticeDays: z.number().int().min(0).max(365).default(15),
  /** Days of consultation on the terms before launch (0: the plan may launch from its draft). */
  consultationDays: z.number().int().min(0).max(365).default(0),
  /** How long a vote stays open, from publication. */
  votingWindowDays: z.number().int().min(1).max(90).default(7),
  /** Ballots needed, as a share of the eligible members at the opening. */
  quorumPercent: percent.default(5),
  votes: z
    .strictObject({
      ordinary: VoteRule,
      benefitReduction: VoteRule,
      feeIncrease: VoteRule,
      dissolution: VoteRule,
    })
    .default({
      ordinary: { vote: false, thresholdPercent: 50, comparison: "moreThan" },
      benefitReduction: { vote: true, thresholdPercent: 75, comparison: "atLeast" },
      feeIncrease: { vote: true, thresholdPercent: 75, comparison: "atLeast" },
      dissolution: { vote: true, thresholdPercent: 75, comparison: "atLeast" },
    }),
});
export type Charter = z.output<typeof Charter>;
export type CharterInput = z.input<typeof Charter>;

/** The default charter a plan gets at installation: co-deliberation with 15 days' notice, votes on reductions. */
export const defaultCharter = (effective: string): Charter => Charter.parse({ effective });

/** The charter in force on a day: the latest version effective on or before it. */
export function charterOn(charters: readonly Charter[], day: string): Charter | undefined {
  let found: Charter | undefined;
  for (const c of [...charters].sort((a, b) => (a.effective < b.effective ? -1 : 1)))
    if (c.effective <= day) found = c;
  return found;
}
