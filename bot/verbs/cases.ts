// "Mine forløb": the coach's active cases by pseudonymous code, with their goals and where to go next.
import casesTemplate from "../cards/cases.json";
import { render } from "../cards/render";
import type { Reply, VerbContext } from "../context";
import { fill } from "../locale";
import { activeCasesOf, caseDetail, kindLabel } from "./shared";

export async function casesList(ctx: VerbContext): Promise<Reply> {
  const cases = await activeCasesOf(ctx);
  return {
    card: render(casesTemplate, {
      t: ctx.t,
      cases: cases.map((c) => ({
        id: c.id,
        code: c.code,
        kindLabel: kindLabel(ctx, c),
        statusLabel: ctx.t.common.caseStatus[c.status],
        closing: c.status === "closing",
        detail: caseDetail(ctx, c),
        goals: c.goalForm.goals.map((g) => fill(ctx.t.cases.goal, { text: g.text, score: g.score ?? "–" })),
      })),
    }),
  };
}
