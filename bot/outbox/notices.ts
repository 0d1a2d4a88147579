// A notice: what a coordinator's change of a case means for its coach — a new case (with the first-conversations
// checklist and a button to prepare), a case handed over or away, paused, resumed, to be closed, closed (with the
// button to the coach's after-reflection). The change
// writes one message per notice before it is applied and keeps the notice on the case, where the outcome is recorded
// (the coordinator's case card names whom Løft could not reach).
import { unlessGone } from "../../src/store/repositories";
import { afterReflectionUntil } from "../../src/domain/after-reflection";
import { hasRole, withNoticeDelivery } from "../../src/domain/coordination";
import type { Case, Member, Notice } from "../../src/domain/model";
import { FIRST_CONVERSATIONS } from "../../src/domain/questions";
import { firstConversationsAhead } from "../../src/domain/preparation";
import { shortDateOf } from "../../src/domain/time";
import noticeTemplate from "../cards/case-notice.json";
import { render } from "../cards/render";
import type { BotDeps, Reply } from "../context";
import { catalogue, fill, langOf, type Lang } from "../locale";
import type { MessageKindHandler } from "./index";

/** How long a notice waits for the change that owes it to become visible before it counts as never made. */
const CHANGE_WAIT_MS = 10 * 60_000;

/** What a notice says to its coach, in their language. */
export function noticeReply(n: Notice, c: Case, people: { by?: Member; former?: Member; coach?: Member }, lang: Lang): Reply {
  const t = catalogue(lang);
  const dateOf = (iso: string) => shortDateOf(new Date(iso), lang);
  const coordinator = people.by?.name ?? t.setup.choices.coordinator;
  const kind = t.common.caseKind[c.kind];
  const goals = c.goalForm.goals.map((g) => `- ${g.text}${g.score === undefined ? "" : ` (${g.score}/10)`}`).join("\n");
  const card = (title: string, text: string, withChecklist: boolean, actions: Array<{ title: string; verb: string }>) => ({
    card: render(noticeTemplate, {
      t,
      title,
      text,
      goals: c.goalForm.goals.length > 0 ? goals : "",
      checklist: withChecklist ? FIRST_CONVERSATIONS[c.kind].map((g) => ({ heading: g.heading[lang], items: g.items.map((i) => `- ${i[lang]}`).join("\n") })) : [],
      // The card's own «Menu» is the way back (one per card).
      actions: actions.map((a) => ({ ...a, data: { verb: a.verb, caseId: c.id } })),
    }),
  });
  switch (n.kind) {
    case "assigned":
      return card(
        fill(t.tell.assignedTitle, { code: c.code }),
        fill(t.tell.assignedText, { coordinator, kind, code: c.code, date: dateOf(c.referral.receivedAt) }),
        true,
        [{ title: t.tell.prepareFirst, verb: "prepare.open" }],
      );
    case "handedOver":
      return card(
        fill(t.tell.handedOverTitle, { code: c.code }),
        fill(t.tell.handedOverText, {
          coordinator,
          kind,
          former: people.former?.name ?? t.notify.someone,
          opened: dateOf(c.openedAt),
          last: c.lastReflection ? fill(t.common.lastReflection, { date: dateOf(c.lastReflection.at) }) : t.common.noReflectionYet,
        }),
        firstConversationsAhead(c),
        [{ title: t.menu.prepare, verb: "prepare.open" }],
      );
    case "closing":
      return card(fill(t.tell.closingTitle, { code: c.code }), fill(t.tell.closingText, { coordinator }), false, [{ title: t.closing.menuTitle, verb: "closing.open" }]);
    case "handedAway":
      return { text: fill(t.tell.handedAway, { coordinator, code: c.code, coach: people.coach?.name ?? t.notify.someone }) };
    case "paused":
      return { text: fill(t.tell.paused, { coordinator, code: c.code }) };
    case "resumed":
      return { text: fill(t.tell.resumed, { coordinator, code: c.code }) };
    case "closed": {
      // The coach's after-reflection comes first (001 §5.4): asked for here, while the case is fresh.
      const until = afterReflectionUntil(c);
      const reason = c.closeReason ? t.coord.reasons[c.closeReason].toLowerCase() : "";
      return card(fill(t.tell.closedTitle, { code: c.code }), fill(t.tell.closedText, { coordinator, reason, date: until ? dateOf(until.toISOString()) : "" }), false, [{ title: t.after.action, verb: "after.open" }]);
    }
  }
}

export function noticeMessages(deps: Pick<BotDeps, "repos" | "clock">): MessageKindHandler<"notice"> {
  const { repos, clock } = deps;
  return {
    async prepare(m, job) {
      const got = await repos.cases.get(job.corpsId, m.caseId);
      const n = got?.doc.notices.find((x) => x.id === m.noticeId);
      if (!got || !n) {
        // Written before the change: the change is not visible yet, or it never happened (the press failed).
        const now = clock();
        return now.getTime() < Date.parse(job.dueAt) + CHANGE_WAIT_MS ? { wait: new Date(now.getTime() + 60_000) } : "skip";
      }
      if (n.delivery !== undefined && n.delivery !== "failed") return "skip"; // told already
      const c = got.doc;
      const [corps, members] = await Promise.all([repos.corps.get(job.corpsId), repos.members.list(job.corpsId)]);
      const find = (id?: string) => members.find((x) => x.aadObjectId.toLowerCase() === id?.toLowerCase());
      const to = find(n.to);
      // Someone who left the team (no role any more) is not told.
      if (to && !hasRole(to)) return { settled: "gone" };
      const former = n.kind === "handedOver" ? find(c.notices.find((x) => x.id === `${m.actionId}:handedAway`)?.to) : undefined;
      return { corps, to, reply: noticeReply(n, c, { by: find(n.by), former, coach: find(c.coachId) }, langOf(to?.locale)) };
    },
    async record(m, delivery, job) {
      await repos.cases.update(job.corpsId, m.caseId, (c) => withNoticeDelivery(c, m.noticeId, delivery)).catch(unlessGone);
    },
  };
}
