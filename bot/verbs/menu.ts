import menuTemplate from "../cards/menu.json";
import helpTemplate from "../cards/help.json";
import { render } from "../cards/render";
import type { Reply, VerbContext } from "../context";
import { fill } from "../locale";
import { setupOpen } from "./setup";
import { activeCasesOf } from "./shared";

export function isCoach(ctx: VerbContext): boolean {
  return ctx.who.member.roles.some((r) => r === "mentor" || r === "relativeCoach");
}

export async function menu(ctx: VerbContext): Promise<Reply> {
  const { member } = ctx.who;
  // Until the corps is set up, a coordinator's menu is the set-up card (read afresh: the identity may be a minute old).
  if (member.roles.includes("coordinator") && ctx.who.corps.setup === "pending" && (await ctx.repos.corps.get(ctx.who.corps.corpsId))?.setup === "pending") {
    return setupOpen(ctx);
  }
  const coach = isCoach(ctx);
  const active = coach ? (await activeCasesOf(ctx)).length : 0;
  const firstName = member.name.split(" ")[0];
  return {
    card: render(menuTemplate, {
      t: ctx.t,
      greeting: fill(ctx.t.menu.greeting, { name: firstName }),
      isCoach: coach,
      isCoordinator: member.roles.includes("coordinator"),
      activeCases: active,
    }),
  };
}

export async function help(ctx: VerbContext): Promise<Reply> {
  const roles = ctx.who.member.roles;
  const roleNotes = [
    ...(roles.includes("coordinator") ? [ctx.t.help.coordinator] : []),
    ...(roles.includes("leader") ? [ctx.t.help.leader] : []),
  ];
  return { card: render(helpTemplate, { t: ctx.t, isCoach: isCoach(ctx), roleNotes }) };
}
