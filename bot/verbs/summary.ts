// The buttons on the monthly summary in the corps' channel. Everyone in the team sees the channel, so nothing about a
// case is answered there: the coordinator gets the case in their personal chat, and the channel only a short sentence
// for the one who pressed.
import { z } from "zod";
import { Month } from "../../src/domain/model";
import type { Reply, VerbContext } from "../context";
import { COORDINATOR_VERBS, markFlagsHandled } from "./coordinate";

/**
 * What a button on the channel's card does: a card in its place (a viewer's own view of it), or a sentence for the one
 * who pressed — with, for a coordinator, something sent to their personal chat.
 */
export type ChannelVerb = (ctx: VerbContext, data: unknown) => Promise<{ card: Reply } | { toChat?: Reply; say: string }>;

const isCoordinator = (ctx: VerbContext) => ctx.who.member.roles.includes("coordinator");
const CaseData = z.object({ caseId: z.string().min(1).max(100) });

/** «Åbn forløbet»: the coordinator's case card (its status history included), in their personal chat. */
const openCase: ChannelVerb = async (ctx, data) => {
  if (!isCoordinator(ctx)) return { say: ctx.t.summary.coordinatorOnly };
  const parsed = CaseData.extend({ month: Month.optional() }).safeParse(data);
  if (!parsed.success || !(await ctx.cases.get(parsed.data.caseId, "coordinator"))) return { say: ctx.t.summary.notFound };
  return { toChat: await COORDINATOR_VERBS["coord.case"](ctx, parsed.data), say: ctx.t.summary.sentToChat };
};

/** «Markér flag som håndteret»: the case's flags leave the lists and this month's summary (updated at once). */
const handle: ChannelVerb = async (ctx, data) => {
  if (!isCoordinator(ctx)) return { say: ctx.t.summary.coordinatorOnly };
  const parsed = CaseData.safeParse(data);
  if (!parsed.success || !(await markFlagsHandled(ctx, parsed.data.caseId))) return { say: ctx.t.summary.notFound };
  return { say: ctx.t.summary.handledSay };
};

const MonthData = z.object({ month: Month }).passthrough();

/**
 * The card's own refresh (Teams fetches it for each coordinator named on it, and for anyone who asks): a coordinator
 * gets the view with every case; anyone else the totals, as posted.
 */
const view: ChannelVerb = async (ctx, data) => {
  const parsed = MonthData.safeParse(data);
  const card = parsed.success ? await ctx.checkIns.summaryCard(ctx.who.corps.corpsId, parsed.data.month, isCoordinator(ctx) ? "channel" : "totals", ctx.cases.listedForCoordinator) : undefined;
  return card ? { card } : { say: ctx.t.summary.notFound };
};

/** «Vis forløbene»: the cases in the coordinator's own chat; anyone else is told that only the coordinator sees them. */
const detail: ChannelVerb = async (ctx, data) => {
  if (!isCoordinator(ctx)) return { say: ctx.t.summary.detailOnlyCoordinators };
  const parsed = MonthData.safeParse(data);
  const card = parsed.success ? await ctx.checkIns.summaryCard(ctx.who.corps.corpsId, parsed.data.month, "chat", ctx.cases.listedForCoordinator) : undefined;
  return card ? { toChat: card, say: ctx.t.summary.detailSent } : { say: ctx.t.summary.notFound };
};

/** Verbs a card in a channel may use (everything else there is refused: cases live in personal chats). */
export const CHANNEL_VERBS: Readonly<Record<string, ChannelVerb>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, ChannelVerb>, { "summary.view": view, "summary.detail": detail, "summary.openCase": openCase, "summary.flagsHandled": handle }),
);
