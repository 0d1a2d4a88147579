// Lending a coach between corps (issue 24; src/domain/lending.ts): the borrowing coordinator asks from a case («Lån
// en mentor fra et andet korps»), the lending corps' coordinators are told in their chat and answer («Lån ud» with a
// person, or «Sig nej»), and «Udlån» lists what is borrowed and lent, each with «Afslut udlån». When agreed, the person
// becomes the case's coach as a guest of the borrowing corps (a member document there with the case's kind as its one
// role), and the case is handed to them as a reassign is. Ending — by either coordinator, or the case closing — takes
// the guest's membership away at once and flags the case for a new coach. Every message is an outbox message.
import { randomUUID } from "node:crypto";
import { withMembership } from "../../src/domain/corps";
import { lendingsUnderWay, revokeGuest } from "../../src/store/lending";
import { lentTo, withCoachLeft } from "../../src/domain/coordination";
import type { Problem } from "../../src/domain/forms";
import { messageJob } from "../../src/domain/jobs";
import { corpsName, currentLending, decideAnswer, decideAsk, guestMember, lendable, lendersFor, mayEnd, type Lending } from "../../src/domain/lending";
import { userKey, type Case, type Corps } from "../../src/domain/model";
import askTemplate from "../cards/lending-ask.json";
import answerTemplate from "../cards/lending-answer.json";
import listTemplate from "../cards/lendings.json";
import { render } from "../cards/render";
import type { BotDeps, Reply, VerbContext } from "../context";
import { fill } from "../locale";
import { notice, problemView, shortDate, staleReply } from "./shared";

type Deps = Pick<BotDeps, "repos" | "clock" | "log" | "outbox" | "deriver">;
type Event = "asked" | "agreed" | "declined" | "ended" | "erased";

export const action = (title: string, verb: string, data: object = {}) => ({ title, verb, data: { verb, ...data } });
const coordinatorsOf = async (deps: Pick<Deps, "repos">, corpsId: string) =>
  (await deps.repos.members.list(corpsId)).filter((m) => m.roles.includes("coordinator") && !m.leftAt && !m.guest);

/** Writes one message per recipient (once each, by id) and sends them now; the scheduler sends what this cannot. */
async function owe(deps: Deps, l: Lending, event: Event, to: ReadonlyArray<{ corpsId: string; to: string }>) {
  const now = deps.clock();
  const byCorps = new Map<string, string[]>();
  for (const r of to) {
    const erased = event === "erased" ? { kind: l.kind, ...(l.guest ? { guest: { aadObjectId: l.guest.aadObjectId, name: l.guest.name } } : {}) } : {};
    const job = messageJob(r.corpsId, { what: "lending", lendingId: l.id, borrowerCorpsId: l.corpsId, event, to: r.to.toLowerCase(), ...erased }, now);
    await deps.repos.jobs.create(job);
    (byCorps.get(r.corpsId) ?? byCorps.set(r.corpsId, []).get(r.corpsId)!).push(job.id);
  }
  for (const [corpsId, ids] of byCorps) void deps.outbox.sendNow(corpsId, ids);
}

// ── The borrowing corps: asking ─────────────────────────────────────────────────────────────────────────────────

async function askCard(ctx: VerbContext, c: Case, values: Record<string, string> = {}, problems: readonly Problem[] = []): Promise<Reply> {
  const lenders = lendersFor(await ctx.repos.corps.list(), ctx.who.corps.corpsId);
  const kind = ctx.t.lending.person[c.kind];
  if (lenders.length === 0) return notice(ctx, fill(ctx.t.lending.askTitle, { kind, code: c.code }), ctx.t.lending.noLenders, [action(ctx.t.coord.caseTitleShort, "coord.case", { caseId: c.id })]);
  return {
    card: render(askTemplate, {
      t: ctx.t,
      title: fill(ctx.t.lending.askTitle, { kind, code: c.code }),
      intro: fill(ctx.t.lending.askIntro, { kind }),
      ...problemView(ctx, problems, { lender: ctx.t.lending.lender, specialisation: ctx.t.lending.specialisation }),
      lenders: lenders.map((x) => ({ value: x.corpsId, title: corpsName(x) })),
      values: { lender: values.lender ?? "", specialisation: values.specialisation ?? "" },
      caseId: c.id,
      data: { verb: "lending.askSubmit", caseId: c.id, submissionId: values.submissionId ?? randomUUID() },
    }),
  };
}

export async function lendingAsk(ctx: VerbContext, values: Record<string, string>): Promise<Reply> {
  const got = await ctx.cases.get(values.caseId, "coordinator");
  if (!got) return staleReply(ctx, "notFound", "coord.cases", "");
  if (got.doc.status === "closed") return staleReply(ctx, "closed", "coord.case", got.doc.id);
  if (currentLending(await ctx.repos.lendings.list(ctx.who.corps.corpsId), got.doc.id)) return notice(ctx, ctx.t.lending.listTitle, ctx.t.lending.underWay, [action(ctx.t.lending.menu, "lending.list")]);
  return askCard(ctx, got.doc);
}

export async function lendingAskSubmit(ctx: VerbContext, values: Record<string, string>): Promise<Reply> {
  const corpsId = ctx.who.corps.corpsId;
  const submissionId = /^[0-9a-f-]{36}$/.test(values.submissionId ?? "") ? values.submissionId : undefined;
  const [got, all, lendings] = await Promise.all([ctx.cases.get(values.caseId, "coordinator"), ctx.repos.corps.list(), ctx.repos.lendings.list(corpsId)]);
  const id = submissionId ? `lending-${submissionId}` : undefined;
  // A replay of a request already made answers as the first time did.
  const made = lendings.find((l) => l.id === id);
  const lenders = lendersFor(all, corpsId);
  const d: ReturnType<typeof decideAsk> = made ? { kind: "ok", lenderCorpsId: made.lenderCorpsId } : decideAsk(values, got?.doc, ctx.who.member, lenders, lendings);
  if (d.kind === "stale") return d.reason === "underWay" ? notice(ctx, ctx.t.lending.listTitle, ctx.t.lending.underWay, [action(ctx.t.lending.menu, "lending.list")]) : staleReply(ctx, d.reason, "coord.case", values.caseId ?? "");
  if (d.kind === "refused") return askCard(ctx, got!.doc, values, d.problems);
  const lender = all.find((x) => x.corpsId === d.lenderCorpsId);
  if (!made) {
    if (!id) return askCard(ctx, got!.doc, values, [{ field: "", code: "notSaved" }]);
    const c = got!.doc;
    const l: Lending = {
      type: "lending",
      id,
      corpsId,
      lenderCorpsId: d.lenderCorpsId,
      caseId: c.id,
      kind: c.kind,
      ...(d.specialisation ? { specialisation: d.specialisation } : {}),
      status: "asked",
      askedBy: ctx.who.member.aadObjectId.toLowerCase(),
      askedAt: ctx.clock().toISOString(),
    };
    try {
      await ctx.repos.lendings.create(l);
      await ctx.repos.lendings.createRef({ type: "lendingRef", id, corpsId: d.lenderCorpsId, borrowerCorpsId: corpsId });
      await owe(ctx, l, "asked", (await coordinatorsOf(ctx, d.lenderCorpsId)).map((m) => ({ corpsId: d.lenderCorpsId, to: m.aadObjectId })));
    } catch (err) {
      ctx.log.error({ event: "lending.ask.notSaved", corpsId, err: { message: (err as Error).message } }, "lending request not saved");
      return askCard(ctx, c, values, [{ field: "", code: "notSaved" }]);
    }
    ctx.log.info({ event: "lending.asked", corpsId, lendingId: id, lender: d.lenderCorpsId, caseId: c.id }, "lending asked");
  }
  return notice(ctx, ctx.t.lending.listTitle, fill(ctx.t.lending.asked, { corps: corpsName(lender) }), [action(ctx.t.coord.caseTitleShort, "coord.case", { caseId: values.caseId }), action(ctx.t.lending.menu, "lending.list")]);
}

// ── The lending corps: answering ────────────────────────────────────────────────────────────────────────────────

async function answerCard(ctx: VerbContext, l: Lending, values: Record<string, string> = {}, problems: readonly Problem[] = []): Promise<Reply> {
  const [borrower, askers, members] = await Promise.all([ctx.repos.corps.get(l.corpsId), ctx.repos.members.list(l.corpsId), ctx.repos.members.list(ctx.who.corps.corpsId)]);
  const kind = ctx.t.lending.person[l.kind];
  const name = corpsName(borrower);
  const asker = askers.find((m) => m.aadObjectId.toLowerCase() === l.askedBy)?.name ?? ctx.t.notify.someone;
  const ids = { lendingId: l.id, borrower: l.corpsId };
  return {
    card: render(answerTemplate, {
      t: ctx.t,
      title: fill(ctx.t.lending.answerTitle, { corps: name, kind }),
      problems: problems.map(() => ctx.t.lending.personLabel),
      facts: [
        { title: ctx.t.lending.from, value: name },
        { title: ctx.t.lending.kind, value: ctx.t.common.caseKind[l.kind] },
        ...(l.specialisation ? [{ title: ctx.t.lending.specialisationFact, value: l.specialisation }] : []),
        { title: ctx.t.lending.askedBy, value: asker },
        { title: ctx.t.lending.askedAt, value: shortDate(ctx, l.askedAt) },
      ],
      intro: fill(ctx.t.lending.answerIntro, { kind, corps: name }),
      personLabel: ctx.t.lending.personLabel,
      people: lendable(members, l.kind).map((m) => ({ value: m.aadObjectId, title: m.name })),
      noPeople: fill(ctx.t.lending.noPeople, { kind }),
      values: { person: values.person ?? "" },
      data: { verb: "lending.agree", ...ids },
      declineData: { verb: "lending.decline", ...ids },
    }),
  };
}

/** The lending a card names, read from the borrowing corps it names (the card's ids are checked by the verb's schema). */
const lendingOf = (ctx: VerbContext, values: Record<string, string>) => ctx.repos.lendings.get(values.borrower, values.lendingId);

export async function lendingAnswer(ctx: VerbContext, values: Record<string, string>): Promise<Reply> {
  const l = await lendingOf(ctx, values);
  if (!l || l.lenderCorpsId !== ctx.who.corps.corpsId) return notice(ctx, ctx.t.lending.listTitle, ctx.t.lending.notFound, [action(ctx.t.lending.menu, "lending.list")]);
  if (l.status !== "asked") return lendingList(ctx, {}, ctx.t.lending.answered);
  return answerCard(ctx, l);
}

export async function lendingAgree(ctx: VerbContext, values: Record<string, string>): Promise<Reply> {
  const now = ctx.clock();
  const [l, members] = await Promise.all([lendingOf(ctx, values), ctx.repos.members.list(ctx.who.corps.corpsId)]);
  // «Lån ud» pressed again for the person already lent (a retry after a turn that stopped half-way, or a double tap):
  // the steps after the lending's own change are done again — each is idempotent — and it answers as the first time.
  const again = l?.status === "agreed" && l.lenderCorpsId === ctx.who.corps.corpsId && l.guest?.aadObjectId === (values.person ?? "").toLowerCase();
  const home = again ? members.find((m) => m.aadObjectId.toLowerCase() === l!.guest!.aadObjectId) : undefined;
  const d: ReturnType<typeof decideAnswer> = again && home && ctx.who.member.roles.includes("coordinator") ? { kind: "agreed", guest: home } : decideAnswer(l, ctx.who.member, true, values.person, members);
  if (d.kind === "stale") return d.reason === "answered" ? lendingList(ctx, {}, ctx.t.lending.answered) : notice(ctx, ctx.t.lending.listTitle, ctx.t.lending.notFound);
  if (d.kind === "refused") return answerCard(ctx, l!, values, [{ field: "person", code: d.problem }]);
  if (d.kind !== "agreed") return lendingDecline(ctx, values);
  const lending = l!;
  const c = await ctx.repos.cases.get(lending.corpsId, lending.caseId);
  // The case closed (or was erased) while the request waited: nothing to lend for.
  if (!c || c.doc.status === "closed") {
    await endLending(ctx, lending.corpsId, lending.id, ctx.who.member.aadObjectId, "caseClosed");
    return notice(ctx, ctx.t.lending.listTitle, ctx.t.lending.notFound, [action(ctx.t.lending.menu, "lending.list")]);
  }
  const guest = d.guest;
  const tenantId = ctx.who.corps.tenantId;
  const { after } = await ctx.repos.lendings.update(lending.corpsId, lending.id, (x) =>
    x.status !== "asked" ? undefined : { ...x, status: "agreed" as const, guest: { aadObjectId: guest.aadObjectId.toLowerCase(), name: guest.name, tenantId }, answeredBy: ctx.who.member.aadObjectId.toLowerCase(), answeredAt: now.toISOString() },
  );
  if (!after || after.status !== "agreed" || after.guest?.aadObjectId !== guest.aadObjectId.toLowerCase()) return lendingList(ctx, {}, ctx.t.lending.answered);
  // The guest's membership of the borrowing corps, then the case handed to them (both coaches told, as a reassign).
  await ctx.repos.members.upsert(guestMember(after, guest, tenantId));
  await ctx.repos.directory.upsert(withMembership(await ctx.repos.directory.get(userKey(tenantId, guest.aadObjectId)), tenantId, { aadObjectId: guest.aadObjectId, corpsId: after.corpsId, roles: [after.kind] }));
  const handed = lentTo(c.doc, guest.aadObjectId, after.askedBy, after.id, now);
  const notices: string[] = [];
  for (const n of handed.notices) {
    const job = messageJob(after.corpsId, { what: "notice", caseId: c.doc.id, actionId: after.id, noticeId: n.id, to: n.to }, now);
    await ctx.repos.jobs.create(job);
    notices.push(job.id);
  }
  const updated = await ctx.repos.cases.update(after.corpsId, c.doc.id, handed.change, c);
  await ctx.deriver.projectCase(updated.after!, handed.formerCoachId);
  void ctx.outbox.sendNow(after.corpsId, notices);
  await owe(ctx, after, "agreed", (await coordinatorsOf(ctx, after.corpsId)).map((m) => ({ corpsId: after.corpsId, to: m.aadObjectId })));
  ctx.log.info({ event: "lending.agreed", corpsId: after.corpsId, lendingId: after.id, lender: after.lenderCorpsId }, "lending agreed");
  return lendingList(ctx, {}, fill(ctx.t.lending.agreed, { name: guest.name, corps: corpsName(await ctx.repos.corps.get(after.corpsId)) }));
}

export async function lendingDecline(ctx: VerbContext, values: Record<string, string>): Promise<Reply> {
  const now = ctx.clock();
  const l = await lendingOf(ctx, values);
  const d = decideAnswer(l, ctx.who.member, false, undefined, []);
  if (d.kind === "stale") return d.reason === "answered" ? lendingList(ctx, {}, ctx.t.lending.answered) : notice(ctx, ctx.t.lending.listTitle, ctx.t.lending.notFound);
  const { after } = await ctx.repos.lendings.update(l!.corpsId, l!.id, (x) =>
    x.status !== "asked" ? undefined : { ...x, status: "declined", answeredBy: ctx.who.member.aadObjectId.toLowerCase(), answeredAt: now.toISOString() },
  );
  if (after?.status !== "declined") return lendingList(ctx, {}, ctx.t.lending.answered);
  await owe(ctx, after, "declined", (await coordinatorsOf(ctx, after.corpsId)).map((m) => ({ corpsId: after.corpsId, to: m.aadObjectId })));
  ctx.log.info({ event: "lending.declined", corpsId: after.corpsId, lendingId: after.id }, "lending declined");
  return lendingList(ctx, {}, fill(ctx.t.lending.declined, { corps: corpsName(await ctx.repos.corps.get(after.corpsId)) }));
}

// ── Ending, and the list ────────────────────────────────────────────────────────────────────────────────────────

/**
 * Ends a lending that is asked or agreed (once: a second end finds it ended). An agreed one takes the guest's
 * membership of the borrowing corps away at once (member document and directory), and an open case they coach is
 * flagged for the coordinators to choose a new coach. Everyone concerned is told, but not the one who ended it.
 */
export async function endLending(deps: Deps, corpsId: string, lendingId: string, by: string | undefined, because: NonNullable<Lending["endedBecause"]>): Promise<Lending | undefined> {
  const now = deps.clock();
  let before: Lending | undefined;
  const { after } = await deps.repos.lendings.update(corpsId, lendingId, (l) => {
    if (l.status !== "asked" && l.status !== "agreed") return undefined;
    before = l;
    return { ...l, status: "ended", endedAt: now.toISOString(), ...(by ? { endedBy: by.toLowerCase() } : {}), endedBecause: because };
  });
  if (!before || !after) return undefined;
  const l = after;
  const tell: Array<{ corpsId: string; to: string }> = [];
  const coordinators = async (id: string) => (await coordinatorsOf(deps, id)).filter((m) => m.aadObjectId.toLowerCase() !== by?.toLowerCase()).map((m) => ({ corpsId: id, to: m.aadObjectId }));
  if (before.status === "agreed" && l.guest) {
    const { aadObjectId } = l.guest;
    await revokeGuest(deps.repos, l, now);
    const c = await deps.repos.cases.get(l.corpsId, l.caseId);
    if (c && c.doc.status !== "closed" && c.doc.coachId.toLowerCase() === aadObjectId) {
      const { after: flagged } = await deps.repos.cases.update(l.corpsId, l.caseId, (x) => withCoachLeft(x, l.id, now), c);
      if (flagged) await deps.deriver.projectCase(flagged, aadObjectId);
    }
    tell.push({ corpsId: l.lenderCorpsId, to: aadObjectId }, ...(await coordinators(l.corpsId)), ...(await coordinators(l.lenderCorpsId)));
  } else tell.push(...(await coordinators(l.lenderCorpsId)));
  await owe(deps, l, "ended", because === "caseClosed" && before.status === "agreed" ? tell.filter((t) => t.corpsId === l.lenderCorpsId) : tell);
  deps.log.info({ event: "lending.ended", corpsId: l.corpsId, lendingId: l.id, because }, "lending ended");
  return l;
}

/**
 * The case is about to be erased (a citizen's request): its lending goes with it. The lending corps' coordinators and
 * the person lent are told — without the case, which will be gone; the message carries what it says.
 */
export async function tellErased(deps: Deps, corpsId: string, caseId: string): Promise<void> {
  const l = currentLending(await deps.repos.lendings.list(corpsId), caseId);
  if (!l) return;
  const to = (await coordinatorsOf(deps, l.lenderCorpsId)).map((m) => ({ corpsId: l.lenderCorpsId, to: m.aadObjectId }));
  if (l.status === "agreed" && l.guest) to.push({ corpsId: l.lenderCorpsId, to: l.guest.aadObjectId });
  await owe(deps, l, "erased", to);
}

/** The case closed: its lending (if any) ends with it. */
export async function endLendingsOfCase(deps: Deps, corpsId: string, caseId: string): Promise<void> {
  const l = currentLending(await deps.repos.lendings.list(corpsId), caseId);
  if (l) await endLending(deps, corpsId, l.id, undefined, "caseClosed");
}

/** «Afslut udlån» (or «Træk forespørgslen tilbage»): what ending it does, to confirm. The lending corps never sees the case. */
export async function lendingEnd(ctx: VerbContext, values: Record<string, string>): Promise<Reply> {
  const l = await lendingOf(ctx, values);
  const side = mayEnd(l, ctx.who.member);
  if (!l || !side) return lendingList(ctx, {}, l ? ctx.t.lending.answered : ctx.t.lending.notFound);
  // A request not yet answered is ended on the lending side by answering it («Sig nej» tells the asking corps).
  if (side === "lender" && !l.guest) return lendingAnswer(ctx, values);
  const tt = ctx.t.lending;
  const other = corpsName(await ctx.repos.corps.get(side === "borrower" ? l.lenderCorpsId : l.corpsId));
  const code = side === "borrower" ? (await ctx.repos.cases.get(l.corpsId, l.caseId))?.doc.code : undefined;
  const vars = { guest: l.guest?.name ?? "", corps: other, code: code ?? "", kind: tt.person[l.kind] };
  const [title, text] =
    !l.guest ? [fill(tt.withdrawTitle, vars), fill(tt.withdrawText, vars)]
    : side === "borrower" ? [fill(tt.endTitle, vars), fill(tt.endText, vars)]
    : [fill(tt.endTitle, vars), fill(tt.endTextLender, vars)];
  return notice(ctx, title, text, [
    { title: l.guest ? tt.endConfirm : tt.withdrawConfirm, verb: "lending.endConfirm", data: { lendingId: l.id, borrower: l.corpsId } },
    { title: tt.back, verb: "lending.list" },
  ]);
}

/** Ends the lending (confirmed); pressed again, it says so. */
export async function lendingEndConfirm(ctx: VerbContext, values: Record<string, string>): Promise<Reply> {
  const l = await lendingOf(ctx, values);
  const side = mayEnd(l, ctx.who.member);
  if (!side) return lendingList(ctx, {}, l ? ctx.t.lending.answered : ctx.t.lending.notFound);
  const ended = await endLending(ctx, l!.corpsId, l!.id, ctx.who.member.aadObjectId, side);
  return lendingList(ctx, {}, ended ? fill(ctx.t.lending.ended, { guest: ended.guest ? ctx.t.lending.endedGuest : "" }) : ctx.t.lending.answered);
}

export async function lendingList(ctx: VerbContext, _values: Record<string, string> = {}, done = ""): Promise<Reply> {
  const corpsId = ctx.who.corps.corpsId;
  const { borrowed, lent } = await lendingsUnderWay(ctx, corpsId);
  const corps = new Map((await ctx.repos.corps.list()).map((c) => [c.corpsId, c]));
  const cases = new Map((await ctx.cases.list("coordinator")).map((c) => [c.id, c]));
  const tt = ctx.t.lending;
  const ids = (l: Lending) => ({ lendingId: l.id, borrower: l.corpsId });
  const borrowedLine = (l: Lending) => ({
    line: fill(l.guest ? tt.lineIn : tt.lineInAsked, { code: cases.get(l.caseId)?.code ?? "–", guest: l.guest?.name ?? "", corps: corpsName(corps.get(l.lenderCorpsId)) }),
    detail: fill(l.guest ? tt.since : tt.askedSince, { date: shortDate(ctx, l.answeredAt ?? l.askedAt) }),
    actions: [action(ctx.t.coord.openShort, "coord.case", { caseId: l.caseId }), action(l.guest ? tt.end : tt.withdraw, "lending.end", ids(l))],
  });
  const lentLine = (l: Lending) => ({
    line: fill(l.guest ? tt.lineOut : tt.lineOutAsked, { guest: l.guest?.name ?? "", corps: corpsName(corps.get(l.corpsId)), kind: tt.person[l.kind] }),
    detail: fill(l.guest ? tt.since : tt.askedSince, { date: shortDate(ctx, l.answeredAt ?? l.askedAt) }),
    actions: l.status === "asked" ? [action(tt.answer, "lending.answer", ids(l))] : [action(tt.end, "lending.end", ids(l))],
  });
  const asked = (l: Lending) => l.status === "asked";
  // Requests to answer first; then what is lent, what is borrowed, and the requests this corps is waiting on.
  const groups = [
    { heading: fill(tt.toAnswerHeading, { n: lent.filter(asked).length }), items: lent.filter(asked).map(lentLine) },
    { heading: fill(tt.outHeading, { n: lent.filter((l) => !asked(l)).length }), items: lent.filter((l) => !asked(l)).map(lentLine) },
    { heading: fill(tt.inHeading, { n: borrowed.filter((l) => !asked(l)).length }), items: borrowed.filter((l) => !asked(l)).map(borrowedLine) },
    { heading: fill(tt.waitingHeading, { n: borrowed.filter(asked).length }), items: borrowed.filter(asked).map(borrowedLine) },
  ].filter((g) => g.items.length > 0);
  return { card: render(listTemplate, { t: ctx.t, done, groups }) };
}

/** For the case card: the lending under way (a fact), and its end in place of «Skift mentor» while it lasts. */
export function lendingOnCase(ctx: VerbContext, c: Case, l: Lending | undefined, corps: ReadonlyMap<string, Corps>) {
  if (c.status === "closed" || !l) return { facts: [] };
  const lender = corpsName(corps.get(l.lenderCorpsId));
  const value = l.guest ? fill(ctx.t.lending.caseFactAgreed, { guest: l.guest.name, corps: lender }) : fill(ctx.t.lending.caseFactAsked, { corps: lender, date: shortDate(ctx, l.askedAt) });
  return { facts: [{ title: ctx.t.lending.caseFact, value }], instead: action(l.guest ? ctx.t.lending.end : ctx.t.lending.withdraw, "lending.end", { lendingId: l.id, borrower: l.corpsId }) };
}
