// The corps' privacy cards. «Opbevaring»: how long the corps keeps closed cases before they are erased (issue 22; src/domain/erasure.ts). The
// corps' coordinators and leaders choose; a shorter period that makes closed cases due at once must be confirmed with
// how many, and they are then erased by the scheduler within the hour. «Adgangslog» for the corps' DPO (and
// coordinators): who reached which case (by code), when, how — never a case's content.
import { decideRetention, dueForErasure, FREE_TEXT_CHOICES, FREE_TEXT_FIELD, RETENTION_CHOICES, RETENTION_CONFIRM_FIELD, RETENTION_FIELD, retentionOf, KEEP_TEXT, type DueNow } from "../../src/domain/erasure";
import { submittedValues, type Problem } from "../../src/domain/forms";
import type { Corps, Retention } from "../../src/domain/model";
import doneTemplate from "../cards/done.json";
import retentionTemplate from "../cards/retention.json";
import { render } from "../cards/render";
import type { Reply, VerbContext } from "../context";
import { fill } from "../locale";
import { notice, problemView, shortDate } from "./shared";
import { corpsAccessLog } from "../../src/store/access";
import { flowName } from "../../src/domain/access-log";
import { localTime } from "../../src/domain/time";

const yearsText = (ctx: VerbContext, months: number) => fill(months === 12 ? ctx.t.retention.oneYear : ctx.t.retention.years, { n: months / 12 });

/** The confirmation's words: what the choice does within the hour. */
function confirmText(ctx: VerbContext, due: DueNow): string {
  if (due.erase > 0 && due.text > 0) return fill(ctx.t.retention.confirmBoth, { n: due.erase, m: due.text });
  return due.erase > 0 ? fill(ctx.t.retention.confirmTitle, { n: due.erase }) : fill(ctx.t.retention.confirmText, { m: due.text });
}

function retentionCard(ctx: VerbContext, current: Retention, given: Record<string, string> = {}, problems: readonly Problem[] = [], due: DueNow = { erase: 0, text: 0 }): Reply {
  const confirmTitle = confirmText(ctx, due);
  return {
    card: render(retentionTemplate, {
      t: ctx.t,
      ...problemView(ctx, problems, { [RETENTION_FIELD]: ctx.t.retention.period, [FREE_TEXT_FIELD]: ctx.t.retention.freeText, [RETENTION_CONFIRM_FIELD]: ctx.t.retention.confirmLabel }, { [RETENTION_CONFIRM_FIELD]: confirmTitle }),
      current: [
        fill(ctx.t.retention.current, { period: yearsText(ctx, current.closedMonths) }),
        current.freeTextMonths ? fill(ctx.t.retention.currentText, { n: current.freeTextMonths }) : ctx.t.retention.currentTextKept,
      ].join(" "),
      values: { closedMonths: given[RETENTION_FIELD] ?? String(current.closedMonths), freeTextMonths: given[FREE_TEXT_FIELD] ?? (current.freeTextMonths ? String(current.freeTextMonths) : KEEP_TEXT) },
      periods: RETENTION_CHOICES.map((m) => ({ title: yearsText(ctx, m) + (m === 60 ? ctx.t.retention.standard : ""), value: String(m) })),
      textPeriods: [{ title: ctx.t.retention.keepText, value: KEEP_TEXT }, ...FREE_TEXT_CHOICES.map((m) => ({ title: fill(ctx.t.retention.textAfter, { n: m }), value: String(m) }))],
      dueNow: due.erase + due.text,
      confirmTitle,
    }),
  };
}

const corpsNow = async (ctx: VerbContext): Promise<Corps> => (await ctx.repos.corps.get(ctx.who.corps.corpsId)) ?? ctx.who.corps;

export async function retentionOpen(ctx: VerbContext): Promise<Reply> {
  return retentionCard(ctx, retentionOf(await corpsNow(ctx)));
}

export async function retentionSubmit(ctx: VerbContext, data: unknown): Promise<Reply> {
  const values = submittedValues(data);
  const corps = await corpsNow(ctx);
  const now = ctx.clock();
  // Only the closed cases' status and closing day are read (no case is shown): how many the new period makes due.
  const closed = (await ctx.repos.cases.list(corps.corpsId)).filter((c) => c.status === "closed");
  const d = decideRetention(values, retentionOf(corps), closed, ctx.who.member.aadObjectId, now);
  if (d.kind === "refused") return retentionCard(ctx, retentionOf(corps), values, d.problems, d.dueNow);
  try {
    await ctx.repos.corps.update(corps.corpsId, (c) => ({ ...c, retention: d.retention }));
  } catch (err) {
    ctx.log.error({ event: "retention.notSaved", corpsId: corps.corpsId, err: { message: (err as Error).message } }, "retention not saved");
    return retentionCard(ctx, retentionOf(corps), values, [{ field: "", code: "notSaved" }], d.dueNow);
  }
  ctx.log.info({ event: "retention.changed", corpsId: corps.corpsId, months: d.retention.closedMonths, textMonths: d.retention.freeTextMonths, ...d.dueNow }, "retention changed");
  const dueLater = closed.filter((c) => !dueForErasure(c, d.retention, now)).length;
  return {
    card: render(doneTemplate, {
      t: ctx.t,
      title: fill(ctx.t.retention.saved, { period: yearsText(ctx, d.retention.closedMonths) }),
      subtitle: "",
      facts: [],
      notes: [
        ...(d.dueNow.erase > 0 ? [fill(ctx.t.retention.erasingSoon, { n: d.dueNow.erase })] : []),
        ...(d.dueNow.text > 0 ? [fill(ctx.t.retention.textSoon, { m: d.dueNow.text })] : []),
        fill(ctx.t.retention.keptNote, { n: dueLater }),
      ],
      actions: [{ title: ctx.t.common.menu, verb: "menu", data: { verb: "menu" } }],
    }),
  };
}

/** How many of the corps' newest access-log lines the card shows. */
const CORPS_LOG_SHOWN = 40;

export async function corpsLog(ctx: VerbContext): Promise<Reply> {
  const corpsId = ctx.who.corps.corpsId;
  const [lines, members] = await Promise.all([corpsAccessLog(ctx.repos, corpsId, CORPS_LOG_SHOWN), ctx.repos.members.list(corpsId)]);
  const rolesOf = new Map(members.map((m) => [m.aadObjectId.toLowerCase(), m.roles]));
  const text = lines
    .map((l) =>
      fill(ctx.t.privacy.line, {
        when: `${shortDate(ctx, l.at)} ${localTime(new Date(l.at))}`,
        name: l.role === "system" ? "Løft" : l.name || ctx.t.privacy.formerMember,
        // A coach's line says which kind of coach they are.
        role: ctx.t.coord.accessRoles[l.role === "coach" ? (rolesOf.get(l.by)?.includes("relativeCoach") && !rolesOf.get(l.by)?.includes("mentor") ? "relativeCoach" : "mentor") : l.role],
        action: ctx.t.coord.accessActions[l.action],
        flow: flowName(l.flow, ctx.lang),
        cases: l.more > 0 ? fill(ctx.t.privacy.manyCases, { n: l.more }) : l.codes.join(", "),
      }),
    )
    // The same look-up repeated within the minute (a list opened again and again) is one line with how many times.
    .reduce<Array<{ text: string; n: number }>>((acc, text) => {
      const last = acc[acc.length - 1];
      if (last?.text === text) last.n++;
      else acc.push({ text, n: 1 });
      return acc;
    }, [])
    .map(({ text, n }) => (n > 1 ? `${text} (${n}×)` : text))
    .join("\n");
  ctx.log.info({ event: "privacy.corpsLogRead", corpsId, member: ctx.who.member.aadObjectId, lines: lines.length }, "corps access log read");
  return notice(ctx, ctx.t.privacy.title, `${ctx.t.privacy.intro}\n\n${text || ctx.t.privacy.none}`);
}
