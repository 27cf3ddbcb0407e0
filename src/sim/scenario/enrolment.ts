import { fen } from "../../domain/money.ts";
import type { Plan } from "../../domain/plan/document.ts";
import { ruleVersionOn } from "../../domain/plan/document.ts";
import { depositFeeFen, firstDepositMet } from "../../domain/plan/fees.ts";
import type { Problem } from "../../domain/result.ts";
import type { Scenario } from "./input.ts";

/**
 * The joins the live system refuses, refused by the runner too: a cohort joining inside the scenario
 * must pay a prepaid plan's first deposit (`deposit` is then what it pays). A cohort joined before
 * `from` carries its balance in: `deposit` is what it holds on the first day.
 */
export function enrolmentProblems(scenario: Scenario, plan: Plan): Problem[] {
  const problems: Problem[] = [];
  scenario.cohorts.forEach((c, i) => {
    if (c.joined < scenario.from || c.deposit === undefined) return;
    const rules = ruleVersionOn(plan, c.joined)?.rules;
    if (!rules || rules.funding.mode !== "prepaid") return;
    const held = fen(c.deposit - depositFeeFen(rules, fen(c.deposit)));
    if (!firstDepositMet(rules, held))
      problems.push({
        code: "insufficient_balance",
        message: `${plan.id} needs a first deposit of ${rules.funding.initialDeposit / 100} yuan at joining (as live): ${c.name} pays ${c.deposit / 100}`,
        field: `cohorts.${i}.deposit`,
      });
  });
  return problems;
}
