// "Mine forløb": the coach's active cases by pseudonymous code, with their goals and where to go next.
import casesTemplate from "../cards/cases.json";
import { render } from "../cards/render";
import type { Reply, VerbContext } from "../context";
import { fill } from "../locale";
import { INSTRUMENTS } from "../../src/domain/instruments";
import type { Case } from "../../src/domain/model";
import { caseDetail, kindLabel, openCasesOf } from "./shared";

/** "Progression: 3 → 5 → 6", "WHO-5: 48 → 64" — the case over time. */
function measureLines(ctx: VerbContext, c: Case): string[] {
  const lines: string[] = [];
  if (c.progress?.length) lines.push(`${ctx.t.reflect.progressFact}: ${c.progress.map((p) => p.value).join(" → ")}`);
  for (const id of ["who5", "gse"] as const) {
    const m = c.measures?.[id];
    if (m?.pre || m?.post) lines.push(`${INSTRUMENTS[id].name[ctx.lang]}: ${[m.pre?.score, m.post?.score].filter((x) => x !== undefined).join(" → ")}`);
  }
  return lines;
}

export async function casesList(ctx: VerbContext): Promise<Reply> {
  const listed = await openCasesOf(ctx);
  const got = await Promise.all(listed.map((i) => ctx.cases.get(i.id, "coach")));
  // The index may lag a reassignment by a moment: show only what the case itself says is theirs and open.
  const cases = got
    .map((v) => v?.doc)
    .filter((c): c is Case => !!c && c.coachId.toLowerCase() === ctx.who.member.aadObjectId.toLowerCase() && c.status !== "closed");
  return {
    card: render(casesTemplate, {
      t: ctx.t,
      gseName: INSTRUMENTS.gse.name[ctx.lang],
      cases: cases.map((c) => ({
        id: c.id,
        code: c.code,
        kindLabel: kindLabel(ctx, c),
        statusLabel: ctx.t.common.caseStatus[c.status],
        closing: c.status === "closing",
        workable: c.status !== "paused",
        detail: caseDetail(ctx, c),
        goals: c.goalForm.goals.map((g) => fill(ctx.t.cases.goal, { text: g.text, score: g.score ?? "–" })),
        measures: measureLines(ctx, c),
      })),
    }),
  };
}
