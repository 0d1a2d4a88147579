// "Ret eller slet": a mentor corrects or deletes their own preparation, reflection or measure within seven days
// (src/domain/corrections.ts). The case's read models are built again from its entries either way.
import { z } from "zod";
import { deletedEntry, mayCorrect } from "../../src/domain/corrections";
import { deriveJob } from "../../src/domain/jobs";
import type { Case, Entry } from "../../src/domain/model";
import { preparationValues } from "../../src/domain/preparation";
import { reflectionValues } from "../../src/domain/reflection";
import entriesTemplate from "../cards/entries.json";
import { render } from "../cards/render";
import type { Reply, VerbContext } from "../context";
import { fill } from "../locale";
import { preparationCard } from "./prepare";
import { reflectionCard } from "./reflect";
import { longTime, notice, staleReply, tooLateReply, whatOf } from "./shared";

const CaseRef = z.object({ caseId: z.string().min(1).max(100) });
const EntryRef = z.object({ entryId: z.string().min(1).max(200) });


/** The entry named in the action, if it is the actor's own on a case of theirs, with its case. */
async function ownEntry(ctx: VerbContext, data: unknown, deleting = false): Promise<{ entry: Entry; case: Case } | { reply: Reply }> {
  const parsed = EntryRef.safeParse(data);
  if (!parsed.success) return { reply: staleReply(ctx, "notFound", "cases.list", "") };
  const entry = await ctx.repos.entries.get(ctx.who.corps.corpsId, parsed.data.entryId);
  const got = entry ? await ctx.cases.get(entry.caseId, "coach") : undefined;
  // Someone else's entry answers exactly like one that does not exist.
  if (!entry || !got || entry.authorId.toLowerCase() !== ctx.who.member.aadObjectId.toLowerCase()) return { reply: staleReply(ctx, "notFound", "cases.list", "") };
  if (got.doc.status === "closed") return { reply: staleReply(ctx, "closed", "cases.list", got.doc.id) };
  // "Ja, slet" pressed again (or replayed by Teams): the entry is deleted already, which is what was asked.
  if (deleting && entry.deletedAt) return { entry, case: got.doc };
  if (!mayCorrect(entry, ctx.who.member.aadObjectId, ctx.clock())) return { reply: tooLateReply(ctx, got.doc.id) };
  return { entry, case: got.doc };
}

/** The actor's own entries on the case that can still be corrected, newest first. */
export async function entriesList(ctx: VerbContext, data: unknown): Promise<Reply> {
  const parsed = CaseRef.safeParse(data);
  if (!parsed.success) return staleReply(ctx, "notFound", "cases.list", "");
  const got = await ctx.cases.get(parsed.data.caseId, "coach");
  if (!got) return staleReply(ctx, "notFound", "cases.list", parsed.data.caseId);
  const now = ctx.clock();
  const entries = (await ctx.repos.entries.listForCase(got.doc.corpsId, got.doc.id))
    .filter((e) => mayCorrect(e, ctx.who.member.aadObjectId, now))
    .reverse();
  return {
    card: render(entriesTemplate, {
      t: ctx.t,
      title: fill(ctx.t.correct.title, { code: got.doc.code }),
      caseId: got.doc.id,
      entries: entries.map((e) => ({
        id: e.id,
        what: whatOf(ctx, e),
        when: longTime(ctx, e.createdAt),
        summary: e.type === "reflection" || e.type === "preparation" ? e.answers[0] : e.type === "assessment" ? String(e.score) : "",
        // A measure is corrected by deleting it and measuring again.
        editable: e.type !== "assessment",
      })),
    }),
  };
}

export async function entryEdit(ctx: VerbContext, data: unknown): Promise<Reply> {
  const own = await ownEntry(ctx, data);
  if ("reply" in own) return own.reply;
  const { entry, case: c } = own;
  if (entry.type === "reflection") return reflectionCard(ctx, c, reflectionValues(entry), [], entry);
  if (entry.type === "preparation") return preparationCard(ctx, c, preparationValues(entry), [], entry);
  return notice(ctx, whatOf(ctx, entry), ctx.t.correct.measureNote, [{ title: ctx.t.correct.delete, verb: "entry.delete", data: { entryId: entry.id } }]);
}

export async function entryDelete(ctx: VerbContext, data: unknown): Promise<Reply> {
  const own = await ownEntry(ctx, data);
  if ("reply" in own) return own.reply;
  const { entry, case: c } = own;
  const vars = { what: whatOf(ctx, entry).toLowerCase(), when: longTime(ctx, entry.createdAt) };
  return notice(ctx, fill(ctx.t.correct.confirmTitle, vars), ctx.t.correct.confirmText, [
    { title: ctx.t.correct.confirm, verb: "entry.deleteConfirm", data: { entryId: entry.id } },
    { title: ctx.t.correct.back, verb: "entries.list", data: { caseId: c.id } },
  ]);
}

/** Deletes the entry (its tombstone keeps no free text) and builds the case again; a second press changes nothing. */
export async function entryDeleteConfirm(ctx: VerbContext, data: unknown): Promise<Reply> {
  const own = await ownEntry(ctx, data, true);
  if ("reply" in own) return own.reply;
  const { entry, case: c } = own;
  const now = ctx.clock();
  await ctx.repos.jobs.create(deriveJob(entry, now));
  await ctx.repos.entries.update(entry.corpsId, entry.id, (e) => (e.deletedAt ? undefined : deletedEntry(e, now)));
  await ctx.deriver.rebuild(entry.corpsId, entry.caseId, entry.id, ctx.who.corps).catch((err: Error) => {
    ctx.log.warn({ event: "derive.deferred", entryId: entry.id, caseId: entry.caseId, err: { message: err.message } }, "rebuild left to the job");
  });
  ctx.log.info({ event: "entry.deleted", caseId: entry.caseId, entryId: entry.id }, "entry deleted");
  const vars = { what: whatOf(ctx, entry), when: longTime(ctx, entry.createdAt) };
  return notice(ctx, fill(ctx.t.correct.deleted, { code: c.code }), fill(ctx.t.correct.deletedText, vars), [
    { title: ctx.t.correct.back, verb: "cases.open", data: { caseId: c.id } },
  ]);
}
