import menuTemplate from "../cards/menu.json";
import helpTemplate from "../cards/help.json";
import { render, type CardJson } from "../cards/render";
import type { Reply, VerbContext } from "../context";
import { fill } from "../locale";
import { setupOpen } from "./setup";
import { owedStatuses } from "./checkin";
import { activeCasesOf } from "./shared";

export function isCoach(ctx: VerbContext): boolean {
  return ctx.who.member.roles.some((r) => r === "mentor" || r === "relativeCoach");
}

export async function menu(ctx: VerbContext): Promise<Reply> {
  const { member } = ctx.who;
  // Until the corps is set up, a coordinator's menu is the set-up card (read afresh: the identity may be a minute old).
  if (member.roles.includes("coordinator") && ctx.who.corps.setup === "pending" && (await ctx.repos.corps.get(ctx.who.corps.corpsId))?.setup === "pending") {
    return withCorpsSwitch(ctx, await setupOpen(ctx));
  }
  const coach = isCoach(ctx);
  const cases = coach ? await activeCasesOf(ctx) : [];
  const active = cases.length;
  const owed = await owedStatuses(ctx, cases);
  const firstName = member.name.split(" ")[0];
  return withCorpsSwitch(ctx, {
    card: render(menuTemplate, {
      t: ctx.t,
      greeting: fill(ctx.t.menu.greeting, { name: firstName }),
      isCoach: coach,
      isCoordinator: member.roles.includes("coordinator"),
      isLeader: member.roles.includes("leader"),
      isDpo: member.roles.includes("dpo"),
      activeCases: active,
      owed: owed.length === 0 ? "" : owed.length === 1 ? fill(ctx.t.checkin.owedOne, { code: owed[0].case.code }) : fill(ctx.t.checkin.owedMany, { n: owed.length }),
    }),
  });
}

/** For a member of several corps: which corps this menu is for, under the title, and «Skift korps» among its buttons. */
function withCorpsSwitch(ctx: VerbContext, reply: Reply): Reply {
  if (!ctx.who.otherCorps?.length || !("card" in reply)) return reply;
  const card = reply.card as CardJson & { body?: unknown[]; actions?: unknown[] };
  const [title, ...rest] = card.body ?? [];
  const line = { type: "TextBlock", text: fill(ctx.t.corps.inMenu, { name: ctx.who.corps.name }), wrap: true, isSubtle: true, spacing: "None" };
  const change = { type: "Action.Execute", title: ctx.t.corps.switch, verb: "corps.choose", data: { verb: "corps.choose", from: "menu" } };
  return { card: { ...card, body: title ? [title, line, ...rest] : [line], actions: [...(card.actions ?? []), change] } };
}

export async function help(ctx: VerbContext): Promise<Reply> {
  const roles = ctx.who.member.roles;
  const roleNotes = [
    ...(roles.includes("coordinator") ? [ctx.t.help.coordinator] : []),
    ...(roles.includes("leader") ? [ctx.t.help.leader] : []),
  ];
  return { card: render(helpTemplate, { t: ctx.t, isCoach: isCoach(ctx), roleNotes }) };
}
