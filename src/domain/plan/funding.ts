import { addDays, type CivilDate } from "../calendar.ts";
import type { Fen } from "../money.ts";
import type { Funding } from "./schema.ts";

export type BalanceStanding = "covered" | "suspended";

/** A prepaid balance strictly under the floor suspends protection; exactly at the floor does not. */
export function balanceStanding(funding: Funding, balanceFen: Fen): BalanceStanding {
  if (funding.mode !== "prepaid") return "covered";
  return balanceFen < funding.floor ? "suspended" : "covered";
}

/** The last day a suspended member may top up; the participation ends the day after (if exitOnLapse). */
export function graceEndsOn(funding: Funding, suspendedOn: CivilDate): CivilDate | undefined {
  if (funding.mode !== "prepaid" || !funding.exitOnLapse) return undefined;
  return addDays(suspendedOn, funding.graceDays);
}
