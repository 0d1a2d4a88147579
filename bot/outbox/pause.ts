// A pause's expected end: the morning of the date the coordinator gave, the case's coordinator is asked to resume the
// case or pause it again — so no paused citizen is forgotten. Nothing is sent once the case was resumed, closed or
// paused anew (a new pause owes its own reminder).
import noticeTemplate from "../cards/notice.json";
import { render } from "../cards/render";
import type { BotDeps } from "../context";
import { catalogue, fill, langOf } from "../locale";
import { shortDateOf } from "../../src/domain/time";
import type { MessageKindHandler } from "./index";

export function pauseEndsMessages(deps: Pick<BotDeps, "repos">): MessageKindHandler<"pauseEnds"> {
  const { repos } = deps;
  return {
    async prepare(m, job) {
      const c = (await repos.cases.get(job.corpsId, m.caseId))?.doc;
      if (!c || c.status !== "paused" || c.pause?.actionId !== m.actionId) return "skip";
      const [corps, coordinator] = await Promise.all([repos.corps.get(job.corpsId), repos.members.get(job.corpsId, c.coordinatorId)]);
      const lang = langOf(coordinator?.locale);
      const t = catalogue(lang);
      const card = render(noticeTemplate, {
        t,
        title: fill(t.coord.pauseEndsTitle, { code: c.code }),
        text: fill(t.coord.pauseEndsText, { code: c.code, since: shortDateOf(new Date(c.pause.at), lang), reason: t.coord.pauseReasons[c.pause.reason].toLowerCase() }),
        actions: [
          { title: fill(t.coord.open, { code: c.code }), verb: "coord.case", data: { verb: "coord.case", caseId: c.id } },
          { title: t.common.menu, verb: "menu", data: { verb: "menu" } },
        ],
      });
      return { corps, to: coordinator, reply: { card } };
    },
  };
}
