// The monthly status check-in (issue 9; 001 §4.2, §5.2), driven by the scheduler: the plan creates one job per corps,
// month and step; "ask" sends each coach a status card per active case, "remind" nudges those who have not answered
// the working day before, "summary" posts one summary in the corps' channel on the check-in day and keeps it current
// as answers come in (the same message, updated). When is decided in src/domain/checkin.ts; this is the I/O.
import { createHash, randomUUID } from "node:crypto";
import {
  askSendId,
  casesToAsk,
  channelTotals,
  checkInOf,
  coachesToRemind,
  jobTimes,
  keepCurrent,
  meetingAtFor,
  newRound,
  planned,
  planRound,
  stepDecision,
  stepJobsOf,
  summaryDecision,
  summaryOf,
  summaryRowOf,
  SUMMARY_WINDOW_DAYS,
  type CheckInRound,
  type CheckInTimes,
  type Summary,
  type SummaryRow,
} from "../src/domain/checkin";
import { claimHeld } from "../src/domain/delivery";
import { checkInJob, messageJob, type JobOf, type JobOutcome } from "../src/domain/jobs";
import { inWork, type Corps } from "../src/domain/model";
import type { OwedMessage } from "../src/domain/outbox";
import { formatLocal, localTime, monthName, previousMonth } from "../src/domain/time";
import summaryTemplate from "./cards/checkin-summary.json";
import totalsTemplate from "./cards/checkin-totals.json";
import { render } from "./cards/render";
import type { BotDeps, Messenger, OutboxPort, Reply } from "./context";
import { catalogue, fill, type Lang } from "./locale";

type Deps = Pick<BotDeps, "repos" | "log" | "clock"> & { messenger: Messenger; outbox: OutboxPort };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Who sees the per-case view of the channel's card: the coordinators' Teams user ids (Teams allows 60). */
export type Viewers = readonly string[];

const titleOf = (s: Summary, at: Date, now: Date, lang: Lang) => {
  const t = catalogue(lang);
  return {
    title: fill(t.summary.title, { month: monthName(s.month, lang) }),
    subtitle: `${fill(t.summary.subtitle, { date: formatLocal(at, lang), answered: s.totals.answered, cases: s.totals.cases })} · ${fill(t.summary.updated, { time: localTime(now) })}`,
    previousMissed: s.previousMissed ? fill(t.summary.previousMissed, { month: monthName(s.previousMissed, lang) }) : "",
  };
};

/**
 * A card in the channel asks Teams to fetch each coordinator's own view of it (Universal Actions' user-specific views:
 * `refresh` with their user ids); everyone else keeps the card as posted, and a coordinator who asks gets their view.
 */
function withRefresh(reply: Reply, month: string, viewers: Viewers): Reply {
  if (!("card" in reply) || viewers.length === 0) return reply;
  const refresh = { action: { type: "Action.Execute", title: "Opdatér", verb: "summary.view", data: { verb: "summary.view", month } }, userIds: viewers.slice(0, 60) };
  return { card: { ...reply.card, refresh } };
}

/**
 * What the whole channel sees of the month's summary, in Danish (a channel has no one language; the corps works in
 * Danish): totals only (src/domain/checkin.ts channelTotals) — never a case code, a name or a flag.
 */
export function channelSummaryReply(s: Summary, at: Date, now: Date, viewers: Viewers): Reply {
  const t = catalogue("da");
  return withRefresh(
    {
      card: render(totalsTemplate, {
        t,
        ...titleOf(s, at, now, "da"),
        totals: channelTotals(s).map(({ key, value }) => ({ title: t.summary.totalsChannel[key], value: String(value) })),
        month: s.month,
      }),
    },
    s.month,
    viewers,
  );
}

/**
 * The coordinators' view: every case with its code, mentor, answer, trends and flags — in the channel as their own
 * view of the card (`where` "channel": a line opens the case in their chat, flags can be put off), or in their chat.
 */
export function coordinatorSummaryReply(s: Summary, at: Date, now: Date, where: "channel" | "chat", viewers: Viewers = []): Reply {
  const t = catalogue("da");
  const comma = (n: number) => String(n).replace(".", ",");
  const colour: Record<SummaryRow["answer"], string> = {
    needsHelp: "Attention",
    stalled: "Attention",
    unreachable: "Attention",
    unanswered: "Warning",
    readyToClose: "Accent",
    onTrack: "Good",
  };
  const totals = (["needsHelp", "stalled", "considerEnding", "readyToClose", "flagged", "onTrack", "paused"] as const)
    .filter((k) => s.totals[k] > 0)
    .map((k) => ({ title: t.summary.totals[k], value: String(s.totals[k]) }));
  const reply: Reply = {
    card: render(summaryTemplate, {
      t,
      ...titleOf(s, at, now, "da"),
      unreachable: s.unreachable.length > 0 ? fill(t.summary.unreachable, { names: s.unreachable.join(", ") }) : "",
      totals,
      month: s.month,
      openVerb: where === "channel" ? "summary.openCase" : "coord.case",
      inChannel: where === "channel",
      rows: s.rows.map((r) => ({
        caseId: r.caseId,
        hasFlags: r.flags.length > 0,
        code: r.code,
        coach: r.coachName,
        answer: [t.summary.answers[r.answer], ...(r.goalsStillRelevant === false ? [t.summary.goalsNotRelevant] : [])].join(" · "),
        color: colour[r.answer],
        trends: [
          ...(r.meetingAt ? [fill(t.summary.meetingMoved, { date: formatLocal(new Date(r.meetingAt), "da") })] : []),
          ...(r.goals ? [fill(t.summary.goals, { from: comma(r.goals.from), to: comma(r.goals.to) })] : []),
          ...(r.progress ? [fill(t.summary.progress, { from: r.progress.from, to: r.progress.to })] : []),
        ].join(" · "),
        notes: [
          ...r.flags.map((f) => t.summary.flags[f]),
          ...(r.flagsHandled ? [t.summary.flagsHandled] : []),
          ...(r.missingReflections > 0 ? [r.missingReflections === 1 ? t.summary.missingOne : fill(t.summary.missing, { n: r.missingReflections })] : []),
        ].join(" · "),
        considerEnding: r.considerEnding ? t.summary.considerEnding : "",
      })),
      more: s.more > 0 ? fill(t.summary.more, { n: s.more }) : "",
      footer: t.summary.footer,
    }),
  };
  return where === "channel" ? withRefresh(reply, s.month, viewers) : reply;
}

/** What changes in the summary when it is shown again (not the "updated at" time). */
const fingerprint = (s: Summary) => createHash("sha256").update(JSON.stringify(s)).digest("base64url").slice(0, 22);

export function createCheckIns(deps: Deps) {
  const { repos, log, clock, messenger, outbox } = deps;

  /** The coordinators' Teams user ids: whose clients fetch their own view of the channel's card. */
  async function viewersOf(corpsId: string): Promise<string[]> {
    const members = await repos.members.list(corpsId);
    return members.filter((m) => m.roles.includes("coordinator") && m.teamsUserId).map((m) => m.teamsUserId!);
  }

  /** The month's summary for one viewer: the totals, or (a coordinator's) every case; undefined if there is no round. */
  /** The month's summary as `view` shows it; `shown` is told the cases a coordinator's view names (the access log). */
  async function summaryCard(corpsId: string, month: string, view: "totals" | "channel" | "chat", shown?: (caseIds: string[]) => void): Promise<Reply | undefined> {
    const [round, corps] = await Promise.all([repos.checkIns.getRound(corpsId, month), repos.corps.get(corpsId)]);
    if (!round || !corps) return undefined;
    const summary = await summaryNow(corps, round.doc);
    const at = new Date(round.doc.at);
    const viewers = view === "chat" ? [] : await viewersOf(corpsId);
    if (view !== "totals") shown?.(summary.rows.map((r) => r.caseId));
    return view === "totals" ? channelSummaryReply(summary, at, clock(), viewers) : coordinatorSummaryReply(summary, at, clock(), view, viewers);
  }

  // ── Planning ──────────────────────────────────────────────────────────────────────────────────

  /** Creates the corps' check-in rounds and jobs for last, this and next month (idempotent); moves pending ones. */
  async function planCorps(corps: Corps, now: Date): Promise<void> {
    for (const { times, state } of planned(corps, now)) {
      const got = await repos.checkIns.getRound(corps.corpsId, times.month);
      const hadPrevious = state === "missed" && !got && !!(await repos.checkIns.getRound(corps.corpsId, previousMonth(times.month)));
      const decided = planRound(times, state, got?.doc, hadPrevious);
      if (decided.kind === "createMissed") await repos.checkIns.createRound({ ...newRound(corps.corpsId, times), missed: true });
      if (decided.kind === "markMissed") await repos.checkIns.updateRound(corps.corpsId, times.month, (r) => ({ ...r, missed: true }));
      if (decided.kind === "create") await repos.checkIns.createRound(newRound(corps.corpsId, times));
      if (decided.kind === "move") {
        const moved = newRound(corps.corpsId, times);
        await repos.checkIns.updateRound(corps.corpsId, times.month, (r) => ({ ...r, at: moved.at, askAt: moved.askAt, remindAt: moved.remindAt }));
      }
      if (decided.kind !== "create" && decided.kind !== "move" && decided.kind !== "keep") continue;
      const round = (await repos.checkIns.getRound(corps.corpsId, times.month))!.doc;
      for (const { step, dueAt } of stepJobsOf(times, round)) {
        const job = checkInJob(corps.corpsId, times.month, step, dueAt);
        const existing = await repos.jobs.get(corps.corpsId, job.id);
        if (!existing) await repos.jobs.create(job);
        else if (existing.doc.status === "pending" && existing.doc.dueAt !== job.dueAt && existing.doc.attempts === 0) {
          await repos.jobs.replaceIfUnchanged({ ...existing.doc, dueAt: job.dueAt }, existing.etag);
        }
      }
    }
  }

  async function plan(now: Date): Promise<void> {
    for (const corps of await repos.corps.list()) {
      await planCorps(corps, now).catch((err: Error) =>
        log.error({ event: "checkin.planFailed", corpsId: corps.corpsId, err: { message: err.message } }, "check-in planning failed"),
      );
    }
  }

  // ── The steps ────────────────────────────────────────────────────────────────────────────────
  // Asking and reminding write one outbox message per card (bot/outbox/checkin.ts) and send them from here at once;
  // the scheduler sends what this instance could not (it died, Teams refused for now). Each card goes out once.

  /** Writes the messages (each once: their ids are the month's and the case's or coach's) and sends them now. */
  async function owe(corpsId: string, messages: OwedMessage[]): Promise<void> {
    const now = clock();
    const ids: string[] = [];
    for (const m of messages) {
      const job = messageJob(corpsId, m, now);
      await repos.jobs.create(job);
      ids.push(job.id);
    }
    await outbox.sendNow(corpsId, ids);
  }

  async function ask(corps: Corps, times: CheckInTimes): Promise<JobOutcome> {
    const toAsk = casesToAsk(await repos.cases.list(corps.corpsId));
    const cases = [...toAsk.values()].flat();
    await owe(corps.corpsId, cases.map((c) => ({ what: "checkinAsk", month: times.month, caseId: c.id, to: c.coachId.toLowerCase() })));
    const asked = Object.fromEntries(cases.map((c) => [c.id, c.kind]));
    await repos.checkIns.updateRound(corps.corpsId, times.month, (r) => (r.askedAt ? undefined : { ...r, askedAt: clock().toISOString(), asked }));
    // The menu offers a card missed from now on (read with the corps, no further read per turn).
    await repos.corps.update(corps.corpsId, (c) => ((c.checkInAsked ?? "") >= times.month ? undefined : { ...c, checkInAsked: times.month }));
    return "done";
  }

  async function remind(corps: Corps, times: CheckInTimes): Promise<JobOutcome> {
    const reached = coachesToRemind(await repos.checkIns.listRequests(corps.corpsId, times.month));
    await owe(corps.corpsId, reached.map((to) => ({ what: "checkinRemind", month: times.month, to })));
    await repos.checkIns.updateRound(corps.corpsId, times.month, (r) => (r.remindedAt ? undefined : { ...r, remindedAt: clock().toISOString() }));
    return "done";
  }

  /** The summary as the store has it now. */
  async function summaryNow(corps: Corps, round: CheckInRound): Promise<Summary> {
    const at = new Date(round.at);
    const now = clock();
    const [cases, members, requests, entries, previous] = await Promise.all([
      repos.cases.list(corps.corpsId),
      repos.members.list(corps.corpsId),
      repos.checkIns.listRequests(corps.corpsId, round.month),
      repos.entries.listSince(corps.corpsId, new Date(at.getTime() - SUMMARY_WINDOW_DAYS * DAY)),
      repos.checkIns.getRound(corps.corpsId, previousMonth(round.month)),
    ]);
    const previousAt = previous ? new Date(previous.doc.at) : undefined;
    const rows = cases
      .filter(inWork)
      .map((c) => {
        const own = entries.filter((e) => e.caseId === c.id);
        const answer = own.find((e) => e.type === "statusCheckIn" && e.month === round.month);
        const request = requests.find((r) => same(r.memberId, c.coachId));
        const delivery = request?.sends.find((s) => s.id === askSendId(c.id))?.delivery;
        const coachName = members.find((m) => same(m.aadObjectId, c.coachId))?.name ?? "?";
        // The coach's meeting: moved this month, or at their own time on the check-in day, or the check-in itself.
        const meeting = meetingAtFor(corps.checkIn, c.coachId, at, request?.meetingAt);
        const meetingAt = meeting.getTime() !== at.getTime() ? meeting.toISOString() : undefined;
        return summaryRowOf({ case: c, coachName, answer: answer?.type === "statusCheckIn" ? answer : undefined, entries: own, delivery, meetingAt }, at, previousAt, now);
      });
    const previousMissed = previous && (previous.doc.missed || !previous.doc.channel.postedAt) ? previous.doc.month : undefined;
    return summaryOf(round.month, rows, { paused: cases.filter((c) => c.status === "paused").length, previousMissed });
  }

  /**
   * Posts the month's summary in the corps' channel, or updates the posted one when what it shows has changed. One
   * runner at a time holds the round's claim; someone arriving meanwhile bumps the revision, and the holder renders
   * again before letting go — so the last answer is always shown, by whoever got there first.
   */
  async function refresh(corpsId: string, month: string, mayPost: boolean): Promise<"current" | "posted" | "updated" | "busy" | "failed" | "gone" | "unreachable" | "unconfirmed" | "none"> {
    // Nothing to show that is not shown already: done, without a write (the hourly run on a quiet day).
    const [current, corpsNow] = await Promise.all([repos.checkIns.getRound(corpsId, month), repos.corps.get(corpsId)]);
    if (!current || !corpsNow) return "none";
    const ch0 = current.doc.channel;
    if (ch0.activityId && !claimHeld(ch0.claim, clock()) && fingerprint(await summaryNow(corpsNow, current.doc)) === ch0.fingerprint) return "current";
    const token = randomUUID();
    const { after: claimed } = await repos.checkIns
      .updateRound(corpsId, month, (r) => {
        if (claimHeld(r.channel.claim, clock())) return { ...r, revision: r.revision + 1 };
        return { ...r, channel: { ...r.channel, claim: { token, at: clock().toISOString() } } };
      })
      .catch(() => ({ after: undefined }));
    if (!claimed) return "none";
    if (claimed.channel.claim?.token !== token) return "busy";
    let round = claimed;
    let result: Awaited<ReturnType<typeof refresh>> = "current";
    try {
      for (;;) {
        const corps = await repos.corps.get(corpsId);
        if (!corps) return "none";
        const summary = await summaryNow(corps, round);
        const print = fingerprint(summary);
        const ch = round.channel;
        const changes: Partial<CheckInRound["channel"]> = {};
        if (ch.delivery === "gone" || corps.removedAt) {
          result = "gone";
        } else if (ch.activityId && ch.conversationId) {
          if (print !== ch.fingerprint) {
            const outcome = await messenger.update({ serviceUrl: corps.serviceUrl!, conversationId: ch.conversationId, botId: corps.botId! }, ch.activityId, channelSummaryReply(summary, new Date(round.at), clock(), await viewersOf(corpsId)));
            result = outcome === "sent" ? "updated" : outcome;
            if (outcome === "sent") changes.fingerprint = print;
            if (outcome === "gone") changes.delivery = "gone";
          }
        } else if (!mayPost) {
          result = "current"; // not posted yet: an answer before the check-in day waits for the summary
        } else if (ch.postingAt) {
          // A poster died after its request left and before it recorded the post: it may be in the channel. Never
          // posted twice; the next month's summary says this one is missing if it is.
          result = "unconfirmed";
          changes.delivery = "unconfirmed";
        } else if (!corps.serviceUrl || !corps.botId) {
          result = "unreachable";
          changes.delivery = "unreachable";
        } else {
          // Marked the moment the request leaves (under the claim), as every message Løft sends once.
          const marked = await repos.checkIns.updateRound(corpsId, month, (r) => (r.channel.claim?.token === token ? { ...r, channel: { ...r.channel, postingAt: clock().toISOString() } } : undefined));
          if (!marked.after?.channel.postingAt) return "busy";
          const posted = await messenger.post({ serviceUrl: corps.serviceUrl, tenantId: corps.tenantId, botId: corps.botId, channelId: corps.channelId }, channelSummaryReply(summary, new Date(round.at), clock(), await viewersOf(corpsId)));
          result = posted.outcome === "sent" ? "posted" : posted.outcome;
          changes.delivery = posted.outcome;
          if (posted.outcome === "sent") Object.assign(changes, { activityId: posted.activityId, conversationId: corps.channelId, postedAt: clock().toISOString(), fingerprint: print });
          else changes.postingAt = undefined; // refused: nothing is in the channel, so it may be posted later
        }
        const seen = round.revision;
        let again = false;
        const released = await repos.checkIns.updateRound(corpsId, month, (r) => {
          again = r.revision !== seen && result !== "failed" && result !== "gone" && result !== "unreachable" && result !== "unconfirmed";
          return { ...r, channel: { ...r.channel, ...changes, claim: again ? { token, at: clock().toISOString() } : undefined } };
        });
        round = released.after ?? round;
        log.info({ event: `checkin.summary.${result}`, corpsId, month }, "check-in summary");
        if (!again) return result;
      }
    } catch (err) {
      await repos.checkIns.updateRound(corpsId, month, (r) => (r.channel.claim?.token === token ? { ...r, channel: { ...r.channel, claim: undefined } } : undefined)).catch(() => undefined);
      throw err;
    }
  }

  async function summary(corps: Corps, times: CheckInTimes, round: CheckInRound): Promise<JobOutcome> {
    const now = clock();
    const decided = summaryDecision(times, round, now);
    if (decided === "missed") {
      await repos.checkIns.updateRound(corps.corpsId, times.month, (r) => (r.missed ? undefined : { ...r, missed: true }));
      return "skipped";
    }
    if (decided !== "show") return { again: decided.wait };
    const result = await refresh(corps.corpsId, times.month, true);
    if (result === "failed") throw new Error("the summary could not be posted yet");
    if (result === "gone" || result === "unreachable" || result === "unconfirmed") return "done";
    // Kept current while answers may still come (the hourly run catches an update a stopped instance did not make).
    return keepCurrent(times, now);
  }

  const underWay = new Set<Promise<unknown>>();

  return {
    plan,
    /** After the coordinator changed the corps' settings: its rounds and jobs follow at once. */
    replan: (corps: Corps) => planCorps(corps, clock()),
    /** The scheduler's step for a check-in job. */
    async job(job: JobOf<"checkIn">): Promise<JobOutcome> {
      const corps = await repos.corps.get(job.corpsId);
      if (!corps || corps.removedAt || corps.setup === "pending") return "skipped";
      const held = (await repos.checkIns.getRound(corps.corpsId, job.month))?.doc;
      const times = jobTimes(held, checkInOf(job.month, corps.checkIn ?? {}, corps.extraDaysOff));
      const decided = stepDecision(times, job.step, clock());
      if (decided === "skip" || !times) return "skipped";
      if (decided !== "run") return { again: decided.wait };
      if (!held) await repos.checkIns.createRound(newRound(corps.corpsId, times));
      const round = held ?? (await repos.checkIns.getRound(corps.corpsId, job.month))!.doc;
      if (job.step === "summary") return summary(corps, times, round);
      return job.step === "ask" ? ask(corps, times) : remind(corps, times);
    },
    /** After an answer: the channel's summary shows it (after the turn; the hourly job catches what this misses). */
    answered(corpsId: string, month: string): void {
      const p = refresh(corpsId, month, false).catch((err: Error) => log.warn({ event: "checkin.summary.deferred", corpsId, month, err: { message: err.message } }, "summary update left to the job"));
      underWay.add(p);
      void p.finally(() => underWay.delete(p));
    },
    refresh,
    summaryCard,
    async drain(): Promise<void> {
      while (underWay.size > 0) await Promise.allSettled([...underWay]);
    },
  };
}

export type CheckIns = ReturnType<typeof createCheckIns>;
