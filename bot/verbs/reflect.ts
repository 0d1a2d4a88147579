// "Efter samtale": the reflection card after a conversation, and its submission. A doubtful match or a
// wish for sparring tells the coordinator at once — the case code and the flag, never the answers.
import { randomUUID } from "node:crypto";
import { submittedValues, type Problem } from "../../src/domain/forms";
import type { Case } from "../../src/domain/model";
import { openPlan } from "../../src/domain/preparation";
import { forKind, REFLECTION_QUESTIONS, ROUND_OFF } from "../../src/domain/questions";
import {
  decideReflection,
  goalField,
  progressDue,
  REFL_TEXT_FIELDS,
  SCORES_0_10,
  SCORES_1_10,
  startingScores,
  type ReflectionEntry,
} from "../../src/domain/reflection";
import doneTemplate from "../cards/done.json";
import { concernAction } from "./concern";
import reflectionTemplate from "../cards/reflection.json";
import { render } from "../cards/render";
import type { Reply, VerbContext } from "../context";
import { fill } from "../locale";
import { reachable } from "../../src/domain/corps";
import { correctedCard, kindTitle, longTime, problemView, shortQuestion, submitCorrection, submitEntry, withCase } from "./shared";

/**
 * The reflection in two minutes: what the mentor planned, question 1, the goal scales (at the last score), the
 * progress when due, match, help, the lifeline — and questions 2–6, the reasons for match and help and the agreements
 * behind "Uddyb refleksionen", never required.
 */
const MORE = ["r2", "r3", "r4", "r5", "r6", "r7", "r8", "agreements"] as const;

function question(ctx: VerbContext, c: Case, i: number): string {
  return forKind(REFLECTION_QUESTIONS[i][ctx.lang], c.kind);
}

function labels(ctx: VerbContext, c: Case): Record<string, string> {
  const out: Record<string, string> = { progress: ctx.t.reflect.progress, sparring: ctx.t.reflect.sparringLabel, lifeline: shortQuestion(ROUND_OFF.lifeline[ctx.lang]) };
  REFLECTION_QUESTIONS.forEach((_, i) => (out[`r${i + 1}`] = shortQuestion(question(ctx, c, i))));
  out.match = shortQuestion(question(ctx, c, 6));
  out.r7 = ctx.t.reflect.matchWhy;
  out.r8 = ctx.t.reflect.helpWhat;
  out.agreements = shortQuestion(ROUND_OFF.agreements[ctx.lang]);
  for (const g of c.goalForm.goals) out[goalField(g.id)] = g.text;
  return out;
}

/** `correcting`: the stored reflection the card corrects (filled in from it; progress asked if it was then). */
export function reflectionCard(
  ctx: VerbContext,
  c: Case,
  given: Record<string, string> = {},
  problems: readonly Problem[] = [],
  correcting?: ReflectionEntry,
): Reply {
  const values: Record<string, string> = {
    ...Object.fromEntries([...REFL_TEXT_FIELDS, "agreements"].map((f) => [f, ""])),
    ...Object.fromEntries(c.goalForm.goals.map((g) => [goalField(g.id), g.score === undefined ? "" : String(g.score)])),
    match: "",
    sparring: "false",
    progress: "",
    lifeline: "",
    ...given,
  };
  const plan = correcting ? undefined : openPlan(c);
  const startedAt = startingScores(c, correcting);
  const focus = plan ? c.goalForm.goals.filter((g) => plan.focusGoalIds.includes(g.id)).map((g) => g.text) : [];
  const moreLabels: Record<(typeof MORE)[number], string> = {
    r2: question(ctx, c, 1),
    r3: question(ctx, c, 2),
    r4: question(ctx, c, 3),
    r5: question(ctx, c, 4),
    r6: question(ctx, c, 5),
    r7: ctx.t.reflect.matchWhy,
    r8: ctx.t.reflect.helpWhat,
    agreements: ROUND_OFF.agreements[ctx.lang],
  };
  const lbl = labels(ctx, c);
  return {
    card: render(reflectionTemplate, {
      t: ctx.t,
      title: fill(correcting ? ctx.t.correct.reflectTitle : ctx.t.reflect.title, { code: c.code }),
      subtitle: kindTitle(ctx, c),
      ...problemView(ctx, problems, lbl),
      hasPlan: !!plan,
      plan: plan?.text ?? "",
      // Opened before the conversation's time: say so (the reflection is about a conversation that has taken place).
      upcoming: plan?.plannedAt && Date.parse(plan.plannedAt) > ctx.clock().getTime() ? fill(ctx.t.notHeld.upcoming, { time: longTime(ctx, plan.plannedAt) }) : "",
      focus: focus.length ? fill(ctx.t.reflect.focus, { goals: focus.join("; ") }) : "",
      q1Label: question(ctx, c, 0),
      goals: c.goalForm.goals.map((g) => ({
        id: goalField(g.id),
        label: startedAt.get(g.id) === undefined ? g.text : fill(ctx.t.reflect.goalLast, { goal: g.text, score: startedAt.get(g.id)! }),
        value: values[goalField(g.id)],
      })),
      scale0to10: SCORES_0_10,
      scale1to10: SCORES_1_10,
      progressDue: correcting ? correcting.progress !== undefined : progressDue(c, ctx.clock()),
      matchLabel: question(ctx, c, 6),
      helpLabel: question(ctx, c, 7),
      lifelineLabel: ROUND_OFF.lifeline[ctx.lang],
      questions: MORE.map((f) => ({ id: f, label: moreLabels[f], value: values[f] })),
      // Opened when something behind it was written or is refused, so a handed-back card shows it.
      moreOpen: MORE.some((f) => values[f].trim() !== "" || problems.some((p) => p.field === f)),
      values,
      caseId: c.id,
      cardVersion: c.version,
      submissionId: given.submissionId ?? randomUUID(),
      correctsId: correcting?.id ?? "",
      saveTitle: correcting ? ctx.t.correct.save : ctx.t.reflect.save,
    }),
  };
}

export async function reflectOpen(ctx: VerbContext, data: unknown): Promise<Reply> {
  return withCase(ctx, data, "reflect.open", ctx.t.menu.reflect, (c) => reflectionCard(ctx, c));
}

/**
 * The done card. `told`: whether the coordinator is being told about the entry's flags (the message goes out after
 * this answer; if Teams refuses it for a while, the job tries again) — undefined when nothing was flagged.
 */
function doneCard(ctx: VerbContext, c: Case, entry: ReflectionEntry, told: boolean | undefined): Reply {
  const notes = [
    ...(told === true ? [ctx.t.reflect.notified] : told === false ? [ctx.t.reflect.notReachable] : []),
    ...(c.status === "closing" ? [ctx.t.reflect.closingOffer] : []),
  ];
  return {
    card: render(doneTemplate, {
      t: ctx.t,
      title: fill(ctx.t.reflect.saved, { code: c.code }),
      subtitle: kindTitle(ctx, c),
      facts: [
        ...entry.goalScores.map((s) => ({
          title: c.goalForm.goals.find((g) => g.id === s.goalId)?.text ?? ctx.t.reflect.goalFact,
          value: s.previous === undefined || s.previous === s.score ? `${s.score}/10` : fill(ctx.t.reflect.changed, { score: s.score, previous: s.previous }),
        })),
        ...(entry.progress !== undefined ? [{ title: ctx.t.reflect.progressFact, value: `${entry.progress}/10` }] : []),
      ],
      notes,
      actions: [
        ...(c.status === "closing" ? [{ title: ctx.t.closing.menuTitle, verb: "closing.open", data: { verb: "closing.open", caseId: c.id } }] : []),
        { title: ctx.t.menu.prepare, verb: "prepare.open", data: { verb: "prepare.open", caseId: c.id } },
        { title: ctx.t.common.menu, verb: "menu", data: { verb: "menu" } },
        concernAction(ctx, c.id),
      ],
    }),
  };
}

export async function reflectSubmit(ctx: VerbContext, data: unknown): Promise<Reply> {
  if (submittedValues(data).correctsId) {
    const fixed = await submitCorrection<ReflectionEntry>(ctx, data, {
      name: "reflect",
      type: "reflection",
      reopenVerb: "reflect.open",
      decide: decideReflection,
      handBack: (c, values, problems, old) => reflectionCard(ctx, c, values, problems, old),
    });
    return "reply" in fixed ? fixed.reply : correctedCard(ctx, fixed.case, fixed.entry);
  }
  const done = await submitEntry(ctx, data, {
    name: "reflect",
    reopenVerb: "reflect.open",
    decide: decideReflection,
    handBack: (c, values, problems) => reflectionCard(ctx, c, values, problems),
  });
  if ("reply" in done) return done.reply;
  const raised = done.entry.match !== "ja" || done.entry.wantsSparring;
  // Flags are stored on the case either way; the note says whether Løft can reach the coordinator in Teams (their chat,
  // or one Løft can start from the team's roster).
  const coordinator = raised ? await ctx.repos.members.get(done.case.corpsId, done.case.coordinatorId) : undefined;
  return doneCard(ctx, done.case, done.entry, raised ? reachable(ctx.who.corps, coordinator) : undefined);
}
