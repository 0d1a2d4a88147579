// «Samtalen blev ikke holdt» (src/domain/not-held.ts): from the reflection card and the nudge to reflect.
import { randomUUID } from "node:crypto";
import { decideNotHeld } from "../../src/domain/not-held";
import { NOT_HELD_REASONS, type Case } from "../../src/domain/model";
import { openPlan } from "../../src/domain/preparation";
import type { Problem } from "../../src/domain/forms";
import doneTemplate from "../cards/done.json";
import notHeldTemplate from "../cards/not-held.json";
import { render } from "../cards/render";
import type { Reply, VerbContext } from "../context";
import { fill } from "../locale";
import { kindTitle, longTime, notice, problemView, submitEntry, withCase } from "./shared";

/** The button on the reflection card and the nudge. */
export const notHeldAction = (ctx: VerbContext, caseId: string) => ({ title: ctx.t.notHeld.action, verb: "notheld.open", data: { verb: "notheld.open", caseId } });

const when = (ctx: VerbContext, plan: NonNullable<Case["plan"]>) => longTime(ctx, plan.plannedAt ?? plan.at);

function notHeldCard(ctx: VerbContext, c: Case, given: Record<string, string> = {}, problems: readonly Problem[] = []): Reply {
  const plan = openPlan(c);
  if (!plan) return notice(ctx, fill(ctx.t.notHeld.title, { code: c.code }), ctx.t.notHeld.none, [{ title: ctx.t.menu.prepare, verb: "prepare.open", data: { caseId: c.id } }]);
  return {
    card: render(notHeldTemplate, {
      t: ctx.t,
      title: fill(ctx.t.notHeld.title, { code: c.code }),
      subtitle: fill(ctx.t.notHeld.subtitle, { time: when(ctx, plan) }),
      ...problemView(ctx, problems, { reason: ctx.t.notHeld.reason }),
      reasons: NOT_HELD_REASONS.map((r) => ({ title: ctx.t.notHeld.reasons[r], value: r })),
      value: given.reason ?? "",
      caseId: c.id,
      cardVersion: c.version,
      submissionId: given.submissionId ?? randomUUID(),
      preparationId: plan.entryId,
    }),
  };
}

export async function notHeldOpen(ctx: VerbContext, data: unknown): Promise<Reply> {
  return withCase(ctx, data, "notheld.open", ctx.t.notHeld.action, (c) => notHeldCard(ctx, c));
}

export async function notHeldSubmit(ctx: VerbContext, data: unknown): Promise<Reply> {
  const done = await submitEntry(ctx, data, {
    name: "notHeld",
    reopenVerb: "reflect.open",
    decide: decideNotHeld,
    handBack: (c, values, problems) => notHeldCard(ctx, c, values, problems),
  });
  if ("reply" in done) return done.reply;
  const c = done.case;
  const time = c.plan ? when(ctx, c.plan) : "";
  return {
    card: render(doneTemplate, {
      t: ctx.t,
      title: fill(ctx.t.notHeld.saved, { time, code: c.code }),
      subtitle: kindTitle(ctx, c),
      facts: [{ title: ctx.t.notHeld.reason, value: ctx.t.notHeld.reasons[done.entry.reason] }],
      notes: [ctx.t.notHeld.savedText],
      actions: [
        { title: ctx.t.menu.prepare, verb: "prepare.open", data: { verb: "prepare.open", caseId: c.id } },
        { title: ctx.t.common.menu, verb: "menu", data: { verb: "menu" } },
      ],
    }),
  };
}
