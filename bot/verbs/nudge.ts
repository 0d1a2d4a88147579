// The one nudge to reflect after a prepared conversation, sent by the scheduler to the mentor's personal chat.
import type { JobOf, JobOutcome } from "../../src/domain/jobs";
import { nudgeStillNeeded } from "../../src/domain/jobs";
import nudgeTemplate from "../cards/notice.json";
import { render } from "../cards/render";
import type { BotDeps } from "../context";
import { catalogue, fill, langOf } from "../locale";
import { forgetConversation } from "./shared";

export function createNudgeHandler(deps: BotDeps) {
  return async function reflectNudge(job: JobOf<"reflectNudge">): Promise<JobOutcome> {
    const [got, member] = await Promise.all([
      deps.repos.cases.get(job.corpsId, job.caseId),
      deps.repos.members.get(job.corpsId, job.memberId),
    ]);
    const c = got?.doc;
    if (!c || !nudgeStillNeeded(job, c)) return "skipped";
    if (!member?.conversation) return "failed";
    const t = catalogue(langOf(member.locale));
    const card = render(nudgeTemplate, {
      t,
      title: fill(t.nudge.title, { code: c.code }),
      text: t.nudge.text,
      actions: [
        { title: t.reflect.action, verb: "reflect.open", data: { verb: "reflect.open", caseId: c.id } },
        { title: t.common.menu, verb: "menu", data: { verb: "menu" } },
      ],
    });
    const outcome = await deps.messenger.send(member.conversation, { card });
    if (outcome === "gone") await forgetConversation(deps, member.corpsId, member.aadObjectId);
    // A passing fault (Teams throttling or down beyond the connector client's own retries): the scheduler tries again.
    if (outcome === "failed") throw new Error("the nudge could not be sent yet");
    return outcome === "sent" ? "done" : "failed";
  };
}
