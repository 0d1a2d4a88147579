// "Mine forløb": the coach's open cases by pseudonymous code, the next step for each, and each case's own card with
// everything else (measures, closing, correcting an entry).
import caseTemplate from "../cards/case.json";
import casesTemplate from "../cards/cases.json";
import { render } from "../cards/render";
import type { Reply, VerbContext } from "../context";
import { fill } from "../locale";
import { indexItemOf, nextStep } from "../../src/domain/derive";
import { INSTRUMENTS } from "../../src/domain/instruments";
import type { Case } from "../../src/domain/model";
import { monthName } from "../../src/domain/time";
import { owedStatuses, type OwedStatus } from "./checkin";
import { caseDetail, kindLabel, OpenData, openCasesOf, planDetail, staleReply } from "./shared";

/** "Progression: 3 → 5 → 6 af 10", "WHO-5: 48 → 64 af 100" — the case over time, each on its scale. */
function measureLines(ctx: VerbContext, c: Case): string[] {
  const lines: string[] = [];
  if (c.progress?.length) lines.push(fill(ctx.t.cases.onScale, { name: ctx.t.reflect.progressFact, scores: c.progress.map((p) => p.value).join(" → "), max: 10 }));
  for (const id of ["who5", "gse"] as const) {
    const m = c.measures?.[id];
    const scores = [m?.pre?.score, m?.post?.score].filter((x) => x !== undefined);
    if (scores.length) lines.push(fill(ctx.t.cases.onScale, { name: INSTRUMENTS[id].name[ctx.lang], scores: scores.join(" → "), max: INSTRUMENTS[id].maxScore }));
  }
  return lines;
}

/** What the list and the case card show of a case; `owed`: the coach's status answers still owed. */
function caseView(ctx: VerbContext, c: Case, owed: readonly OwedStatus[]) {
  const owedHere = owed.find((o) => o.case.id === c.id);
  const item = indexItemOf(c);
  const next = nextStep(item, ctx.clock());
  const nextTitle = { "reflect.open": ctx.t.reflect.action, "closing.open": ctx.t.closing.menuTitle, "prepare.open": ctx.t.menu.prepare }[next];
  return {
    id: c.id,
    code: c.code,
    kindLabel: kindLabel(ctx, c),
    statusLabel: ctx.t.common.caseStatus[c.status],
    closing: c.status === "closing",
    workable: c.status !== "paused",
    plan: planDetail(ctx, item),
    detail: caseDetail(ctx, item),
    next: { title: nextTitle, verb: next },
    goals: c.goalForm.goals.map((g) => fill(ctx.t.cases.goal, { text: g.text, score: g.score ?? "–" })),
    citizenGoals: (c.conversationForm?.goals ?? []).map((g) => `- ${g}`).join("\n"),
    measures: measureLines(ctx, c),
    owedText: owedHere ? fill(ctx.t.checkin.owedCase, { month: monthName(owedHere.month, ctx.lang) }) : "",
    owedMonth: owedHere?.month ?? "",
  };
}

export async function casesList(ctx: VerbContext): Promise<Reply> {
  const listed = await openCasesOf(ctx);
  const got = await Promise.all(listed.map((i) => ctx.cases.get(i.id, "coach")));
  // The index may lag a reassignment by a moment: show only what the case itself says is theirs and open.
  const cases = got
    .map((v) => v?.doc)
    .filter((c): c is Case => !!c && c.coachId.toLowerCase() === ctx.who.member.aadObjectId.toLowerCase() && c.status !== "closed");
  const owed = cases.length ? await owedStatuses(ctx) : [];
  return { card: render(casesTemplate, { t: ctx.t, cases: cases.map((c) => caseView(ctx, c, owed)) }) };
}

/** The case's own card: its goals and measures, and every way on from it. A paused case shows, but offers no work. */
export async function caseOpen(ctx: VerbContext, data: unknown): Promise<Reply> {
  const caseId = OpenData.safeParse(data ?? {}).data?.caseId;
  if (!caseId) return casesList(ctx);
  const got = await ctx.cases.get(caseId, "coach");
  if (!got) return staleReply(ctx, "notFound", "cases.open", caseId);
  if (got.doc.status === "closed") return staleReply(ctx, "closed", "cases.open", caseId);
  return { card: render(caseTemplate, { t: ctx.t, gseName: INSTRUMENTS.gse.name[ctx.lang], ...caseView(ctx, got.doc, await owedStatuses(ctx)) }) };
}
