// WHO-5 and General Self-Efficacy for a case, answered by the citizen (the mentor records the citizen's own answers):
// pre at the start, post at the end (003). A low WHO-5 total tells the coordinator (case code and score only).
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Problem } from "../../src/domain/forms";
import { INSTRUMENTS, type InstrumentId } from "../../src/domain/instruments";
import { assessmentFlags, changeOf, decideAssessment, END_CONFIRM_FIELD, endAsked, itemField, mustChoosePhase, who5Level, who5LowItem, type AssessmentEntry } from "../../src/domain/measures";
import type { Phase } from "../../src/domain/instruments";
import type { Case } from "../../src/domain/model";
import doneTemplate from "../cards/done.json";
import measureTemplate from "../cards/measure.json";
import { render } from "../cards/render";
import type { Reply, VerbContext } from "../context";
import { fill } from "../locale";
import { reachable } from "../../src/domain/corps";
import { kindLabel, kindTitle, problemView, shortDate, staleReply, submitEntry, withCase } from "./shared";

const Instrument = z.enum(["who5", "gse"]);

function measureCard(ctx: VerbContext, c: Case, instrument: InstrumentId, given: Record<string, string> = {}, problems: readonly Problem[] = []): Reply {
  const inst = INSTRUMENTS[instrument];
  const choosing = mustChoosePhase(c, instrument);
  const labels = { ...Object.fromEntries(inst.items.map((item, i) => [itemField(i), item[ctx.lang]])), phase: ctx.t.measure.phaseLabel, [END_CONFIRM_FIELD]: ctx.t.measure.endingTitle };
  const has = c.measures?.[instrument];
  // Each choice says what it would replace ("erstatter 48 fra 3.10.2026").
  const replaces = (p: Phase) => {
    const old = has?.[p];
    return old ? ` ${fill(ctx.t.measure.replaces, { score: old.score, date: shortDate(ctx, old.at) })}` : "";
  };
  return {
    card: render(measureTemplate, {
      t: ctx.t,
      title: `${inst.name[ctx.lang]} · ${c.code}`,
      subtitle: choosing ? kindLabel(ctx, c) : ctx.t.measure.pre,
      choosing,
      phases: (["post", "pre"] as const).map((p) => ({ value: p, title: `${ctx.t.measure.phaseChoice[p]}${replaces(p)}` })),
      phase: given.phase ?? "",
      // Only with a phase to choose: a slutmåling on a case the coordinator has not set to closing asks whether it is ending.
      endAsked: choosing && endAsked(c),
      ending: given[END_CONFIRM_FIELD] === "true" ? "true" : "false",
      ...problemView(ctx, problems, labels, { [END_CONFIRM_FIELD]: ctx.t.measure.endingMissing }),
      intro: inst.intro[ctx.lang],
      items: inst.items.map((item, i) => ({ id: itemField(i), label: `${i + 1}. ${item[ctx.lang]}`, value: given[itemField(i)] ?? "" })),
      choices: inst.choices.map((ch) => ({ title: ch.label[ctx.lang], value: String(ch.value) })),
      source: inst.source[ctx.lang],
      // "Gem mestringstro (GSE)", "Gem WHO-5": a name inside a sentence starts small unless it is an abbreviation.
      save: fill(ctx.t.measure.save, { name: inst.name[ctx.lang].replace(/^(\p{Lu})(\p{Ll})/u, (_m, a: string, b: string) => a.toLowerCase() + b) }),
      instrument,
      caseId: c.id,
      cardVersion: c.version,
      submissionId: given.submissionId ?? randomUUID(),
    }),
  };
}

export async function measureOpen(ctx: VerbContext, data: unknown): Promise<Reply> {
  const instrument = Instrument.catch("who5").parse((data as { instrument?: unknown } | undefined)?.instrument);
  return withCase(ctx, data, "measure.open", INSTRUMENTS[instrument].name[ctx.lang], (c) => measureCard(ctx, c, instrument));
}

function verdictText(ctx: VerbContext, instrument: InstrumentId, pre: number, post: number): string {
  const { delta, verdict } = changeOf(instrument, pre, post);
  // "Faldet 32 point – en betydelig forværring": said in words, not as a signed number.
  const moved = delta === 0 ? ctx.t.measure.unchanged : fill(delta > 0 ? ctx.t.measure.rose : ctx.t.measure.fell, { n: Math.abs(delta) });
  return verdict && delta !== 0 ? `${moved} – ${ctx.t.measure.verdict[verdict]}` : moved;
}

/** `told`: whether the coordinator is being told of a low WHO-5 (undefined: not low). */
function doneCard(ctx: VerbContext, c: Case, entry: AssessmentEntry, pre: number | undefined, told: boolean | undefined): Reply {
  const inst = INSTRUMENTS[entry.instrument];
  const level = entry.instrument === "who5" ? who5Level(entry.score) : undefined;
  const notes = [
    ...(level ? [ctx.t.measure[level]] : []),
    ...(told === true ? [ctx.t.reflect.notified] : told === false ? [ctx.t.reflect.notReachable] : []),
    // The softer note stands alone: a total above 50 with a single low answer raises no flag.
    ...(entry.instrument === "who5" && who5LowItem(entry.items) ? [ctx.t.measure.lowItem] : []),
  ];
  return {
    card: render(doneTemplate, {
      t: ctx.t,
      title: fill(ctx.t.measure.saved, { name: inst.name[ctx.lang], code: c.code }),
      subtitle: `${kindTitle(ctx, c)} · ${ctx.t.measure[entry.phase]}`,
      facts: [
        { title: inst.name[ctx.lang], value: `${entry.score}` },
        ...(entry.phase === "post" && pre !== undefined
          ? [{ title: ctx.t.measure.change, value: verdictText(ctx, entry.instrument, pre, entry.score) }]
          : []),
      ],
      notes,
      actions: [
        ...(entry.instrument === "who5" ? [{ title: INSTRUMENTS.gse.name[ctx.lang], verb: "measure.open", data: { verb: "measure.open", instrument: "gse", caseId: c.id } }] : []),
        { title: ctx.t.common.menu, verb: "menu", data: { verb: "menu" } },
      ],
    }),
  };
}

export async function measureSubmit(ctx: VerbContext, data: unknown): Promise<Reply> {
  const parsed = Instrument.safeParse((data as { instrument?: unknown } | undefined)?.instrument);
  if (!parsed.success) return staleReply(ctx, "notFound", "menu", "");
  const instrument = parsed.data;
  const done = await submitEntry(ctx, data, {
    name: "measure",
    reopenVerb: "measure.open",
    decide: (values, c, actorId, now) => decideAssessment(instrument, values, c, actorId, now),
    handBack: (c, values, problems) => measureCard(ctx, c, instrument, values, problems),
  });
  if ("reply" in done) return done.reply;
  const { entry } = done;
  const raised = assessmentFlags(entry).length > 0;
  // The flag is stored on the case either way; the note says whether Løft can reach the coordinator in Teams.
  const coordinator = raised ? await ctx.repos.members.get(done.case.corpsId, done.case.coordinatorId) : undefined;
  return doneCard(ctx, done.case, entry, entry.phase === "post" ? done.case.measures?.[instrument]?.pre?.score : undefined, raised ? reachable(ctx.who.corps, coordinator) : undefined);
}
