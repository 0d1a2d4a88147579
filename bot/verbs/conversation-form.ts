// "Samtaleskema" (001 §4.3): the citizen's own perspective and goals in the citizen's words, beside the målskema. Opened from the
// case's own card; shown on the preparation and in Mine forløb.
import { randomUUID } from "node:crypto";
import { conversationFormValues, decideConversationForm, FORM_GOAL_FIELDS, FORM_PERSPECTIVE_FIELD } from "../../src/domain/conversation-form";
import type { Problem } from "../../src/domain/forms";
import type { Case } from "../../src/domain/model";
import { CONVERSATION_FORM, CONVERSATION_FORM_HINT, forKind } from "../../src/domain/questions";
import formTemplate from "../cards/conversation-form.json";
import { render } from "../cards/render";
import type { Reply, VerbContext } from "../context";
import { fill } from "../locale";
import { kindTitle, notice, problemView, submitEntry, withCase } from "./shared";

function formCard(ctx: VerbContext, c: Case, given: Record<string, string> = {}, problems: readonly Problem[] = []): Reply {
  const values = { ...conversationFormValues(c), ...given };
  const label = (i: number) => fill(ctx.t.form.goal, { n: i + 1 });
  return {
    card: render(formTemplate, {
      t: ctx.t,
      title: fill(ctx.t.form.title, { code: c.code }),
      subtitle: kindTitle(ctx, c),
      ...problemView(ctx, problems, { [FORM_PERSPECTIVE_FIELD]: ctx.t.form.perspectiveShown, ...Object.fromEntries(FORM_GOAL_FIELDS.map((f, i) => [f, label(i)])) }),
      perspective: values[FORM_PERSPECTIVE_FIELD] ?? "",
      heading: CONVERSATION_FORM[ctx.lang],
      hint: forKind(CONVERSATION_FORM_HINT[ctx.lang], c.kind),
      goals: FORM_GOAL_FIELDS.map((f, i) => ({ id: f, label: label(i), value: values[f] })),
      caseId: c.id,
      cardVersion: c.version,
      submissionId: given.submissionId ?? randomUUID(),
    }),
  };
}

/** The samtaleskema as read back: the citizen's perspective, then their goals. */
export function formText(ctx: Pick<VerbContext, "t">, f: { perspective?: string; goals: readonly string[] }): string {
  return [...(f.perspective ? [`**${ctx.t.form.perspectiveShown}:** ${f.perspective}`] : []), ...f.goals.map((g) => `- ${g}`)].join("\n");
}

export async function formOpen(ctx: VerbContext, data: unknown): Promise<Reply> {
  return withCase(ctx, data, "form.open", ctx.t.form.menuTitle, (c) => formCard(ctx, c));
}

export async function formSubmit(ctx: VerbContext, data: unknown): Promise<Reply> {
  const done = await submitEntry(ctx, data, {
    name: "form",
    reopenVerb: "form.open",
    decide: decideConversationForm,
    handBack: (c, values, problems) => formCard(ctx, c, values, problems),
  });
  if ("reply" in done) return done.reply;
  const c = done.case;
  return notice(ctx, fill(ctx.t.form.saved, { code: c.code }), formText(ctx, done.entry), [
    { title: ctx.t.correct.back, verb: "cases.open", data: { caseId: c.id } },
  ]);
}
