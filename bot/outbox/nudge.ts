// The one nudge to reflect after a prepared conversation, to the mentor's personal chat, due the morning after the
// planned conversation (src/domain/time.ts reflectionNudgeAt); owed by the preparation's derive step.
import { nudgeStillNeeded } from "../../src/domain/jobs";
import nudgeTemplate from "../cards/notice.json";
import { render } from "../cards/render";
import type { BotDeps } from "../context";
import { catalogue, fill, langOf } from "../locale";
import type { MessageKindHandler } from "./index";

export function nudgeMessages(deps: Pick<BotDeps, "repos">): MessageKindHandler<"nudge"> {
  const { repos } = deps;
  return {
    async prepare(m, job) {
      const [got, member, corps] = await Promise.all([repos.cases.get(job.corpsId, m.caseId), repos.members.get(job.corpsId, m.to), repos.corps.get(job.corpsId)]);
      const c = got?.doc;
      // Reflected on meanwhile, preparation deleted, case closed or handed to another coach: nothing to nudge about.
      if (!c || !nudgeStillNeeded({ preparedAt: m.preparedAt, memberId: m.to }, c)) return "skip";
      if (member && member.roles.length === 0) return { settled: "gone" };
      const t = catalogue(langOf(member?.locale));
      const card = render(nudgeTemplate, {
        t,
        title: fill(t.nudge.title, { code: c.code }),
        text: t.nudge.text,
        actions: [
          { title: t.reflect.action, verb: "reflect.open", data: { verb: "reflect.open", caseId: c.id } },
          // A conversation that never happened is said so in one press, instead of a reflection on nothing.
          { title: t.notHeld.action, verb: "notheld.open", data: { verb: "notheld.open", caseId: c.id } },
          { title: t.common.menu, verb: "menu", data: { verb: "menu" } },
        ],
      });
      return { corps, to: member, reply: { card } };
    },
  };
}
