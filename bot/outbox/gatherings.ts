// A corps gathering's messages (src/domain/gatherings.ts): the invitation and the reminder in the corps' channel, the
// request to each presenter in their personal chat, and — when a gathering whose invitation went out is cancelled —
// the cancellation in the channel. Each decides from the store as it is now: nothing is sent about a gathering that
// was cancelled, held or has begun, nor asked of someone who is no longer a presenter or a coach of the corps.
// The channel is read by the whole team: its posts name no case, no citizen and no presenter (Danish, like the summary).
import noticeTemplate from "../cards/notice.json";
import { render } from "../cards/render";
import type { BotDeps, Reply } from "../context";
import { catalogue, fill, langOf, type Lang } from "../locale";
import { mayPresent, stillAhead, type Gathering } from "../../src/domain/gatherings";
import { formatLocal, shortDateOf } from "../../src/domain/time";
import type { MessageKindHandler } from "./index";

const words = (g: Gathering, lang: Lang) => ({ date: shortDateOf(new Date(g.at), lang), when: formatLocal(new Date(g.at), lang), place: g.place });

/** A channel post: Danish, no actions (the channel's members may not all use Løft). */
function channelPost(title: string, text: string): Reply {
  return { card: render(noticeTemplate, { t: catalogue("da"), title, text, actions: [] }) };
}

export function gatheringMessages(deps: Pick<BotDeps, "repos" | "clock">) {
  const { repos, clock } = deps;
  const t = catalogue("da").gatherings;
  const corpsFor = async (corpsId: string) => {
    const corps = await repos.corps.get(corpsId);
    return corps && !corps.removedAt ? corps : undefined;
  };

  const invite: MessageKindHandler<"gatheringInvite"> = {
    async prepare(m, job) {
      const [g, corps] = await Promise.all([repos.gatherings.get(job.corpsId, m.gatheringId), corpsFor(job.corpsId)]);
      if (!stillAhead(g, clock()) || !corps) return "skip";
      const w = words(g, "da");
      return { corps, channel: true, reply: channelPost(fill(t.inviteTitle, w), fill(t.inviteText, w)) };
    },
  };

  const remind: MessageKindHandler<"gatheringRemind"> = {
    async prepare(m, job) {
      const [g, corps] = await Promise.all([repos.gatherings.get(job.corpsId, m.gatheringId), corpsFor(job.corpsId)]);
      if (!stillAhead(g, clock()) || !corps) return "skip";
      const w = words(g, "da");
      return { corps, channel: true, reply: channelPost(fill(t.remindTitle, w), fill(t.remindText, w)) };
    },
  };

  const cancelled: MessageKindHandler<"gatheringCancelled"> = {
    async prepare(m, job) {
      const [g, corps] = await Promise.all([repos.gatherings.get(job.corpsId, m.gatheringId), corpsFor(job.corpsId)]);
      if (!g || g.status !== "cancelled" || !corps || Date.parse(g.at) <= clock().getTime()) return "skip";
      const w = words(g, "da");
      return { corps, channel: true, reply: channelPost(fill(t.cancelTitle, w), fill(t.cancelText, w)) };
    },
  };

  const ask: MessageKindHandler<"gatheringAsk"> = {
    async prepare(m, job) {
      const g = await repos.gatherings.get(job.corpsId, m.gatheringId);
      if (!stillAhead(g, clock()) || !g.presenters.includes(m.to.toLowerCase())) return "skip";
      const [corps, presenter, coordinator] = await Promise.all([corpsFor(job.corpsId), repos.members.get(job.corpsId, m.to), repos.members.get(job.corpsId, g.createdBy)]);
      if (!corps || !presenter || !mayPresent(presenter)) return "skip";
      const lang = langOf(presenter.locale);
      const tt = catalogue(lang).gatherings;
      const w = { ...words(g, lang), coordinator: coordinator && !coordinator.leftAt ? coordinator.name : tt.yourCoordinator };
      // Only what the presenter needs: when, where, the guide's questions and the duty of confidentiality — no case.
      const text = [fill(tt.askText, w), tt.questions.map((q, i) => `${i + 1}. ${q}`).join("\n\n"), tt.askPrivacy].join("\n\n");
      const card = render(noticeTemplate, { t: catalogue(lang), title: fill(tt.askTitle, w), text, actions: [] });
      return { corps, to: presenter, reply: { card } };
    },
  };

  return { gatheringInvite: invite, gatheringAsk: ask, gatheringRemind: remind, gatheringCancelled: cancelled };
}
