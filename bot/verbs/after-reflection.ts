// The after-reflection over a closed case (src/domain/after-reflection.ts): the coach's part from their chat (the
// "closed" notice, or an old card of the case), the coordinator's part on the closed case, with the coach's answers
// above it. The same card for both; the coordinator's has the colleagues, the learning for the infohus and the themes.
import { randomUUID } from "node:crypto";
import {
  AFTER_FIELDS,
  afterReflectionOpen,
  afterReflectionParts,
  afterReflectionUntil,
  COLLEAGUES_FIELD,
  decideAfterReflection,
  LEARNING_FIELD,
  THEME_NAMES,
  THEMES,
  THEMES_FIELD,
} from "../../src/domain/after-reflection";
import type { Problem } from "../../src/domain/forms";
import type { AfterReflectionEntry, Case } from "../../src/domain/model";
import { AFTER_REFLECTION_QUESTIONS, forKind } from "../../src/domain/questions";
import afterTemplate from "../cards/after-reflection.json";
import doneTemplate from "../cards/done.json";
import { render } from "../cards/render";
import type { Reply, VerbContext } from "../context";
import { fill } from "../locale";
import { capitalised, kindTitle, problemView, shortDate, staleReply, submitEntry } from "./shared";

type Role = AfterReflectionEntry["role"];

/** The seven questions, said as the case's kind says them. */
const questionsOf = (ctx: VerbContext, c: Case) => AFTER_REFLECTION_QUESTIONS.map((q) => forKind(q[ctx.lang], c.kind));

/** A part's answers, question by question (only those answered), as the cards and the case card show them. */
export function partText(ctx: VerbContext, c: Case, part: AfterReflectionEntry | undefined): string {
  if (!part) return "";
  const qs = questionsOf(ctx, c);
  // Each question in italics over its answer (a blank line between: Teams joins single line breaks).
  const said = (q: string, a: string) => `_${q}_\n\n${a}`;
  const lines = part.answers.map((a, i) => ({ q: qs[i], a: a.trim() })).filter((x) => x.a).map((x) => said(x.q, x.a));
  if (part.colleagues) lines.push(said(ctx.t.after.colleagues, part.colleagues));
  if (part.learning) lines.push(said(ctx.t.after.learning, part.learning));
  if (part.themes?.length) lines.push(said(ctx.t.after.themes, part.themes.map((x) => THEME_NAMES[x][ctx.lang]).join(", ")));
  return lines.join("\n\n");
}

/** The after-reflection card of one role: its own last part filled in (or the answers handed back), the coach's above the coordinator's. */
function afterCard(ctx: VerbContext, c: Case, role: Role, parts: ReturnType<typeof afterReflectionParts>, given?: Record<string, string>, problems: readonly Problem[] = []): Reply {
  const own = parts[role];
  const qs = questionsOf(ctx, c);
  const value = (f: string, i?: number) => given?.[f] ?? (i === undefined ? "" : own?.answers[i] ?? "");
  const labels: Record<string, string> = Object.fromEntries(AFTER_FIELDS.map((f, i) => [f, `${i + 1}. ${qs[i]}`]));
  labels[COLLEAGUES_FIELD] = ctx.t.after.colleagues;
  labels[LEARNING_FIELD] = ctx.t.after.learning;
  labels[THEMES_FIELD] = ctx.t.after.themes;
  const coordinator = role === "coordinator";
  const coach = ctx.t.coord.theCoach[c.kind];
  return {
    card: render(afterTemplate, {
      t: ctx.t,
      title: fill(ctx.t.after.title, { code: c.code }),
      subtitle: kindTitle(ctx, c),
      ...problemView(ctx, problems, labels, { "": ctx.t.after.empty }),
      intro: coordinator ? fill(ctx.t.after.introCoordinator, { coach }) : ctx.t.after.introCoach,
      coachHeading: fill(ctx.t.after.coachHeading, { Coach: capitalised(coach) }),
      coachPart: coordinator ? partText(ctx, c, parts.coach) || fill(ctx.t.after.coachNone, { Coach: capitalised(coach) }) : "",
      isCoordinator: coordinator,
      questions: AFTER_FIELDS.map((id, i) => ({ id, label: labels[id], value: value(id, i) })),
      values: {
        colleagues: given?.[COLLEAGUES_FIELD] ?? own?.colleagues ?? "",
        learning: given?.[LEARNING_FIELD] ?? own?.learning ?? "",
        themes: given?.[THEMES_FIELD] ?? (own?.themes ?? []).join(","),
      },
      themes: THEMES.map((x) => ({ value: x, title: THEME_NAMES[x][ctx.lang] })),
      until: fill(ctx.t.after.until, { date: shortDate(ctx, afterReflectionUntil(c)!.toISOString()) }),
      saveVerb: coordinator ? "coord.afterSubmit" : "after.submit",
      backVerb: coordinator ? "coord.case" : "cases.list",
      backTitle: coordinator ? ctx.t.coord.caseTitleShort : ctx.t.cases.title,
      caseId: c.id,
      submissionId: given?.submissionId ?? randomUUID(),
    }),
  };
}

const partsOf = async (ctx: VerbContext, c: Case) => afterReflectionParts(await ctx.repos.entries.listForCase(c.corpsId, c.id));

/** The case a card names, as `role` may read it: a closed case still open for the after-reflection, or why not. */
async function closedCase(ctx: VerbContext, data: unknown, role: Role): Promise<Case | Reply> {
  const caseId = (data as { caseId?: string } | undefined)?.caseId;
  const got = caseId ? await ctx.cases.get(caseId, role) : undefined;
  const back = role === "coordinator" ? "coord.case" : "cases.list";
  if (!got || (role === "coach" && got.doc.coachId.toLowerCase() !== ctx.who.member.aadObjectId.toLowerCase())) return staleReply(ctx, "notFound", back, caseId ?? "");
  if (got.doc.status !== "closed") return staleReply(ctx, "notClosed", back, got.doc.id);
  if (!afterReflectionOpen(got.doc, ctx.clock())) return staleReply(ctx, "afterWindow", back, got.doc.id);
  return got.doc;
}

const isReply = (x: Case | Reply): x is Reply => !("type" in x && x.type === "case");

/** Opens a role's part: the coach's from the "closed" notice (or any old card of the closed case), the coordinator's from the case. */
const opener = (role: Role) => async (ctx: VerbContext, data: unknown): Promise<Reply> => {
  const c = await closedCase(ctx, data, role);
  return isReply(c) ? c : afterCard(ctx, c, role, await partsOf(ctx, c));
};

/** Saves a role's part; a card handed back shows the coach's part above the coordinator's, read again. */
const submitter = (role: Role) => async (ctx: VerbContext, data: unknown): Promise<Reply> => {
  const done = await submitEntry(ctx, data, {
    name: "afterReflection",
    reopenVerb: role === "coordinator" ? "coord.case" : "cases.list",
    decide: decideAfterReflection(role),
    handBack: async (c, values, problems) => afterCard(ctx, c, role, role === "coordinator" ? await partsOf(ctx, c) : {}, values, problems),
    as: role,
  });
  return "reply" in done ? done.reply : doneCard(ctx, done.case, role);
};

export const afterOpen = opener("coach");
export const afterSubmit = submitter("coach");
export const coordAfterOpen = opener("coordinator");
export const coordAfterSubmit = submitter("coordinator");

/** Saved: what comes next, and the way back to change it while the after-reflection is open. */
function doneCard(ctx: VerbContext, c: Case, role: Role): Reply {
  const coordinator = role === "coordinator";
  const coach = ctx.t.coord.theCoach[c.kind];
  const again = coordinator ? "coord.after" : "after.open";
  const back = coordinator ? { title: ctx.t.coord.caseTitleShort, verb: "coord.case" } : { title: ctx.t.cases.title, verb: "cases.list" };
  return {
    card: render(doneTemplate, {
      t: ctx.t,
      title: fill(ctx.t.after.saved, { code: c.code }),
      subtitle: kindTitle(ctx, c),
      facts: [],
      notes: [coordinator ? fill(ctx.t.after.savedCoordinator, { coach }) : ctx.t.after.savedCoach, fill(ctx.t.after.canChange, { date: shortDate(ctx, afterReflectionUntil(c)!.toISOString()) })],
      actions: [
        { title: ctx.t.after.change, verb: again, data: { verb: again, caseId: c.id } },
        { ...back, data: { verb: back.verb, caseId: c.id } },
        { title: ctx.t.common.menu, verb: "menu", data: { verb: "menu" } },
      ],
    }),
  };
}
