// "Forbered samtale": the preparation card before a conversation, and its submission.
import { randomUUID } from "node:crypto";
import { submittedValues, type Problem } from "../../src/domain/forms";
import type { Case } from "../../src/domain/model";
import {
  decidePreparation,
  firstConversationsAhead,
  PREP_REQUIRED,
  PREP_TEXT_FIELDS,
  SAFETY_KEYS,
  safetyField,
  safetyInPlace,
  type PreparationEntry,
} from "../../src/domain/preparation";
import { FIRST_CONVERSATIONS, forKind, LOFT_QUESTIONS, PREPARATION_QUESTIONS, SAFETY_ANSWER_TEXT, SAFETY_ANSWERS, SAFETY_CHECKS } from "../../src/domain/questions";
import { missingMeasures } from "../../src/domain/measures";
import { localDate, reflectionNudgeAt } from "../../src/domain/time";
import doneTemplate from "../cards/done.json";
import { concernAction } from "./concern";
import { formText } from "./conversation-form";
import preparationTemplate from "../cards/preparation.json";
import { render } from "../cards/render";
import type { Reply, VerbContext } from "../context";
import { fill } from "../locale";
import { correctedCard, kindTitle, longTime, measureAction, problemView, shortDate, shortQuestion, submitCorrection, submitEntry, withCase } from "./shared";

function labels(ctx: VerbContext, kind: Case["kind"]): Record<string, string> {
  const out: Record<string, string> = {
    focusGoals: ctx.t.prepare.focusGoals,
    plannedDate: ctx.t.prepare.plannedDate,
    plannedTime: ctx.t.prepare.plannedTime,
    ...Object.fromEntries(SAFETY_KEYS.map((k) => [safetyField(k), shortQuestion(SAFETY_CHECKS[k][ctx.lang])])),
  };
  PREP_TEXT_FIELDS.forEach((f, i) => (out[f] = shortQuestion(forKind(PREPARATION_QUESTIONS[i][ctx.lang], kind))));
  return out;
}

/** `correcting`: the stored preparation the card corrects (filled in from it). */
export function preparationCard(
  ctx: VerbContext,
  c: Case,
  given: Record<string, string> = {},
  problems: readonly Problem[] = [],
  correcting?: PreparationEntry,
): Reply {
  const values: Record<string, string> = {
    q1: "",
    q2: "",
    q3: "",
    q4: "",
    focusGoals: "",
    ...Object.fromEntries(SAFETY_KEYS.map((k) => [safetyField(k), ""])),
    plannedDate: localDate(ctx.clock()),
    plannedTime: "",
    ...given,
  };
  const firstConversations = firstConversationsAhead(c);
  return {
    card: render(preparationTemplate, {
      t: ctx.t,
      title: fill(correcting ? ctx.t.correct.prepareTitle : ctx.t.prepare.title, { code: c.code }),
      subtitle: kindTitle(ctx, c),
      ...problemView(ctx, problems, labels(ctx, c.kind)),
      lastReflection: c.lastReflection ? c.lastReflection.text : "",
      citizenGoals: c.conversationForm ? formText(ctx, c.conversationForm) : "",
      checklist: firstConversations
        ? FIRST_CONVERSATIONS[c.kind].map((g) => ({ heading: g.heading[ctx.lang], items: g.items.map((i) => `- ${i[ctx.lang]}`).join("\n") }))
        : [],
      firstDone: given.firstDone === "true" ? "true" : "false",
      goals: c.goalForm.goals.map((g) => ({ id: g.id, title: g.score === undefined ? g.text : `${g.text} (${g.score}/10)` })),
      questions: PREP_TEXT_FIELDS.map((f, i) => ({
        id: f,
        label: `${i + 1}. ${forKind(PREPARATION_QUESTIONS[i][ctx.lang], c.kind)}`,
        required: (PREP_REQUIRED as readonly string[]).includes(f),
        value: values[f],
      })),
      safety: SAFETY_KEYS.map((k) => ({ id: safetyField(k), label: SAFETY_CHECKS[k][ctx.lang], value: values[safetyField(k)] })),
      safetyAnswers: SAFETY_ANSWERS.map((a) => ({ value: a, title: SAFETY_ANSWER_TEXT[a][ctx.lang] })),
      loft: [...LOFT_QUESTIONS.basic.map((q, i) => `${i + 1}. ${q[ctx.lang]}`), `- ${LOFT_QUESTIONS.solution[ctx.lang]}`, `- ${LOFT_QUESTIONS.exception[ctx.lang]}`].join("\n"),
      values,
      caseId: c.id,
      cardVersion: c.version,
      submissionId: given.submissionId ?? randomUUID(),
      correctsId: correcting?.id ?? "",
      saveTitle: correcting ? ctx.t.correct.save : ctx.t.prepare.save,
    }),
  };
}

/** Fills in the "Sidst skrev du (dato)" heading with the date of the last reflection. */
function withLastDate(ctx: VerbContext, c: Case): VerbContext {
  if (!c.lastReflection) return ctx;
  return { ...ctx, t: { ...ctx.t, prepare: { ...ctx.t.prepare, lastTime: fill(ctx.t.prepare.lastTime, { date: shortDate(ctx, c.lastReflection.at) }) } } };
}

export async function prepareOpen(ctx: VerbContext, data: unknown): Promise<Reply> {
  return withCase(ctx, data, "prepare.open", ctx.t.menu.prepare, (c) => preparationCard(withLastDate(ctx, c), c));
}

function doneCard(ctx: VerbContext, c: Case, entry: PreparationEntry): Reply {
  const safe = safetyInPlace(entry.safety);
  const held = Date.parse(entry.plannedAt!) <= ctx.clock().getTime();
  const focus = c.goalForm.goals.filter((g) => entry.focusGoalIds.includes(g.id)).map((g) => g.text);
  const nudgeAt = reflectionNudgeAt(new Date(entry.plannedAt!), ctx.who.corps.extraDaysOff);
  const missingPre = missingMeasures(c, "pre");
  return {
    card: render(doneTemplate, {
      t: ctx.t,
      title: fill(ctx.t.prepare.saved, { code: c.code }),
      subtitle: kindTitle(ctx, c),
      facts: [
        { title: ctx.t.prepare.planned, value: longTime(ctx, entry.plannedAt!) },
        ...(focus.length ? [{ title: ctx.t.prepare.focus, value: focus.join("; ") }] : []),
        { title: ctx.t.prepare.safetyFact, value: safe ? ctx.t.prepare.safetyAll : ctx.t.prepare.safetyMissing },
      ],
      // A time already past asks whether the conversation was held, rather than promise a reminder seconds away.
      notes: [held ? ctx.t.prepare.alreadyHeld : fill(ctx.t.prepare.nudge, { time: longTime(ctx, nudgeAt.toISOString()) }), ...(missingPre.length ? [ctx.t.measure.remindPre] : [])],
      actions: [
        { title: ctx.t.reflect.action, verb: "reflect.open", data: { verb: "reflect.open", caseId: c.id } },
        ...missingPre.map((id) => measureAction(ctx, id, c.id)),
        { title: ctx.t.common.menu, verb: "menu", data: { verb: "menu" } },
        concernAction(ctx, c.id),
      ],
    }),
  };
}

export async function prepareSubmit(ctx: VerbContext, data: unknown): Promise<Reply> {
  if (submittedValues(data).correctsId) {
    const fixed = await submitCorrection<PreparationEntry>(ctx, data, {
      name: "prepare",
      type: "preparation",
      reopenVerb: "prepare.open",
      decide: decidePreparation,
      handBack: (c, values, problems, old) => preparationCard(withLastDate(ctx, c), c, values, problems, old),
    });
    return "reply" in fixed ? fixed.reply : correctedCard(ctx, fixed.case, fixed.entry);
  }
  const done = await submitEntry(ctx, data, {
    name: "prepare",
    reopenVerb: "prepare.open",
    decide: decidePreparation,
    handBack: (c, values, problems) => preparationCard(withLastDate(ctx, c), c, values, problems),
  });
  return "reply" in done ? done.reply : doneCard(ctx, done.case, done.entry);
}
