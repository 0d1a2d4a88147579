// «Halvårsskema»: the figures Løft has prepared for the national centre's half-yearly questionnaire (src/domain/halfyear.ts),
// for the corps' coordinators — exactly as counted (their own corps' cases). The file for the centre, with the leaders'
// hiding, and the note to it are made in the tab («Halvårsskema»), where a file can be downloaded.
import { releaseOf, type Dashboard, type Figure } from "../../src/domain/dashboard";
import { exactFigures, finishedHalves, halfName } from "../../src/domain/halfyear";
import type { Corps } from "../../src/domain/model";
import { PeriodId, windowPeriods } from "../../src/domain/periods";
import { submittedValues } from "../../src/domain/forms";
import type { Repositories } from "../../src/store/repositories";
import halfYearTemplate from "../cards/halfyear.json";
import { render } from "../cards/render";
import type { Reply, VerbContext } from "../context";
import { catalogue, fill, langOf } from "../locale";
import { notice } from "./shared";

const shown = (f: Figure, unit = "") => ("suppressed" in f ? "–" : f.value === null ? "–" : `${String(f.value).replace(".", ",")}${unit}`);

/** The card for `period` (undefined if it is not an ended half-year of the window), in the reader's language. */
export async function halfYearCard(repos: Repositories, corps: Corps, period: string, locale: string | undefined, now: Date, reminder = false): Promise<Reply | undefined> {
  if (!finishedHalves(now).includes(period)) return undefined;
  const lang = langOf(locale);
  const t = catalogue(lang);
  const window = windowPeriods(now);
  const [cases, rounds] = await Promise.all([repos.cases.list(corps.corpsId), repos.checkIns.listRounds(corps.corpsId, `${window[0]}-01`, `${window[window.length - 1].slice(0, 4)}-12`)]);
  const f = exactFigures(releaseOf({ cases, rounds }, now), period, now);
  const h = t.halfYear;
  const kindFacts = (d: Dashboard) => [
    { title: h.newCases, value: shown(d.referrals.opened) },
    { title: h.closedCases, value: shown(d.overview.closeReasons.total) },
    { title: h.meanDays, value: shown(d.overview.meanDays) },
  ];
  const all = f.all;
  return {
    card: render(halfYearTemplate, {
      t,
      title: fill(h.title, { half: halfName(period, lang) }),
      intro: reminder ? fill(h.ready, { half: halfName(period, lang) }) : h.intro,
      groups: [
        {
          heading: h.corps,
          facts: [
            ...kindFacts(all),
            { title: h.active, value: shown(all.overview.active.total) },
            { title: h.prepared, value: shown(all.method.preparedShare, " %") },
            { title: h.timely, value: shown(all.method.timelyShare, " %") },
            { title: h.checkIns, value: shown(all.method.checkInsAnsweredShare, " %") },
          ],
        },
        { heading: h.mentor, facts: kindFacts(f.mentor) },
        { heading: h.relativeCoach, facts: kindFacts(f.relativeCoach) },
      ],
      privacy: h.privacy,
      next: h.next,
      actions: [{ title: t.common.menu, verb: "menu", data: { verb: "menu" } }],
    }),
  };
}

/** The coordinator's «Halvårsskema» (the latest ended half-year, or the one the card names). */
export async function halfYearOpen(ctx: VerbContext, data: unknown): Promise<Reply> {
  const asked = PeriodId.safeParse(submittedValues(data).period);
  const now = ctx.clock();
  const period = asked.success && finishedHalves(now).includes(asked.data) ? asked.data : finishedHalves(now)[0];
  const corps = (await ctx.repos.corps.get(ctx.who.corps.corpsId)) ?? ctx.who.corps;
  // Every case counted is in the access log as counted, as for the leaders' figures.
  ctx.cases.counted(await ctx.repos.cases.list(corps.corpsId));
  return (await halfYearCard(ctx.repos, corps, period, ctx.lang === "en" ? "en-US" : "da-DK", now)) ?? notice(ctx, ctx.t.halfYear.menu, ctx.t.halfYear.none);
}
