// «Akut bekymring» (src/domain/concern.ts): from the menu, the case and the done cards after a conversation. The card
// says what the duties mean and what to do now before anything is sent; one press tells the coordinator.
import { randomUUID } from "node:crypto";
import { decideConcern, decideMeetingRequest } from "../../src/domain/concern";
import { reachable } from "../../src/domain/corps";
import type { Case } from "../../src/domain/model";
import concernTemplate from "../cards/concern.json";
import doneTemplate from "../cards/done.json";
import pickerTemplate from "../cards/case-picker.json";
import { render } from "../cards/render";
import type { Reply, VerbContext } from "../context";
import { fill } from "../locale";
import { caseDetail, cueOf, kindLabel, kindTitle, notice, openCasesOf, OpenData, planDetail, problemView, staleReply, submitEntry } from "./shared";
import type { Problem } from "../../src/domain/forms";

/** The button on a coach's card. */
export const concernAction = (ctx: VerbContext, caseId?: string) => ({
  title: ctx.t.concern.action,
  verb: "concern.open",
  data: { verb: "concern.open", ...(caseId ? { caseId } : {}) },
});

async function coordinatorName(ctx: VerbContext, c: Case): Promise<string> {
  return (await ctx.repos.members.get(c.corpsId, c.coordinatorId))?.name ?? ctx.t.setup.choices.coordinator;
}

function concernView(ctx: VerbContext, c: Case | undefined, coordinator: string, problems: readonly Problem[] = []): Reply {
  return {
    card: render(concernTemplate, {
      t: ctx.t,
      title: c ? fill(ctx.t.concern.title, { code: c.code }) : ctx.t.concern.titleNoCase,
      problems: problemView(ctx, problems, {}).problems,
      intro: c ? fill(ctx.t.concern.intro, { coordinator }) : ctx.t.concern.introNoCase,
      caseId: c?.id ?? "",
      submissionId: randomUUID(),
    }),
  };
}

const concernCard = async (ctx: VerbContext, c: Case | undefined) => concernView(ctx, c, c ? await coordinatorName(ctx, c) : "");

/** The case named (paused ones too: a concern never waits), the only open case, or a choice among them. */
export async function concernOpen(ctx: VerbContext, data: unknown): Promise<Reply> {
  const caseId = OpenData.safeParse(data ?? {}).data?.caseId;
  if (caseId) {
    const got = await ctx.cases.get(caseId, "coach");
    if (!got) return staleReply(ctx, "notFound", "concern.open", "");
    if (got.doc.status === "closed") return staleReply(ctx, "closed", "concern.open", "");
    return concernCard(ctx, got.doc);
  }
  const open = await openCasesOf(ctx);
  if (open.length <= 1) return concernCard(ctx, open[0] && (await ctx.cases.get(open[0].id, "coach"))?.doc);
  ctx.cases.listedFromIndex(open); // the picker shows them
  return {
    card: render(pickerTemplate, {
      t: ctx.t,
      title: ctx.t.concern.titleNoCase,
      verb: "concern.open",
      cases: open.map((c) => ({ id: c.id, code: c.code, kindLabel: kindLabel(ctx, c), cue: cueOf(ctx, c), plan: planDetail(ctx, c), detail: caseDetail(ctx, c) })),
    }),
  };
}

/** Recorded on the case (a flag for the coordinator, sent at once); the answer says whom to call. */
export async function concernSubmit(ctx: VerbContext, data: unknown): Promise<Reply> {
  const caseId = OpenData.safeParse(data ?? {}).data?.caseId;
  const current = caseId ? await ctx.cases.get(caseId, "coach") : undefined;
  const coordinator = current ? await ctx.repos.members.get(current.doc.corpsId, current.doc.coordinatorId) : undefined;
  const name = coordinator?.name ?? ctx.t.setup.choices.coordinator;
  const done = await submitEntry(ctx, data, {
    name: "concern",
    reopenVerb: "concern.open",
    decide: decideConcern,
    // Only a store that cannot take it: the same card, saying so (its text already says whom to call).
    handBack: (c, _values, problems) => concernView(ctx, c, name, problems),
  });
  if ("reply" in done) return done.reply;
  const c = done.case;
  const told = reachable(ctx.who.corps, coordinator);
  ctx.log.warn({ event: "concern.raised", corpsId: c.corpsId, caseId: c.id, entryId: done.entry.id, replay: done.replay }, "urgent concern");
  return {
    card: render(doneTemplate, {
      t: ctx.t,
      title: fill(told ? ctx.t.concern.sent : ctx.t.concern.sentNotReachable, { code: c.code }),
      subtitle: kindTitle(ctx, c),
      facts: [],
      notes: [fill(told ? ctx.t.concern.callNow : ctx.t.concern.callDirect, { coordinator: name }), ctx.t.concern.actYourself, ctx.t.concern.danger],
      actions: [{ title: ctx.t.common.menu, verb: "menu", data: { verb: "menu" } }],
    }),
  };
}

/** «Bed om et møde» on the case: the coordinator is told at once that the coach wants a meeting about the case. */
export async function meetingRequestSubmit(ctx: VerbContext, data: unknown): Promise<Reply> {
  const done = await submitEntry(ctx, data, {
    name: "meetingRequest",
    reopenVerb: "cases.open",
    decide: decideMeetingRequest,
    // Nothing to fill in: only a store that cannot take it hands back — as a notice, to press again.
    handBack: (c) => notice(ctx, fill(ctx.t.meeting.title, { code: c.code }), ctx.t.refusal.notSaved, [{ title: ctx.t.cases.open, verb: "cases.open", data: { caseId: c.id } }]),
  });
  if ("reply" in done) return done.reply;
  const c = done.case;
  const coordinator = await ctx.repos.members.get(c.corpsId, c.coordinatorId);
  const told = reachable(ctx.who.corps, coordinator);
  return {
    card: render(doneTemplate, {
      t: ctx.t,
      title: fill(ctx.t.meeting.sent, { code: c.code }),
      subtitle: kindTitle(ctx, c),
      facts: [],
      notes: [told ? fill(ctx.t.meeting.told, { coordinator: coordinator?.name ?? ctx.t.setup.choices.coordinator }) : ctx.t.reflect.notReachable],
      actions: [
        { title: ctx.t.cases.open, verb: "cases.open", data: { verb: "cases.open", caseId: c.id } },
        { title: ctx.t.common.menu, verb: "menu", data: { verb: "menu" } },
      ],
    }),
  };
}
