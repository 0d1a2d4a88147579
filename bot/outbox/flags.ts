// A flag message: the flags one entry raised (a doubt about the match, a wish for sparring, a low WHO-5), to the case's
// coordinator in their personal chat — the coach, the case code and what was flagged, never the answers.
import { unlessGone } from "../../src/store/repositories";
import { withFlagDelivery } from "../../src/domain/derive";
import type { Flag } from "../../src/domain/model";
import noticeTemplate from "../cards/notice.json";
import { render } from "../cards/render";
import type { BotDeps } from "../context";
import { catalogue, fill, langOf } from "../locale";
import type { MessageKindHandler } from "./index";

const open = (f: Flag) => f.delivery === undefined || f.delivery === "failed";

export function flagMessages(deps: Pick<BotDeps, "repos">): MessageKindHandler<"flags"> {
  const { repos } = deps;
  return {
    async prepare(m, job) {
      const got = await repos.cases.get(job.corpsId, m.caseId);
      // The case is gone, or the entry's flags were taken back (a correction, a deletion) or told already.
      // (A flag a coordinator has handled meanwhile is not told.)
      const flags = got?.doc.flags.filter((f) => f.entryId === m.entryId && open(f) && !f.handled) ?? [];
      if (!got || flags.length === 0) return "skip";
      const c = got.doc;
      const [corps, coordinator, coach] = await Promise.all([repos.corps.get(job.corpsId), repos.members.get(c.corpsId, c.coordinatorId), repos.members.get(c.corpsId, flags[0].raisedBy)]);
      const t = catalogue(langOf(coordinator?.locale));
      const what = flags.map((f) =>
        f.kind === "sparring" ? t.notify.sparring : f.kind === "proposal" ? t.notify.proposal : f.kind === "lowWho5" ? fill(t.notify.lowWho5, { score: f.score ?? "" }) : f.match === "nej" ? t.notify.matchNo : t.notify.matchUnsure,
      );
      const coachName = coach?.name ?? t.notify.someone;
      // An urgent concern says so first, and nothing else: it asks the coordinator to call the coach now.
      const urgent = flags.some((f) => f.kind === "concern");
      // A card the coordinator can act on: open the case in their chat, or mark the flag handled there and then.
      const card = render(noticeTemplate, {
        t,
        title: fill(urgent ? t.notify.concernTitle : t.notify.flagTitle, { code: c.code }),
        text: urgent ? fill(t.notify.concern, { coach: coachName, code: c.code }) : fill(t.notify.flag, { coach: coachName, code: c.code, flags: what.join(t.notify.and) }),
        actions: [
          { title: fill(t.coord.open, { code: c.code }), verb: "coord.case", data: { verb: "coord.case", caseId: c.id } },
          { title: t.coord.flagsHandle, verb: "coord.flagsHandled", data: { verb: "coord.flagsHandled", caseId: c.id } },
          { title: t.common.menu, verb: "menu", data: { verb: "menu" } },
        ],
      });
      return { corps, to: coordinator, reply: { card } };
    },
    async record(m, delivery, job) {
      await repos.cases
        .update(job.corpsId, m.caseId, (c) => c.flags.filter((f) => f.entryId === m.entryId && open(f)).reduce((x, f) => withFlagDelivery(x, f.id, delivery), c))
        .catch(unlessGone); // the case is gone: nothing to record on (any other failure: the job records it again)
    },
  };
}
