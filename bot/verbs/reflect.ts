// "Efter samtale": the reflection card after a conversation, and its submission. A doubtful match or a
// wish for sparring tells the coordinator at once — the case code and the flag, never the answers.
import { randomUUID } from "node:crypto";
import type { Problem } from "../../src/domain/forms";
import type { Case } from "../../src/domain/model";
import { REFLECTION_QUESTIONS } from "../../src/domain/questions";
import {
  applyReflection,
  decideReflection,
  goalField,
  progressDue,
  REFL_REQUIRED,
  SCORES_0_10,
  SCORES_1_10,
  type CoordinatorFlag,
  type ReflectionEntry,
} from "../../src/domain/reflection";
import doneTemplate from "../cards/done.json";
import reflectionTemplate from "../cards/reflection.json";
import { render } from "../cards/render";
import type { Reply, VerbContext } from "../context";
import { fill } from "../locale";
import { decideSubmission, forgetConversation, kindLabel, problemSentences, saveOnce, shortQuestion, withCase } from "./shared";

/** Questions 1–6 are free text here; 7 (match) and 8 (help) have their own inputs on the card. */
const FREE_TEXT = ["r1", "r2", "r3", "r4", "r5", "r6"] as const;

function labels(ctx: VerbContext, c: Case): Record<string, string> {
  const out: Record<string, string> = { progress: ctx.t.reflect.progress, sparring: ctx.t.reflect.sparringLabel };
  REFLECTION_QUESTIONS.forEach((q, i) => (out[`r${i + 1}`] = shortQuestion(q[ctx.lang])));
  out.match = shortQuestion(REFLECTION_QUESTIONS[6][ctx.lang]);
  out.r7 = ctx.t.reflect.matchWhy;
  for (const g of c.goalForm.goals) out[goalField(g.id)] = g.text;
  return out;
}

export function reflectionCard(ctx: VerbContext, c: Case, given: Record<string, string> = {}, problems: readonly Problem[] = []): Reply {
  const values: Record<string, string> = {
    ...Object.fromEntries(["r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8"].map((f) => [f, ""])),
    ...Object.fromEntries(c.goalForm.goals.map((g) => [goalField(g.id), g.score === undefined ? "" : String(g.score)])),
    match: "",
    sparring: "false",
    progress: "",
    ...given,
  };
  return {
    card: render(reflectionTemplate, {
      t: ctx.t,
      title: fill(ctx.t.reflect.title, { code: c.code }),
      subtitle: kindLabel(ctx, c),
      problems: problemSentences(ctx, problems, labels(ctx, c)),
      goals: c.goalForm.goals.map((g) => ({ id: goalField(g.id), label: g.text, value: values[goalField(g.id)] })),
      scale0to10: SCORES_0_10,
      scale1to10: SCORES_1_10,
      progressDue: progressDue(c, ctx.clock()),
      questions: FREE_TEXT.map((f, i) => ({
        id: f,
        label: `${i + 1}. ${REFLECTION_QUESTIONS[i][ctx.lang]}`,
        required: (REFL_REQUIRED as readonly string[]).includes(f),
        value: values[f],
      })),
      matchLabel: `7. ${REFLECTION_QUESTIONS[6][ctx.lang]}`,
      helpLabel: `8. ${REFLECTION_QUESTIONS[7][ctx.lang]}`,
      values,
      caseId: c.id,
      cardVersion: c.version,
      submissionId: given.submissionId ?? randomUUID(),
    }),
  };
}

export async function reflectOpen(ctx: VerbContext, data: unknown): Promise<Reply> {
  return withCase(ctx, data, "reflect.open", ctx.t.menu.reflect, (c) => reflectionCard(ctx, c));
}

/** Tells the coordinator (proactively, in their personal chat with Løft). */
async function notifyCoordinator(ctx: VerbContext, c: Case, flag: CoordinatorFlag): Promise<boolean> {
  const coordinator = await ctx.repos.members.get(c.corpsId, c.coordinatorId);
  if (!coordinator?.conversation) {
    ctx.log.warn({ event: "notify.unreachable", caseId: c.id, coordinator: c.coordinatorId }, "coordinator not reachable");
    return false;
  }
  const t = ctx.catalogueFor(coordinator.locale);
  const flags = [
    ...(flag.match ? [fill(t.notify.match, { match: flag.match })] : []),
    ...(flag.wantsSparring ? [t.notify.sparring] : []),
  ].join(", ");
  const text = fill(t.notify.flag, { coach: ctx.who.member.name, code: c.code, flags });
  const outcome = await ctx.messenger.send(coordinator.conversation, { text });
  if (outcome === "gone") await forgetConversation(ctx, coordinator.corpsId, coordinator.aadObjectId);
  ctx.log.info({ event: `notify.${outcome}`, caseId: c.id, coordinator: c.coordinatorId }, "coordinator notified");
  return outcome === "sent";
}

function doneCard(ctx: VerbContext, c: Case, entry: ReflectionEntry, notified: boolean | undefined): Reply {
  const notes = [
    ...(notified === true ? [ctx.t.reflect.notified] : notified === false ? [ctx.t.reflect.notReachable] : []),
    ...(c.status === "closing" ? [ctx.t.reflect.closingOffer] : []),
  ];
  return {
    card: render(doneTemplate, {
      t: ctx.t,
      title: fill(ctx.t.reflect.saved, { code: c.code }),
      subtitle: kindLabel(ctx, c),
      facts: [
        ...entry.goalScores.map((s) => ({
          title: c.goalForm.goals.find((g) => g.id === s.goalId)?.text ?? ctx.t.reflect.goalFact,
          value: `${s.score}/10`,
        })),
        ...(entry.progress !== undefined ? [{ title: ctx.t.reflect.progressFact, value: `${entry.progress}/10` }] : []),
      ],
      notes,
      actions: [
        ...(c.status === "closing" ? [{ title: ctx.t.closing.menuTitle, verb: "closing.open", data: { verb: "closing.open", caseId: c.id } }] : []),
        { title: ctx.t.menu.prepare, verb: "prepare.open", data: { verb: "prepare.open", caseId: c.id } },
        { title: ctx.t.common.menu, verb: "menu", data: { verb: "menu" } },
      ],
    }),
  };
}

export async function reflectSubmit(ctx: VerbContext, data: unknown): Promise<Reply> {
  const d = await decideSubmission(ctx, data, {
    name: "reflect",
    reopenVerb: "reflect.open",
    decide: decideReflection,
    handBack: (c, values, problems) => reflectionCard(ctx, c, values, problems),
  });
  if ("reply" in d) return d.reply;
  const c = d.got.doc;
  const { entry, replay } = await saveOnce(ctx, d.ok.entry);
  if (replay) {
    ctx.log.info({ event: "reflect.replayed", caseId: c.id, entryId: entry.id }, "reflection replayed");
    return doneCard(ctx, c, entry, undefined);
  }
  // The case's read model (last reflection, goal scores, progress); an ETag guards against a concurrent change.
  const { after } = await ctx.repos.cases.update(c.corpsId, c.id, d.got, (fresh) => applyReflection(fresh, entry));
  const notified = d.ok.flag ? await notifyCoordinator(ctx, c, d.ok.flag) : undefined;
  ctx.log.info({ event: "reflect.saved", caseId: c.id, entryId: entry.id, flagged: !!d.ok.flag }, "reflection saved");
  return doneCard(ctx, after, entry, notified);
}
