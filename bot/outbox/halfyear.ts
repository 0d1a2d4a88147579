// The half-year has ended: each coordinator of the corps is told, the first working morning after, that the figures for
// the national centre's questionnaire are ready — the card with them (bot/verbs/halfyear.ts). Nothing is sent to
// someone who is no longer a coordinator, or to a corps whose team removed the app.
import { halfYearReminderAt, lastFinishedHalf } from "../../src/domain/halfyear";
import { messageJob } from "../../src/domain/jobs";
import type { Repositories } from "../../src/store/repositories";
import type { BotDeps } from "../context";
import type { MessageKindHandler } from "./index";
import { halfYearCard } from "../verbs/halfyear";

export function halfYearMessages(deps: Pick<BotDeps, "repos" | "clock">): MessageKindHandler<"halfYear"> {
  const { repos, clock } = deps;
  return {
    async prepare(m, job) {
      const [corps, coordinator] = await Promise.all([repos.corps.get(job.corpsId), repos.members.get(job.corpsId, m.to)]);
      if (!corps || corps.removedAt || !coordinator || coordinator.leftAt || !coordinator.roles.includes("coordinator")) return "skip";
      const card = await halfYearCard(repos, corps, m.period, coordinator.locale, clock(), true);
      return card ? { corps, to: coordinator, reply: card } : "skip";
    },
  };
}

/** Reminders are owed for this long after a half-year's reminder time (a corps set up later is not told of old ones). */
export const HALF_YEAR_REMIND_WITHIN_MS = 14 * 86_400_000;

/**
 * The hourly plan's part: once a half-year has ended, one message per coordinator of each corps, due the first working
 * morning after (its id is the half-year's and the coordinator's, so planning again — or on another instance — owes
 * it once; a sent one is kept longer than the window, so it is never owed again).
 */
export async function planHalfYear(repos: Repositories, now: Date): Promise<number> {
  const period = lastFinishedHalf(now);
  if (!period) return 0;
  let owed = 0;
  for (const corps of await repos.corps.list()) {
    if (corps.removedAt || corps.setup === "pending") continue;
    const due = halfYearReminderAt(period, corps.extraDaysOff);
    if (now.getTime() > due.getTime() + HALF_YEAR_REMIND_WITHIN_MS) continue;
    for (const m of await repos.members.list(corps.corpsId)) {
      if (!m.roles.includes("coordinator") || m.leftAt) continue;
      if ((await repos.jobs.create(messageJob(corps.corpsId, { what: "halfYear", period, to: m.aadObjectId.toLowerCase() }, now, due))) === "created") owed++;
    }
  }
  return owed;
}
