// Telling coaches what a coordinator's change of a case means for them: a new case (with the first-conversations
// checklist and a button to prepare), a case handed over or away, paused, resumed, to be closed, closed. Each notice
// is kept on the case with its delivery; the turn sends them after it has answered, and the durable job written
// before the change sends what the turn could not.
import { randomUUID } from "node:crypto";
import { claimNotices, hasRole, noticesToDeliver, withNoticeDelivery } from "../src/domain/coordination";
import type { JobOf, JobOutcome } from "../src/domain/jobs";
import type { Case, Delivery, Member, Notice } from "../src/domain/model";
import { FIRST_CONVERSATIONS } from "../src/domain/questions";
import { shortDateOf } from "../src/domain/time";
import noticeTemplate from "./cards/case-notice.json";
import { render } from "./cards/render";
import type { BotDeps, Messenger, Reply } from "./context";
import { catalogue, fill, langOf, type Lang } from "./locale";
import { createReach } from "./reach";

type Deps = Pick<BotDeps, "repos" | "log" | "clock"> & { messenger: Messenger };

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
      actions: [...actions, { title: t.common.menu, verb: "menu" }].map((a) => ({ ...a, data: { verb: a.verb, caseId: c.id } })),
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
        !c.lastReflection,
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
    case "closed":
      return { text: fill(t.tell.closed, { coordinator, code: c.code, reason: c.closeReason ? t.coord.reasons[c.closeReason] : "" }) };
  }
}

export function createNotices(deps: Deps) {
  const { repos, log, clock } = deps;
  const reach = createReach(deps);

  /** Sends the action's undelivered notices and records how each went; the action's notices after it. */
  async function deliver(corpsId: string, caseId: string, actionId: string): Promise<Notice[]> {
    const got = await repos.cases.get(corpsId, caseId);
    if (!got) return [];
    let after = got.doc;
    // Claim the notices first (an ETag-checked write): whoever else is delivering this action leaves them alone.
    const token = randomUUID();
    if (noticesToDeliver(after, actionId).length > 0) {
      ({ after } = await repos.cases.update(corpsId, caseId, (c) => claimNotices(c, actionId, token, clock()) ?? c, got));
    }
    const todo = noticesToDeliver(after, actionId).filter((n) => n.claim?.token === token);
    if (todo.length > 0) {
      const [corps, members] = await Promise.all([repos.corps.get(corpsId), repos.members.list(corpsId)]);
      const find = (id?: string) => members.find((m) => m.aadObjectId.toLowerCase() === id?.toLowerCase());
      const outcomes: Array<[string, Delivery]> = [];
      for (const n of todo) {
        const to = find(n.to);
        const former = n.kind === "handedOver" ? find(after.notices.find((x) => x.id === `${actionId}:handedAway`)?.to) : undefined;
        // Someone who left the team (no role any more) is not told: "gone".
        const delivery = to && !hasRole(to) ? "gone" : to
          ? await reach(corps, to, noticeReply(n, after, { by: find(n.by), former, coach: find(after.coachId) }, langOf(to.locale)))
          : "unreachable";
        log.info({ event: `notice.${delivery}`, caseId, kind: n.kind, to: n.to }, "notice");
        outcomes.push([n.id, delivery]);
      }
      ({ after } = await repos.cases.update(corpsId, caseId, (c) => outcomes.reduce((x, [id, d]) => withNoticeDelivery(x, id, d), c)));
    }
    // A delivery that failed for a passing reason (or is under way elsewhere) is left to the job; else the work is done.
    if (noticesToDeliver(after, actionId).length === 0) await repos.jobs.delete(corpsId, `notice-${actionId}`);
    return after.notices.filter((n) => n.id.startsWith(`${actionId}:`));
  }

  const underWay = new Set<Promise<unknown>>();

  return {
    /** After the turn answered: sends the action's notices (the job written before the change retries what fails). */
    send(c: Pick<Case, "corpsId" | "id">, actionId: string): Promise<Notice[]> {
      const p = deliver(c.corpsId, c.id, actionId).catch((err: Error) => {
        log.warn({ event: "notice.deferred", caseId: c.id, err: { message: err.message } }, "notices left to the job");
        return [] as Notice[];
      });
      underWay.add(p);
      void p.finally(() => underWay.delete(p));
      return p;
    },
    /** The durable job's step; throws while a notice keeps failing, so the scheduler tries again. */
    async job(job: JobOf<"caseNotice">): Promise<JobOutcome> {
      const notices = await deliver(job.corpsId, job.caseId, job.actionId);
      if (notices.some((n) => n.delivery === undefined || n.delivery === "failed")) throw new Error("a notice could not be delivered yet");
      return notices.length > 0 ? "done" : "skipped";
    },
    async drain(): Promise<void> {
      while (underWay.size > 0) await Promise.allSettled([...underWay]);
    },
  };
}

export type Notices = ReturnType<typeof createNotices>;
