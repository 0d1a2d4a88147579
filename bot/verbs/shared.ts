// Pieces every case verb uses: finding the case a card is about, turning problems into Danish
// sentences, the stale-card answer and the short case description.
import { z } from "zod";
import { submittedValues, type Problem, type Stale } from "../../src/domain/forms";
import type { Versioned } from "../../src/store/repositories";
import { INSTRUMENTS, type InstrumentId } from "../../src/domain/instruments";
import type { Case, Entry } from "../../src/domain/model";
import { formatLocal, localDate } from "../../src/domain/time";
import noticeTemplate from "../cards/notice.json";
import pickerTemplate from "../cards/case-picker.json";
import { render } from "../cards/render";
import type { Reply, VerbContext } from "../context";
import { fill } from "../locale";

export const OpenData = z.object({ caseId: z.string().min(1).max(100).optional() });

export async function activeCasesOf(ctx: VerbContext): Promise<Case[]> {
  const all = await ctx.repos.cases.listForCoach(ctx.who.corps.corpsId, ctx.who.member.aadObjectId);
  return all.filter((c) => c.status === "active" || c.status === "closing");
}

export function kindLabel(ctx: VerbContext, c: Case): string {
  return ctx.t.common.caseKind[c.kind];
}

export function caseDetail(ctx: VerbContext, c: Case): string {
  const opened = fill(ctx.t.common.opened, { date: shortDate(ctx, c.openedAt) });
  const last = c.lastReflection
    ? fill(ctx.t.common.lastReflection, { date: shortDate(ctx, c.lastReflection.at) })
    : ctx.t.common.noReflectionYet;
  return `${opened} · ${last}`;
}

export function shortDate(ctx: VerbContext, iso: string): string {
  const [y, m, d] = localDate(new Date(iso)).split("-");
  return ctx.lang === "da" ? `${Number(d)}.${Number(m)}.${y}` : `${Number(d)}/${Number(m)}/${y}`;
}

export const longTime = (ctx: VerbContext, iso: string) => formatLocal(new Date(iso), ctx.lang);

export function notice(ctx: VerbContext, title: string, text: string, actions: Array<{ title: string; verb: string; data?: object }> = []): Reply {
  const withMenu = [...actions, { title: ctx.t.common.menu, verb: "menu" }];
  return {
    card: render(noticeTemplate, {
      t: ctx.t,
      title,
      text,
      actions: withMenu.map((a) => ({ title: a.title, verb: a.verb, data: { verb: a.verb, ...(a.data ?? {}) } })),
    }),
  };
}

export function staleReply(ctx: VerbContext, reason: Stale, reopenVerb: string, caseId: string): Reply {
  const reopen = reason === "changed" ? [{ title: ctx.t.stale.reopen, verb: reopenVerb, data: { caseId } }] : [];
  return notice(ctx, ctx.t.stale.title, ctx.t.stale[reason], reopen);
}

/** Sentences naming what is wrong and where, never the offending value. */
export function problemSentences(ctx: VerbContext, problems: readonly Problem[], labels: Record<string, string>): string[] {
  return problems.map((p) => fill(ctx.t.refusal[p.code], { field: labels[p.field] ?? p.field }));
}

/** The first sentence of a question, to name it in a refusal. */
export const shortQuestion = (q: string) => (q.match(/^[^?.]*[?.]/)?.[0] ?? q).trim();

/**
 * Opens a case card: the case named in the action, the only active case, or a picker (one press per case).
 */
export async function withCase(
  ctx: VerbContext,
  data: unknown,
  verb: string,
  title: string,
  open: (c: Case) => Reply,
): Promise<Reply> {
  const parsed = OpenData.safeParse(data ?? {});
  const caseId = parsed.success ? parsed.data.caseId : undefined;
  if (caseId) {
    const got = await ctx.repos.cases.get(ctx.who.corps.corpsId, caseId);
    if (!got || got.doc.coachId !== ctx.who.member.aadObjectId) return staleReply(ctx, "notFound", verb, caseId);
    if (got.doc.status === "closed") return staleReply(ctx, "closed", verb, caseId);
    return open(got.doc);
  }
  const active = await activeCasesOf(ctx);
  if (active.length === 0) return notice(ctx, title, ctx.t.menu.noCases);
  if (active.length === 1) return open(active[0]);
  return {
    card: render(pickerTemplate, {
      t: ctx.t,
      title,
      verb,
      cases: active.map((c) => ({ id: c.id, code: c.code, kindLabel: kindLabel(ctx, c), detail: caseDetail(ctx, c) })),
    }),
  };
}

/** A button opening WHO-5 or GSE for a case. */
export function measureAction(ctx: VerbContext, instrument: InstrumentId, caseId: string) {
  return { title: INSTRUMENTS[instrument].name[ctx.lang], verb: "measure.open", data: { verb: "measure.open", instrument, caseId } };
}


/** Creates the entry once; a replayed submission gets back the entry stored the first time. */
export async function saveOnce<E extends Entry>(ctx: VerbContext, entry: E): Promise<{ entry: E; replay: boolean }> {
  if ((await ctx.repos.entries.create(entry)) === "created") return { entry, replay: false };
  return { entry: ((await ctx.repos.entries.get(entry.corpsId, entry.id)) ?? entry) as E, replay: true };
}

/** The bot was removed or blocked by a member: stop trying to reach them until they talk to Løft again. */
export async function forgetConversation(deps: Pick<VerbContext, "repos">, corpsId: string, aadObjectId: string) {
  const member = await deps.repos.members.get(corpsId, aadObjectId);
  if (member?.conversation) {
    const { conversation: _gone, ...rest } = member;
    await deps.repos.members.upsert(rest);
  }
}

/**
 * The shared first half of every submit: read the case the card is about, let the domain decide, and answer a
 * stale card or a refusal (the same card handed back with the answers and the problems). What is left for the
 * flow is the "ok" decision, to store.
 */
export async function decideSubmission<D extends { kind: "stale"; reason: Stale } | { kind: "refused"; problems: Problem[] } | { kind: "ok" }>(
  ctx: VerbContext,
  data: unknown,
  flow: {
    name: string;
    reopenVerb: string;
    decide: (values: Record<string, string>, c: Case | undefined, actorId: string, now: Date) => D;
    handBack: (c: Case, values: Record<string, string>, problems: readonly Problem[]) => Reply;
  },
): Promise<{ reply: Reply } | { ok: Extract<D, { kind: "ok" }>; got: Versioned<Case>; values: Record<string, string> }> {
  const values = submittedValues(data);
  const got = values.caseId ? await ctx.repos.cases.get(ctx.who.corps.corpsId, values.caseId) : undefined;
  const decision = flow.decide(values, got?.doc, ctx.who.member.aadObjectId, ctx.clock());
  if (decision.kind === "stale") return { reply: staleReply(ctx, decision.reason, flow.reopenVerb, values.caseId ?? "") };
  if (decision.kind === "refused") {
    ctx.log.info({ event: `${flow.name}.refused`, caseId: got!.doc.id, problems: decision.problems }, "submission refused");
    return { reply: flow.handBack(got!.doc, values, decision.problems) };
  }
  return { ok: decision as Extract<D, { kind: "ok" }>, got: got!, values };
}
