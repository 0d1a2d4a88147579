// Pieces every case verb uses: finding the case a card is about, turning problems into Danish
// sentences, the stale-card answer and the short case description.
import { z } from "zod";
import { submittedValues, type Decision, type Problem, type Stale } from "../../src/domain/forms";
import type { Versioned } from "../../src/store/repositories";
import { INSTRUMENTS, type InstrumentId } from "../../src/domain/instruments";
import { deriveJob } from "../../src/domain/jobs";
import type { Case, CaseIndexItem, Entry } from "../../src/domain/model";
import type { Derived } from "../../src/derive";
import { formatLocal, shortDateOf } from "../../src/domain/time";
import noticeTemplate from "../cards/notice.json";
import pickerTemplate from "../cards/case-picker.json";
import { render } from "../cards/render";
import type { Reply, VerbContext } from "../context";
import { fill } from "../locale";

export const OpenData = z.object({ caseId: z.string().min(1).max(100).optional() });

/** The coach's open cases (not closed; paused ones included), from their case index: one point read. */
export async function openCasesOf(ctx: VerbContext): Promise<CaseIndexItem[]> {
  const index = await ctx.repos.caseIndex.get(ctx.who.corps.corpsId, ctx.who.member.aadObjectId);
  return (index?.cases ?? []).filter((c) => c.status !== "closed");
}

/** The coach's cases being worked on (active or closing): what the picker offers. */
export async function activeCasesOf(ctx: VerbContext): Promise<CaseIndexItem[]> {
  return (await openCasesOf(ctx)).filter((c) => c.status === "active" || c.status === "closing");
}

export function kindLabel(ctx: VerbContext, c: Pick<Case, "kind">): string {
  return ctx.t.common.caseKind[c.kind];
}

export function caseDetail(ctx: VerbContext, c: Pick<CaseIndexItem, "openedAt" | "lastReflectionAt">): string {
  const opened = fill(ctx.t.common.opened, { date: shortDate(ctx, c.openedAt) });
  const last = c.lastReflectionAt
    ? fill(ctx.t.common.lastReflection, { date: shortDate(ctx, c.lastReflectionAt) })
    : ctx.t.common.noReflectionYet;
  return `${opened} · ${last}`;
}

export const shortDate = (ctx: VerbContext, iso: string) => shortDateOf(new Date(iso), ctx.lang);

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

/**
 * What a handed-back card says: one sentence per problem naming what is wrong and where (never the offending
 * value), and, when an identifier was found, why Løft refuses it.
 */
export function problemView(ctx: Pick<VerbContext, "t">, problems: readonly Problem[], labels: Record<string, string>) {
  const identifier = problems.some((p) => p.code === "cpr" || p.code === "phone" || p.code === "email");
  return {
    problems: problems.map((p) => fill(ctx.t.refusal[p.code], { field: labels[p.field] ?? p.field })),
    problemNote: identifier ? ctx.t.refusal.explain : "",
  };
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
    // Someone else's case answers exactly like one that does not exist.
    const got = await ctx.cases.get(caseId, "coach");
    if (!got) return staleReply(ctx, "notFound", verb, caseId);
    if (got.doc.status === "closed") return staleReply(ctx, "closed", verb, caseId);
    if (got.doc.status === "paused") return staleReply(ctx, "paused", verb, caseId);
    return open(got.doc);
  }
  const active = await activeCasesOf(ctx);
  if (active.length === 0) return notice(ctx, title, ctx.t.menu.noCases);
  if (active.length === 1) return withCase(ctx, { caseId: active[0].id }, verb, title, open);
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


/**
 * Stores the entry once and completes what follows from it. The entry is the commit point: the durable job written
 * just before it finishes the derived work if this turn cannot, so once the entry is stored the user is told it is
 * saved. A replayed submission gets back the entry stored the first time — if it is the same person's, for the same
 * case; anything else answers like a card for a case that does not exist.
 */
async function commitEntry<E extends Entry>(ctx: VerbContext, entry: E, current: Versioned<Case>): Promise<{ entry: E; replay: boolean; derived?: Derived } | undefined> {
  await ctx.repos.jobs.create(deriveJob(entry, ctx.clock()));
  let stored = entry;
  const replay = (await ctx.repos.entries.create(entry)) === "duplicate";
  if (replay) {
    const existing = await ctx.repos.entries.get(entry.corpsId, entry.id);
    if (!existing || existing.type !== entry.type || existing.caseId !== entry.caseId || existing.authorId !== entry.authorId) return undefined;
    stored = existing as E;
  }
  const derived = await ctx.deriver.complete(stored, ctx.who.corps, current).catch((err: Error) => {
    ctx.log.warn({ event: "derive.deferred", entryId: stored.id, caseId: stored.caseId, err: { message: err.message } }, "derived work left to the job");
    return undefined;
  });
  return { entry: stored, replay, derived };
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
 * Every submit: read the case the card is about, let the domain decide, answer a stale card or a refusal (the same
 * card handed back with the answers and the problems), else store the entry and complete what follows from it. A
 * store that cannot take the entry hands the card back too, with every answer, saying nothing was saved.
 */
export async function submitEntry<E extends Entry>(
  ctx: VerbContext,
  data: unknown,
  flow: {
    name: string;
    reopenVerb: string;
    decide: (values: Record<string, string>, c: Case | undefined, actorId: string, now: Date) => Decision<E>;
    handBack: (c: Case, values: Record<string, string>, problems: readonly Problem[]) => Reply;
  },
): Promise<{ reply: Reply } | { case: Case; entry: E; replay: boolean; derived?: Derived }> {
  const values = submittedValues(data);
  const got: Versioned<Case> | undefined = values.caseId ? await ctx.cases.get(values.caseId, "coach") : undefined;
  const decision = flow.decide(values, got?.doc, ctx.who.member.aadObjectId, ctx.clock());
  if (decision.kind === "stale") return { reply: staleReply(ctx, decision.reason, flow.reopenVerb, values.caseId ?? "") };
  const c = got!.doc;
  if (decision.kind === "refused") {
    ctx.log.info({ event: `${flow.name}.refused`, caseId: c.id, problems: decision.problems }, "submission refused");
    return { reply: flow.handBack(c, values, decision.problems) };
  }
  let committed;
  try {
    committed = await commitEntry(ctx, decision.entry, got!);
  } catch (err) {
    ctx.log.error({ event: `${flow.name}.notSaved`, caseId: c.id, err: { message: (err as Error).message } }, "the store did not take the entry");
    return { reply: flow.handBack(c, values, [{ field: "", code: "notSaved" }]) };
  }
  if (!committed) return { reply: staleReply(ctx, "notFound", flow.reopenVerb, c.id) };
  ctx.log.info({ event: `${flow.name}.saved`, caseId: c.id, entryId: committed.entry.id, replay: committed.replay, derived: !!committed.derived }, "entry saved");
  return { case: committed.derived?.case ?? c, ...committed };
}
