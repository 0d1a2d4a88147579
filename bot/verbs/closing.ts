// "Afslutningssamtale": the closing dialogue with the citizen (001 §5.3), offered when a case is closing.
import { randomUUID } from "node:crypto";
import type { Problem } from "../../src/domain/forms";
import { CLOSING_REQUIRED, CLOSING_TEXT_FIELDS, decideClosing, MADE_CLEAR_FIELDS, type ClosingEntry } from "../../src/domain/closing";
import { missingMeasures } from "../../src/domain/measures";
import type { Case } from "../../src/domain/model";
import { CLOSING_MAKE_CLEAR, CLOSING_QUESTIONS, forKind } from "../../src/domain/questions";
import closingTemplate from "../cards/closing.json";
import doneTemplate from "../cards/done.json";
import { render } from "../cards/render";
import type { Reply, VerbContext } from "../context";
import { fill } from "../locale";
import { kindTitle, measureAction, notice, problemView, shortQuestion, submitEntry, withCase } from "./shared";

function closingCard(ctx: VerbContext, c: Case, given: Record<string, string> = {}, problems: readonly Problem[] = []): Reply {
  const values: Record<string, string> = {
    ...Object.fromEntries(CLOSING_TEXT_FIELDS.map((f) => [f, ""])),
    ...Object.fromEntries(MADE_CLEAR_FIELDS.map((f) => [f, "false"])),
    goalsReached: "",
    ...given,
  };
  const labels = Object.fromEntries(CLOSING_TEXT_FIELDS.map((f, i) => [f, shortQuestion(forKind(CLOSING_QUESTIONS[i][ctx.lang], c.kind))]));
  return {
    card: render(closingTemplate, {
      t: ctx.t,
      title: fill(ctx.t.closing.title, { code: c.code }),
      subtitle: kindTitle(ctx, c),
      ...problemView(ctx, problems, labels),
      questions: CLOSING_TEXT_FIELDS.map((f, i) => ({
        id: f,
        label: `${i + 1}. ${forKind(CLOSING_QUESTIONS[i][ctx.lang], c.kind)}`,
        required: (CLOSING_REQUIRED as readonly string[]).includes(f),
        value: values[f],
      })),
      makeClear: MADE_CLEAR_FIELDS.map((f, i) => ({ id: f, label: CLOSING_MAKE_CLEAR[i][ctx.lang], value: values[f] })),
      values,
      caseId: c.id,
      cardVersion: c.version,
      submissionId: given.submissionId ?? randomUUID(),
    }),
  };
}

export async function closingOpen(ctx: VerbContext, data: unknown): Promise<Reply> {
  return withCase(ctx, data, "closing.open", ctx.t.closing.menuTitle, (c) =>
    c.status === "closing" ? closingCard(ctx, c) : notice(ctx, ctx.t.closing.menuTitle, ctx.t.closing.notClosing),
  );
}

function doneCard(ctx: VerbContext, c: Case, entry: ClosingEntry): Reply {
  const missingPost = missingMeasures(c, "post");
  return {
    card: render(doneTemplate, {
      t: ctx.t,
      title: fill(ctx.t.closing.saved, { code: c.code }),
      subtitle: kindTitle(ctx, c),
      facts: [{ title: ctx.t.closing.goalsReachedFact, value: entry.goalsReached ? ctx.t.common.yes : ctx.t.common.no }],
      notes: [ctx.t.closing.next, ...(missingPost.length ? [ctx.t.measure.remindPost] : [])],
      actions: [...missingPost.map((id) => measureAction(ctx, id, c.id)), { title: ctx.t.common.menu, verb: "menu", data: { verb: "menu" } }],
    }),
  };
}

export async function closingSubmit(ctx: VerbContext, data: unknown): Promise<Reply> {
  const done = await submitEntry(ctx, data, {
    name: "closing",
    reopenVerb: "closing.open",
    decide: decideClosing,
    handBack: (c, values, problems) => closingCard(ctx, c, values, problems),
  });
  return "reply" in done ? done.reply : doneCard(ctx, done.case, done.entry);
}
