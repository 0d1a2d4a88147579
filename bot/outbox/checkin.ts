// The monthly check-in's messages to coaches: a status card per active case ("ask"), and the reminder the working day
// before to those with cases unanswered. The check-in's steps (bot/checkins.ts) write them; each outcome is recorded
// on the coach's request document for the month, which the reminder and the summary read (whom Løft could not reach).
import { askSendId, checkInEntryId, meetingAtFor, requestId, type CheckInRequest } from "../../src/domain/checkin";
import { hasRole } from "../../src/domain/coordination";
import { withDelivery } from "../../src/domain/delivery";
import type { JobOf } from "../../src/domain/jobs";
import { inWork, type Case, type Delivery, type Member } from "../../src/domain/model";
import { formatLocal } from "../../src/domain/time";
import noticeTemplate from "../cards/notice.json";
import { render } from "../cards/render";
import type { BotDeps } from "../context";
import { catalogue, fill, langOf } from "../locale";
import { statusCard } from "../verbs/checkin";
import type { MessageKindHandler, Prepared } from "./index";

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

type Deps = Pick<BotDeps, "repos" | "clock">;

/** Records one send's outcome on the coach's request for the month (a send once "sent" stays sent). */
async function recordSend(deps: Deps, job: JobOf<"message">, month: string, coachId: string, send: string, delivery: Delivery, caseId?: string) {
  await deps.repos.checkIns.updateRequest(job.corpsId, month, coachId, (req) => {
    const base: CheckInRequest = req ?? { type: "checkInRequest", id: requestId(month, coachId), corpsId: job.corpsId, month, memberId: coachId, caseIds: [], sends: [] };
    const sends = base.sends.some((s) => s.id === send) ? base.sends : [...base.sends, { id: send }];
    const recorded = withDelivery(sends, send, delivery)?.map((s) => (s.id === send ? { ...s, at: deps.clock().toISOString() } : s));
    const caseIds = caseId && !base.caseIds.includes(caseId) ? [...base.caseIds, caseId] : base.caseIds;
    if (!recorded && caseIds === base.caseIds && req) return undefined;
    return { ...base, caseIds, sends: recorded ?? sends };
  });
}

/**
 * The coach and the corps; `settled` when the coach cannot be told this month (left the team, or Teams refused them);
 * `wait` while another card to them is waiting for Teams to take messages again (the rest would only fail too).
 */
async function coachOf(
  deps: Deps,
  job: JobOf<"message">,
  month: string,
  coachId: string,
  send: string,
): Promise<{ settled: Delivery } | { wait: Date } | { member: Member | undefined; corps: Prepared["corps"] }> {
  const [member, corps, req] = await Promise.all([
    deps.repos.members.get(job.corpsId, coachId),
    deps.repos.corps.get(job.corpsId),
    deps.repos.checkIns.getRequest(job.corpsId, month, coachId),
  ]);
  if (member && !hasRole(member)) return { settled: "gone" };
  // Teams refused this coach already this month (removed or blocked Løft), or Løft cannot reach them at all: the
  // other cards would go the same way.
  const refused = req?.sends.find((s) => s.delivery === "gone" || s.delivery === "unreachable")?.delivery;
  if (refused) return { settled: refused };
  if (req?.sends.some((s) => s.id !== send && s.delivery === "failed")) return { wait: new Date(deps.clock().getTime() + 60_000) };
  return { member, corps };
}

export function checkinAskMessages(deps: Deps): MessageKindHandler<"checkinAsk"> {
  const { repos } = deps;
  return {
    async prepare(m, job) {
      const [got, round] = await Promise.all([repos.cases.get(job.corpsId, m.caseId), repos.checkIns.getRound(job.corpsId, m.month)]);
      const c = got?.doc;
      // Paused, closed or handed to someone else since the step wrote it: nothing to ask this coach about.
      if (!c || !round || !inWork(c) || !same(c.coachId, m.to)) return "skip";
      const coach = await coachOf(deps, job, m.month, m.to, askSendId(m.caseId));
      if (!("member" in coach)) return coach;
      const lang = langOf(coach.member?.locale);
      const t = catalogue(lang);
      const coordinator = await repos.members.get(job.corpsId, c.coordinatorId);
      return { corps: coach.corps, to: coach.member, reply: statusCard({ t, lang }, c, m.month, meetingAtFor(coach.corps?.checkIn, c.coachId, new Date(round.doc.at)), coordinator?.name ?? t.setup.choices.coordinator) };
    },
    record: (m, delivery, job) => recordSend(deps, job, m.month, m.to, askSendId(m.caseId), delivery, m.caseId),
  };
}

export function checkinRemindMessages(deps: Deps): MessageKindHandler<"checkinRemind"> {
  const { repos } = deps;
  return {
    async prepare(m, job) {
      const [req, round] = await Promise.all([repos.checkIns.getRequest(job.corpsId, m.month, m.to), repos.checkIns.getRound(job.corpsId, m.month)]);
      if (!req || !round) return "skip";
      const open: Case[] = [];
      for (const id of req.caseIds) {
        const c = (await repos.cases.get(job.corpsId, id))?.doc;
        if (!c || !inWork(c) || !same(c.coachId, m.to)) continue;
        if (!(await repos.entries.get(job.corpsId, checkInEntryId(m.month, id)))) open.push(c);
      }
      if (open.length === 0) return "skip"; // every case answered meanwhile
      const coach = await coachOf(deps, job, m.month, m.to, "remind");
      if (!("member" in coach)) return coach;
      const lang = langOf(coach.member?.locale);
      const t = catalogue(lang);
      const coordinator = await repos.members.get(job.corpsId, open[0].coordinatorId);
      const card = render(noticeTemplate, {
        t,
        title: t.checkin.remindTitle,
        text: fill(t.checkin.remindText, { coordinator: coordinator?.name ?? t.setup.choices.coordinator, date: formatLocal(meetingAtFor(coach.corps?.checkIn, m.to, new Date(round.doc.at), req.meetingAt), lang), codes: open.map((c) => c.code).join(", ") }),
        actions: [
          ...open.map((c) => ({ title: fill(t.checkin.answerFor, { code: c.code }), verb: "checkin.open", data: { verb: "checkin.open", caseId: c.id, month: m.month } })),
          { title: t.common.menu, verb: "menu", data: { verb: "menu" } },
        ],
      });
      return { corps: coach.corps, to: coach.member, reply: { card } };
    },
    record: (m, delivery, job) => recordSend(deps, job, m.month, m.to, "remind", delivery),
  };
}

/** "Your status meeting is moved": to the coach, unless it has been moved again since (that message says when). */
export function meetingMovedMessages(deps: Deps): MessageKindHandler<"meetingMoved"> {
  const { repos } = deps;
  return {
    async prepare(m, job) {
      const req = await repos.checkIns.getRequest(job.corpsId, m.month, m.to);
      if (req?.meetingAt !== m.at) return "skip";
      const [corps, coach, coordinator] = await Promise.all([repos.corps.get(job.corpsId), repos.members.get(job.corpsId, m.to), repos.members.get(job.corpsId, m.by)]);
      if (coach && !hasRole(coach)) return { settled: "gone" };
      const lang = langOf(coach?.locale);
      const t = catalogue(lang);
      return { corps, to: coach, reply: { text: fill(t.checkin.meetingToMentor, { coordinator: coordinator?.name ?? t.setup.choices.coordinator, date: formatLocal(new Date(m.at), lang) }) } };
    },
  };
}
