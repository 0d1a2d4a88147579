// "A coach left": someone was removed from the corps' team with open cases; each coordinator is told which cases
// need a new mentor or relative coach (the codes, nothing more). Owed by the team's event, written before the change.
import type { BotDeps } from "../context";
import { catalogue, fill, langOf } from "../locale";
import type { MessageKindHandler } from "./index";

/** How long the message waits for the removal it was written before; after that the removal never happened. */
const CHANGE_WAIT_MS = 10 * 60_000;

export function coachLeftMessages(deps: Pick<BotDeps, "repos" | "clock">): MessageKindHandler<"coachLeft"> {
  const { repos, clock } = deps;
  return {
    async prepare(m, job) {
      const [corps, coach, coordinator] = await Promise.all([repos.corps.get(job.corpsId), repos.members.get(job.corpsId, m.coachId), repos.members.get(job.corpsId, m.to)]);
      // Written before the removal: until it is recorded, there is nothing to tell yet.
      if (!coach?.leftAt) {
        const now = clock().getTime();
        return now < Date.parse(job.dueAt) + CHANGE_WAIT_MS ? { wait: new Date(now + 60_000) } : "skip";
      }
      if (coordinator && !coordinator.roles.includes("coordinator")) return "skip";
      const codes = (await Promise.all(m.caseIds.map((id) => repos.cases.get(job.corpsId, id)))).flatMap((g) => (g ? [g.doc.code] : []));
      if (codes.length === 0) return "skip";
      const t = catalogue(langOf(coordinator?.locale));
      return { corps, to: coordinator, reply: { text: fill(t.notify.coachLeft, { coach: coach.name, codes: codes.join(", ") }) } };
    },
  };
}
