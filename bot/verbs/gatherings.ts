// «Korpsmøder» (issue 24; src/domain/gatherings.ts): the coordinator plans the year's corps gatherings, chooses the
// presenters, and marks each held or cancels it. What each change owes is written as outbox messages (bot/outbox/
// gatherings.ts) — the invitation and the reminder in the channel, the request to each presenter — sent when due; a
// cancelled gathering's invitation is answered in the channel. A refused submission hands the card back, answers kept.
import { randomUUID } from "node:crypto";
import {
  invitationWentOut,
  type GatheringProblem,
  askAt,
  decideCancel,
  decideHeld,
  decidePlan,
  decidePresenters,
  heldInYear,
  inviteAt,
  mayPresent,
  onCard,
  remindAt,
  yearOf,
  type Gathering,
} from "../../src/domain/gatherings";
import { splitMulti, type Problem } from "../../src/domain/forms";
import { messageJob, type JobOf } from "../../src/domain/jobs";
import type { OwedMessage } from "../../src/domain/outbox";
import { formatLocal } from "../../src/domain/time";
import gatheringsTemplate from "../cards/gatherings.json";
import presentersTemplate from "../cards/gathering-presenters.json";
import { render } from "../cards/render";
import type { Reply, VerbContext } from "../context";
import { fill } from "../locale";
import { notice, problemView } from "./shared";

const when = (ctx: VerbContext, g: Pick<Gathering, "at">) => formatLocal(new Date(g.at), ctx.lang);
/** "nu" or the time, for what is sent when. */
const whenSent = (ctx: VerbContext, at: Date) => (at.getTime() <= ctx.clock().getTime() + 60_000 ? ctx.t.gatherings.now : formatLocal(at, ctx.lang));

async function gatheringsCard(ctx: VerbContext, opts: { done?: string; values?: Record<string, string>; problems?: readonly Problem[] } = {}): Promise<Reply> {
  const corpsId = ctx.who.corps.corpsId;
  const year = yearOf(ctx.clock());
  const [all, members] = await Promise.all([ctx.repos.gatherings.list(corpsId), ctx.repos.members.list(corpsId)]);
  const names = new Map(members.map((m) => [m.aadObjectId.toLowerCase(), m.name]));
  const g = ctx.t.gatherings;
  return {
    card: render(gatheringsTemplate, {
      t: ctx.t,
      title: fill(g.title, { year }),
      done: opts.done ?? "",
      ...problemView(ctx, opts.problems ?? [], { date: g.date, time: g.time, place: g.place }),
      heldCount: fill(g.heldCount, { n: heldInYear(all, year) }),
      gatherings: onCard(all, year).map((x) => ({
        id: x.id,
        status: g.status[x.status],
        line: fill(g.line, { when: when(ctx, x), place: x.place }),
        presenters: x.presenters.length > 0 ? fill(g.presentersLine, { names: x.presenters.map((p) => names.get(p) ?? "?").join(", ") }) : g.noPresenters,
        planned: x.status === "planned",
      })),
      values: { date: opts.values?.date ?? "", time: opts.values?.time ?? "", place: opts.values?.place ?? "" },
    }),
  };
}

export const gatheringsOpen = (ctx: VerbContext): Promise<Reply> => gatheringsCard(ctx);

/** Writes the message jobs (once each, by id); those due now are sent after the turn. */
async function owe(ctx: VerbContext, corpsId: string, owed: Array<{ message: OwedMessage; at: Date }>): Promise<void> {
  const now = ctx.clock();
  const jobs: Array<JobOf<"message">> = owed.map(({ message, at }) => messageJob(corpsId, message, now, at));
  for (const job of jobs) await ctx.repos.jobs.create(job);
  const dueNow = jobs.filter((j) => Date.parse(j.dueAt) <= now.getTime()).map((j) => j.id);
  if (dueNow.length > 0) void ctx.outbox.sendNow(corpsId, dueNow);
}

export async function gatheringsCreate(ctx: VerbContext, values: Record<string, string>): Promise<Reply> {
  const corpsId = ctx.who.corps.corpsId;
  const now = ctx.clock();
  const existing = await ctx.repos.gatherings.list(corpsId);
  const d = decidePlan(values, existing, { uuid: randomUUID(), corpsId, by: ctx.who.member.aadObjectId }, now);
  if (d.kind === "refused") return gatheringsCard(ctx, { values, problems: d.problems });
  const g = d.gathering;
  try {
    await ctx.repos.gatherings.create(g);
  } catch (err) {
    ctx.log.error({ event: "gathering.notSaved", corpsId, err: { message: (err as Error).message } }, "gathering not saved");
    return gatheringsCard(ctx, { values, problems: [{ field: "", code: "notSaved" }] });
  }
  const corps = (await ctx.repos.corps.get(corpsId)) ?? ctx.who.corps;
  const invite = inviteAt(g, now);
  const remind = remindAt(g, corps.extraDaysOff, now);
  await owe(ctx, corpsId, [
    { message: { what: "gatheringInvite", gatheringId: g.id }, at: invite },
    ...(remind ? [{ message: { what: "gatheringRemind" as const, gatheringId: g.id }, at: remind }] : []),
  ]);
  ctx.log.info({ event: "gathering.planned", corpsId, gatheringId: g.id }, "gathering planned");
  return gatheringsCard(ctx, { done: fill(ctx.t.gatherings.planned, { when: when(ctx, g), invite: whenSent(ctx, invite) }) });
}

async function gatheringOf(ctx: VerbContext, values: Record<string, string>): Promise<Gathering | undefined> {
  return ctx.repos.gatherings.get(ctx.who.corps.corpsId, values.gatheringId);
}

const notFound = (ctx: VerbContext) => notice(ctx, ctx.t.gatherings.back, ctx.t.gatherings.notFound, [{ title: ctx.t.gatherings.back, verb: "gatherings.open" }]);

async function presentersCard(ctx: VerbContext, g: Gathering, chosen: readonly string[], problems: readonly Problem[] = []): Promise<Reply> {
  const members = await ctx.repos.members.list(g.corpsId);
  const coaches = members.filter(mayPresent).sort((a, b) => a.name.localeCompare(b.name, "da"));
  return {
    card: render(presentersTemplate, {
      t: ctx.t,
      ...problemView(ctx, problems, { presenters: ctx.t.gatherings.presenters }),
      intro: fill(ctx.t.gatherings.presentersIntro, { when: when(ctx, g) }),
      gatheringId: g.id,
      coaches: coaches.map((m) => ({ title: m.name, value: m.aadObjectId.toLowerCase() })),
      values: { presenters: chosen.join(",") },
    }),
  };
}

export async function gatheringsPresenters(ctx: VerbContext, values: Record<string, string>): Promise<Reply> {
  const g = await gatheringOf(ctx, values);
  return g ? presentersCard(ctx, g, g.presenters) : notFound(ctx);
}

export async function gatheringsPresentersSubmit(ctx: VerbContext, values: Record<string, string>): Promise<Reply> {
  const g = await gatheringOf(ctx, values);
  if (!g) return notFound(ctx);
  const chosen = splitMulti(values.presenters);
  const now = ctx.clock();
  const members = await ctx.repos.members.list(g.corpsId);
  const d = decidePresenters(g, chosen, members, now);
  if (d.kind === "refused") return d.problems.some((p) => p.code === "notPlanned") ? gatheringsCard(ctx, { problems: d.problems }) : presentersCard(ctx, g, chosen, d.problems);
  const { after } = await ctx.repos.gatherings.update(g.corpsId, g.id, (x) => (x.status === "planned" ? { ...x, presenters: d.gathering.presenters } : undefined));
  if (!after || after.status !== "planned") return gatheringsCard(ctx, { problems: [{ field: "", code: "notPlanned" }] });
  const ask = askAt(after, now);
  await owe(
    ctx,
    g.corpsId,
    after.presenters.map((to) => ({ message: { what: "gatheringAsk" as const, gatheringId: g.id, to }, at: ask })),
  );
  const names = new Map(members.map((m) => [m.aadObjectId.toLowerCase(), m.name]));
  ctx.log.info({ event: "gathering.presenters", corpsId: g.corpsId, gatheringId: g.id, n: after.presenters.length }, "gathering presenters chosen");
  return gatheringsCard(ctx, {
    done: after.presenters.length > 0 ? fill(ctx.t.gatherings.chosen, { when: when(ctx, g), names: after.presenters.map((p) => names.get(p) ?? "?").join(", "), ask: whenSent(ctx, ask) }) : "",
  });
}

/**
 * A change of a gathering's status: decided on the gathering as read, applied again on the one stored (a concurrent
 * change is never overwritten); undefined when it no longer holds. The card is answered by the caller.
 */
async function changeStatus<K extends "held" | "cancelled">(
  ctx: VerbContext,
  values: Record<string, string>,
  decide: (g: Gathering, now: Date) => { kind: "refused"; problems: GatheringProblem[] } | { kind: K; gathering: Gathering },
  to: K,
): Promise<{ reply: Reply } | { g: Gathering; now: Date }> {
  const g = await gatheringOf(ctx, values);
  if (!g) return { reply: notFound(ctx) };
  const now = ctx.clock();
  const d = decide(g, now);
  if ("problems" in d) return { reply: await gatheringsCard(ctx, { problems: d.problems }) };
  const { after } = await ctx.repos.gatherings.update(g.corpsId, g.id, (x) => {
    const again = decide(x, now);
    return "gathering" in again ? again.gathering : undefined;
  });
  if (after?.status !== to) return { reply: await gatheringsCard(ctx, { problems: [{ field: "", code: "notPlanned" }] }) };
  return { g, now };
}

export async function gatheringsHeld(ctx: VerbContext, values: Record<string, string>): Promise<Reply> {
  const changed = await changeStatus(ctx, values, decideHeld, "held");
  if ("reply" in changed) return changed.reply;
  const { g } = changed;
  const n = heldInYear(await ctx.repos.gatherings.list(g.corpsId), yearOf(g.at));
  ctx.log.info({ event: "gathering.held", corpsId: g.corpsId, gatheringId: g.id }, "gathering held");
  return gatheringsCard(ctx, { done: fill(ctx.t.gatherings.markedHeld, { when: when(ctx, g), n }) });
}

/** Whether the gathering's invitation went out to the channel (then its cancellation is told there too). */
const invitedTo = async (ctx: VerbContext, g: Gathering) => invitationWentOut((await ctx.repos.jobs.get(g.corpsId, `msg-${g.id}-invite`))?.doc);

/** «Aflys»: what cancelling does — the channel is told if the invitation went out — to confirm first. */
export async function gatheringsCancel(ctx: VerbContext, values: Record<string, string>): Promise<Reply> {
  const g = await gatheringOf(ctx, values);
  if (!g) return notFound(ctx);
  const d = decideCancel(g, ctx.clock());
  if ("problems" in d) return gatheringsCard(ctx, { problems: d.problems });
  const invited = await invitedTo(ctx, g);
  const tt = ctx.t.gatherings;
  return notice(ctx, fill(tt.confirmCancelTitle, { when: when(ctx, g) }), invited ? tt.confirmCancelText : tt.confirmCancelQuiet, [
    { title: tt.cancelConfirm, verb: "gatherings.cancelConfirm", data: { gatheringId: g.id } },
    { title: tt.keep, verb: "gatherings.open" },
  ]);
}

/** Cancels the gathering (confirmed): no more messages about it, and the channel told if it was invited. */
export async function gatheringsCancelConfirm(ctx: VerbContext, values: Record<string, string>): Promise<Reply> {
  const changed = await changeStatus(ctx, values, decideCancel, "cancelled");
  if ("reply" in changed) return changed.reply;
  const { g, now } = changed;
  // The reminder and the requests are no longer owed (their runs find it cancelled); the invitation, if it went out,
  // is answered in the channel.
  const invited = await invitedTo(ctx, g);
  if (invited) await owe(ctx, g.corpsId, [{ message: { what: "gatheringCancelled", gatheringId: g.id }, at: now }]);
  ctx.log.info({ event: "gathering.cancelled", corpsId: g.corpsId, gatheringId: g.id, invited }, "gathering cancelled");
  return gatheringsCard(ctx, { done: fill(ctx.t.gatherings.cancelled, { when: when(ctx, g) }) + (invited ? ctx.t.gatherings.cancelledNotice : "") });
}
