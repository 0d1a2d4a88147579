// Pieces every case verb uses: finding the case a card is about, turning problems into Danish
// sentences, the stale-card answer and the short case description.
import { z } from "zod";
import { submittedValues, type Decision, type Problem, type Stale } from "../../src/domain/forms";
import type { Versioned } from "../../src/store/repositories";
import { INSTRUMENTS, type InstrumentId } from "../../src/domain/instruments";
import { correctedEntry, isCorrectable, mayCorrect } from "../../src/domain/corrections";
import { deriveJob } from "../../src/domain/jobs";
import { inContactPhase, inWork, type Case, type CaseIndexItem, type Entry } from "../../src/domain/model";
import { applyEntry, byNextConversation, heldUnreflected } from "../../src/domain/derive";
import { formatLocal, shortDateOf } from "../../src/domain/time";
import noticeTemplate from "../cards/notice.json";
import pickerTemplate from "../cards/case-picker.json";
import { render } from "../cards/render";
import type { Reply, VerbContext } from "../context";
import { fill } from "../locale";

export const OpenData = z.object({ caseId: z.string().min(1).max(100).optional() });

/**
 * The coach's open cases (not closed; paused ones included), from their case index: one point read. In the order of
 * their conversations: one held and not yet reflected on first, then the next planned, then the rest by code.
 */
export async function openCasesOf(ctx: VerbContext): Promise<ListedCase[]> {
  const index = await ctx.repos.caseIndex.get(ctx.who.corps.corpsId, ctx.who.member.aadObjectId);
  return (index?.cases ?? [])
    .filter((c) => c.status !== "closed")
    .map((c) => (index?.labels[c.id] ? { ...c, label: index.labels[c.id] } : c))
    .sort(byNextConversation);
}

/** A case in the coach's lists: its index line, and their own name for it if they gave one (only they see it). */
export type ListedCase = CaseIndexItem & { label?: string };

/** The coach's cases being worked on (active or closing): what the picker offers. */
export async function activeCasesOf(ctx: VerbContext): Promise<ListedCase[]> {
  return (await openCasesOf(ctx)).filter((c) => inWork(c) || c.status === "closing");
}

/** What tells the coach this case from their others, under its code: their own name for it, else its first goal. */
export function cueOf(ctx: VerbContext, c: Pick<ListedCase, "label" | "cue">): string {
  if (c.label) return `»${c.label}«`;
  return c.cue ? fill(ctx.t.common.firstGoal, { goal: c.cue }) : "";
}

export function kindLabel(ctx: Pick<VerbContext, "t">, c: Pick<Case, "kind">): string {
  return ctx.t.common.caseKind[c.kind];
}

/** The case's kind at the start of a line (a card's subtitle): "Mentorforløb". */
/** A text at the start of a line: its first letter capital. */
export const capitalised = (text: string): string => text.replace(/^./, (x) => x.toUpperCase());

export const kindTitle = (ctx: Pick<VerbContext, "t">, c: Pick<Case, "kind">): string => capitalised(kindLabel(ctx, c));

/** The prepared conversation: "Næste samtale …", or "Samtalen … mangler refleksion" once its time has passed. */
export function planDetail(ctx: VerbContext, c: Pick<CaseIndexItem, "plannedAt">): string {
  if (!c.plannedAt) return "";
  return fill(heldUnreflected(c, ctx.clock()) ? ctx.t.common.notReflected : ctx.t.common.nextConversation, { time: longTime(ctx, c.plannedAt) });
}

/** "Startet …" (or, before the citizen's yes, "Oprettet …") · the last reflection. */
export function caseDetail(ctx: VerbContext, c: Pick<CaseIndexItem, "openedAt" | "lastReflectionAt" | "status">): string {
  const opened = fill(inContactPhase(c) ? ctx.t.common.created : ctx.t.common.opened, { date: shortDate(ctx, c.openedAt) });
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
 * value), and, when an identifier was found, why Løft refuses it. `missing`: a field's own words when it was left
 * empty (a checkbox is ticked, not «udfyldt»).
 */
export function problemView(ctx: Pick<VerbContext, "t">, problems: readonly Problem[], labels: Record<string, string>, missing: Record<string, string> = {}) {
  const identifier = problems.some((p) => p.code === "cpr" || p.code === "phone" || p.code === "email");
  return {
    problems: problems.map((p) => (p.code === "required" && missing[p.field]) || fill(ctx.t.refusal[p.code], { field: labels[p.field] ?? p.field })),
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
  ctx.cases.listedFromIndex(active); // the picker shows them (codes, first goals, next conversations)
  return {
    card: render(pickerTemplate, {
      t: ctx.t,
      title,
      verb,
      cases: active.map((c) => ({ id: c.id, code: c.code, kindLabel: kindLabel(ctx, c), cue: cueOf(ctx, c), plan: planDetail(ctx, c), detail: caseDetail(ctx, c) })),
    }),
  };
}

/** A button opening WHO-5 or GSE for a case. */
export function measureAction(ctx: VerbContext, instrument: InstrumentId, caseId: string) {
  return { title: INSTRUMENTS[instrument].name[ctx.lang], verb: "measure.open", data: { verb: "measure.open", instrument, caseId } };
}


/**
 * Stores the entry once; the entry is the commit point. Two writes — the durable derive job, then the entry — and the
 * user is told it is saved: the case's read models, the coach's case index, the nudge and the coordinator's flags follow
 * after the answer (the derive job completes them if this process cannot). The answer shows the case as the entry makes
 * it (the same pure rule the derivation applies). A replayed submission gets back the entry stored the first time — if
 * it is the same person's, for the same case; anything else answers like a card for a case that does not exist.
 */
async function commitEntry<E extends Entry>(ctx: VerbContext, entry: E, current: Versioned<Case>): Promise<{ entry: E; replay: boolean; case: Case } | undefined> {
  await ctx.repos.jobs.create(deriveJob(entry, ctx.clock()));
  let stored = entry;
  const replay = (await ctx.repos.entries.create(entry)) === "duplicate";
  if (replay) {
    const existing = await ctx.repos.entries.get(entry.corpsId, entry.id);
    if (!existing || existing.type !== entry.type || existing.caseId !== entry.caseId || existing.authorId !== entry.authorId) return undefined;
    stored = existing as E;
  }
  ctx.deriver.later(stored, ctx.who.corps, current);
  return { entry: stored, replay, case: applyEntry(current.doc, stored) };
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
    handBack: (c: Case, values: Record<string, string>, problems: readonly Problem[]) => Reply | Promise<Reply>;
    /** Whose access reads the case: the coach's (their own cases), or a coordinator's (the after-reflection). */
    as?: "coach" | "coordinator";
  },
): Promise<{ reply: Reply } | { case: Case; entry: E; replay: boolean }> {
  const values = submittedValues(data);
  const got: Versioned<Case> | undefined = values.caseId ? await ctx.cases.get(values.caseId, flow.as ?? "coach") : undefined;
  const decision = flow.decide(values, got?.doc, ctx.who.member.aadObjectId, ctx.clock());
  if (decision.kind === "stale") return { reply: staleReply(ctx, decision.reason, flow.reopenVerb, values.caseId ?? "") };
  const c = got!.doc;
  if (decision.kind === "refused") {
    ctx.log.info({ event: `${flow.name}.refused`, caseId: c.id, problems: decision.problems }, "submission refused");
    return { reply: await flow.handBack(c, values, decision.problems) };
  }
  let committed;
  try {
    committed = await commitEntry(ctx, decision.entry, got!);
  } catch (err) {
    ctx.log.error({ event: `${flow.name}.notSaved`, caseId: c.id, err: { message: (err as Error).message } }, "the store did not take the entry");
    return { reply: await flow.handBack(c, values, [{ field: "", code: "notSaved" }]) };
  }
  if (!committed) return { reply: staleReply(ctx, "notFound", flow.reopenVerb, c.id) };
  ctx.log.info({ event: `${flow.name}.saved`, caseId: c.id, entryId: committed.entry.id, replay: committed.replay }, "entry saved");
  return committed;
}

/** "Kan ikke rettes længere": the entry is older than seven days (or not theirs to correct). */
export function tooLateReply(ctx: VerbContext, caseId: string): Reply {
  return notice(ctx, ctx.t.correct.tooLateTitle, ctx.t.correct.tooLate, [{ title: ctx.t.correct.back, verb: "cases.open", data: { caseId } }]);
}

/**
 * A correction of the author's own entry (the card carries `correctsId`): decided like a new entry, stored under the
 * old id with the old content in its history, and the case's read models built again. The durable derive job is
 * written first, so a turn that dies after the entry is corrected still gets the case rebuilt. A replayed correction
 * is recorded once.
 */
export async function submitCorrection<E extends Entry>(
  ctx: VerbContext,
  data: unknown,
  flow: {
    name: string;
    type: E["type"];
    reopenVerb: string;
    decide: (values: Record<string, string>, c: Case | undefined, actorId: string, now: Date, old: E) => Decision<E>;
    handBack: (c: Case, values: Record<string, string>, problems: readonly Problem[], old: E) => Reply;
  },
): Promise<{ reply: Reply } | { case: Case; entry: E }> {
  const values = submittedValues(data);
  const [old, got] = await Promise.all([
    values.correctsId ? ctx.repos.entries.get(ctx.who.corps.corpsId, values.correctsId) : undefined,
    values.caseId ? ctx.cases.get(values.caseId, "coach") : undefined,
  ]);
  if (!old || !got || old.type !== flow.type || old.caseId !== got.doc.id) return { reply: staleReply(ctx, "notFound", flow.reopenVerb, values.caseId ?? "") };
  const now = ctx.clock();
  const actor = ctx.who.member.aadObjectId;
  if (!mayCorrect(old, actor, now)) return { reply: tooLateReply(ctx, got.doc.id) };
  const decision = flow.decide(values, got.doc, actor, now, old as E);
  if (decision.kind === "stale") return { reply: staleReply(ctx, decision.reason, flow.reopenVerb, got.doc.id) };
  if (decision.kind === "refused") {
    ctx.log.info({ event: `${flow.name}.correctionRefused`, caseId: got.doc.id, problems: decision.problems }, "correction refused");
    return { reply: flow.handBack(got.doc, values, decision.problems, old as E) };
  }
  let corrected: Entry | undefined;
  try {
    await ctx.repos.jobs.create(deriveJob(old, now));
    ({ after: corrected } = await ctx.repos.entries.update(old.corpsId, old.id, (e) =>
      e.deletedAt ? undefined : correctedEntry(e, decision.entry, actor, values.submissionId, now),
    ));
  } catch (err) {
    ctx.log.error({ event: `${flow.name}.notSaved`, caseId: got.doc.id, err: { message: (err as Error).message } }, "the store did not take the correction");
    return { reply: flow.handBack(got.doc, values, [{ field: "", code: "notSaved" }], old as E) };
  }
  if (!corrected || corrected.deletedAt) return { reply: staleReply(ctx, "notFound", flow.reopenVerb, got.doc.id) };
  const derived = await ctx.deriver.rebuild(old.corpsId, old.caseId, old.id, ctx.who.corps).catch((err: Error) => {
    ctx.log.warn({ event: "derive.deferred", entryId: old.id, caseId: old.caseId, err: { message: err.message } }, "rebuild left to the job");
    return undefined;
  });
  ctx.log.info({ event: `${flow.name}.corrected`, caseId: old.caseId, entryId: old.id }, "entry corrected");
  return { case: derived?.case ?? got.doc, entry: corrected as E };
}

/** "Refleksion", "WHO-5-måling" …: an entry as its author calls it. */
export const whatOf = (ctx: VerbContext, e: Entry) =>
  e.type === "assessment" ? ctx.t.correct.kinds[e.instrument] : isCorrectable(e) ? ctx.t.correct.kinds[e.type] : e.type;

/** After a correction: what was corrected, and the way back to the case. */
export function correctedCard(ctx: VerbContext, c: Case, entry: Entry): Reply {
  const vars = { what: whatOf(ctx, entry), when: longTime(ctx, entry.createdAt) };
  return notice(ctx, fill(ctx.t.correct.saved, { code: c.code }), fill(ctx.t.correct.savedText, vars), [
    { title: ctx.t.correct.back, verb: "cases.open", data: { caseId: c.id } },
  ]);
}
