// "Mine forløb": the coach's open cases by pseudonymous code, the next step for each, and each case's own card with
// everything else (measures, closing, correcting an entry).
import { afterReflectionOpen } from "../../src/domain/after-reflection";
import { afterOpen } from "./after-reflection";
import { randomUUID } from "node:crypto";
import caseTemplate from "../cards/case.json";
import casesTemplate from "../cards/cases.json";
import { render } from "../cards/render";
import type { Reply, VerbContext } from "../context";
import { fill } from "../locale";
import { indexItemOf, nextStep } from "../../src/domain/derive";
import { INSTRUMENTS } from "../../src/domain/instruments";
import { DIMENSIONS, inWork, type Case } from "../../src/domain/model";
import { monthName, shortDateOf } from "../../src/domain/time";
import { owedStatuses, type OwedStatus } from "./checkin";
import { formText } from "./conversation-form";
import { caseDetail, cueOf, kindLabel, OpenData, openCasesOf, planDetail, problemView, staleReply, type ListedCase } from "./shared";
import labelTemplate from "../cards/case-label.json";
import { decideCaseLabel, LABEL_FIELD, withLabel } from "../../src/domain/case-label";
import { submittedValues, type Problem } from "../../src/domain/forms";

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
function caseView(ctx: VerbContext, c: Case, owed: readonly OwedStatus[], label: string | undefined) {
  const owedHere = owed.find((o) => o.case.id === c.id);
  const item = indexItemOf(c);
  const next = nextStep(item, ctx.clock());
  const nextTitle = { "reflect.open": ctx.t.reflect.action, "closing.open": ctx.t.closing.menuTitle, "prepare.open": ctx.t.menu.prepare }[next];
  return {
    id: c.id,
    code: c.code,
    kindLabel: kindLabel(ctx, c),
    // The goals are listed right below: only the coach's own name for the case is added.
    cue: label ? cueOf(ctx, { label }) : "",
    statusLabel: ctx.t.common.caseStatus[c.status],
    closing: c.status === "closing",
    workable: c.status !== "paused",
    // The contact phase (the case has not started): what the coach is doing now.
    phase: c.status === "referred" ? ctx.t.cases.referred : c.status === "clarifying" ? ctx.t.cases.clarifying : "",
    plan: planDetail(ctx, item),
    detail: caseDetail(ctx, item),
    next: { title: nextTitle, verb: next },
    goals: c.goalForm.goals.map((g) => fill(ctx.t.cases.goal, { text: g.text, score: g.score ?? "–" })),
    // The whole målskema, as the coordinator wrote it with the infohus' assessment (001 §4.1–4.2: "en rød tråd").
    agreed: c.goalsAgreed ? fill(ctx.t.cases.goalsAgreed, { date: shortDateOf(new Date(c.goalsAgreed.at), ctx.lang) }) : ctx.t.cases.goalsNotAgreed,
    worries: c.goalForm.worries.trim(),
    working: c.goalForm.working.trim(),
    assessment: (["risk", "resilience"] as const)
      .map((group) => ({ group, names: DIMENSIONS.filter((d) => d.group === group && c.referral.dimensions.includes(d.id)).map((d) => d.da) }))
      .filter((g) => g.names.length > 0)
      .map((g) => `${ctx.t.cases.dimensionGroups[g.group]}: ${g.names.join(", ")}`),
    citizenGoals: c.conversationForm ? formText(ctx, c.conversationForm) : "",
    measures: measureLines(ctx, c),
    owedText: owedHere ? fill(ctx.t.checkin.owedCase, { month: monthName(owedHere.month, ctx.lang) }) : "",
    owedMonth: owedHere?.month ?? "",
    /** «Bed om et møde»: one request per card shown (a double tap asks once). */
    askId: randomUUID(),
  };
}

export async function casesList(ctx: VerbContext): Promise<Reply> {
  const listed = await openCasesOf(ctx);
  const got = await Promise.all(listed.map((i) => ctx.cases.get(i.id, "coach")));
  // The index may lag a reassignment by a moment: show only what the case itself says is theirs and open.
  const cases = got
    .map((v) => v?.doc)
    .filter((c): c is Case => !!c && c.coachId.toLowerCase() === ctx.who.member.aadObjectId.toLowerCase() && c.status !== "closed");
  const owed = cases.length ? await owedStatuses(ctx, listed) : [];
  const labelOf = (id: string) => listed.find((i) => i.id === id)?.label;
  return { card: render(casesTemplate, { t: ctx.t, cases: cases.map((c) => caseView(ctx, c, owed, labelOf(c.id))) }) };
}

/** The case's own card: its goals and measures, and every way on from it. A paused case shows, but offers no work. */
export async function caseOpen(ctx: VerbContext, data: unknown): Promise<Reply> {
  const caseId = OpenData.safeParse(data ?? {}).data?.caseId;
  if (!caseId) return casesList(ctx);
  const got = await ctx.cases.get(caseId, "coach");
  if (!got) return staleReply(ctx, "notFound", "cases.open", caseId);
  // A closed case's card is the coach's after-reflection while it can be written (an old card of the case leads there).
  if (got.doc.status === "closed") return afterReflectionOpen(got.doc, ctx.clock()) ? afterOpen(ctx, { caseId }) : staleReply(ctx, "closed", "cases.open", caseId);
  return caseCard(ctx, got.doc);
}

/** The case's own card; `done`: a line saying what was just saved on it. */
async function caseCard(ctx: VerbContext, c: Case, done = ""): Promise<Reply> {
  const listed = await openCasesOf(ctx);
  const view = caseView(ctx, c, await owedStatuses(ctx, listed.filter((i) => inWork(i) || i.status === "closing")), listed.find((i) => i.id === c.id)?.label);
  return { card: render(caseTemplate, { t: ctx.t, gseName: INSTRUMENTS.gse.name[ctx.lang], done, ...view }) };
}

// ── The coach's own name for a case: only they see it ──────────────────────────────────────────

/** The coach's open case the card names (their index lists it), with their name for it; undefined otherwise. */
async function ownListed(ctx: VerbContext, data: unknown) {
  const caseId = OpenData.safeParse(data ?? {}).data?.caseId;
  return caseId ? (await openCasesOf(ctx)).find((i) => i.id === caseId) : undefined;
}

function labelCard(ctx: VerbContext, c: ListedCase, value: string, problems: readonly Problem[] = []): Reply {
  return {
    card: render(labelTemplate, {
      t: ctx.t,
      title: fill(ctx.t.cases.label.title, { code: c.code }),
      ...problemView(ctx, problems, { [LABEL_FIELD]: ctx.t.cases.label.field }),
      value,
      caseId: c.id,
    }),
  };
}

export async function caseLabel(ctx: VerbContext, data: unknown): Promise<Reply> {
  const c = await ownListed(ctx, data);
  return c ? labelCard(ctx, c, c.label ?? "") : staleReply(ctx, "notFound", "cases.list", "");
}

/** Saves the name (the empty text removes it) in the coach's own case index, then shows the case with it. */
export async function caseLabelSubmit(ctx: VerbContext, data: unknown): Promise<Reply> {
  const c = await ownListed(ctx, data);
  if (!c) return staleReply(ctx, "notFound", "cases.list", "");
  const values = submittedValues(data);
  const decision = decideCaseLabel(values);
  if (decision.kind === "refused") return labelCard(ctx, c, values[LABEL_FIELD] ?? "", decision.problems);
  try {
    await ctx.repos.caseIndex.update(ctx.who.corps.corpsId, ctx.who.member.aadObjectId, (ix) => (ix ? withLabel(ix, c.id, decision.label) : undefined));
  } catch (err) {
    ctx.log.error({ event: "cases.labelNotSaved", corpsId: ctx.who.corps.corpsId, caseId: c.id, err: { message: (err as Error).message } }, "case label not saved");
    return labelCard(ctx, c, values[LABEL_FIELD] ?? "", [{ field: "", code: "notSaved" }]);
  }
  ctx.log.info({ event: decision.label ? "cases.labelled" : "cases.labelRemoved", corpsId: ctx.who.corps.corpsId, caseId: c.id }, "case label");
  const got = await ctx.cases.get(c.id, "coach");
  if (!got) return staleReply(ctx, "notFound", "cases.list", "");
  const done = decision.label ? fill(ctx.t.cases.label.saved, { code: c.code }) : fill(ctx.t.cases.label.removed, { code: c.code });
  return caseCard(ctx, got.doc, done);
}
