import { type CivilDate, daysBetween, partsOf } from "../calendar.ts";
import { type Fen, fen, percentOfFen } from "../money.ts";
import type { Rules } from "./schema.ts";

/** The management fee one approved case adds to the cost shared: % of benefit and tiered amounts. */
export function caseFeeFen(rules: Rules, benefitFen: Fen): Fen {
  let total = 0;
  for (const fee of rules.fees) {
    if (fee.kind === "percentOfBenefit") total += percentOfFen(benefitFen, fee.percent);
    if (fee.kind === "tieredPerCase") {
      const band = fee.bands.find((b) => b.benefitUpTo === undefined || benefitFen <= b.benefitUpTo);
      total += band ? band.fee : 0;
    }
  }
  return fen(total);
}

/** A fee taken as a percentage on top of a cycle's cost (抗癌公社: 1% of the collection). */
export function collectionFeeFen(rules: Rules, costFen: Fen): Fen {
  let total = 0;
  for (const fee of rules.fees)
    if (fee.kind === "percentOfCollection") total += percentOfFen(costFen, fee.percent);
  return fen(total);
}

/** Calendar months entered in (afterDate, onDate]: the count of first-of-month days in that span. */
export function monthStartsBetween(afterDate: CivilDate, onDate: CivilDate): number {
  const a = partsOf(afterDate);
  const b = partsOf(onDate);
  return Math.max(0, b.year * 12 + b.month - (a.year * 12 + a.month));
}

/**
 * The periodic fee one member owes for the span (afterDate, onDate]: monthly fees for each month
 * entered, daily fees for each day. Charged with the cycle that closes the span.
 */
export function memberFeeFen(rules: Rules, afterDate: CivilDate, onDate: CivilDate): Fen {
  let total = 0;
  for (const fee of rules.fees) {
    if (fee.kind === "perMemberMonthly") total += fee.amount * monthStartsBetween(afterDate, onDate);
    if (fee.kind === "perMemberDaily") total += fee.amount * Math.max(0, daysBetween(afterDate, onDate));
  }
  return fen(total);
}

/** Whether the rules charge members a periodic fee (per month or per day) with each cycle. */
export function hasPeriodicFees(rules: Rules): boolean {
  return rules.fees.some((f) => f.kind === "perMemberMonthly" || f.kind === "perMemberDaily");
}

/** The fee taken from a deposit or top-up (轻松 2016: 2% of deposits). */
export function depositFeeFen(rules: Rules, amountFen: Fen): Fen {
  let total = 0;
  for (const fee of rules.fees)
    if (fee.kind === "percentOfDeposits") total += percentOfFen(amountFen, fee.percent);
  return fen(total);
}

/**
 * A prepaid plan's first deposit is met when the balance at joining holds it less the deposit fee that
 * paying it took (轻松 2016: 10 yuan paid, 9.80 held). The one rule of the live join and the runner's.
 */
export function firstDepositMet(rules: Rules, heldFen: Fen): boolean {
  const f = rules.funding;
  if (f.mode !== "prepaid") return true;
  return heldFen >= f.initialDeposit - depositFeeFen(rules, fen(f.initialDeposit));
}
