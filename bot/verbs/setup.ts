// "Korpset": the coordinator's set-up card — the municipality and a role for each person in the corps' team.
import { choiceOf, decideSetup, ROLE_CHOICES, roleField, withMembership } from "../../src/domain/corps";
import { submittedValues, type Problem } from "../../src/domain/forms";
import { userKey, type Corps, type Member } from "../../src/domain/model";
import { MUNICIPALITIES, municipalityByCode } from "../../src/domain/municipalities";
import doneTemplate from "../cards/done.json";
import setupTemplate from "../cards/setup.json";
import { render } from "../cards/render";
import type { Reply, VerbContext } from "../context";
import { fill } from "../locale";
import { problemView } from "./shared";


export function setupCard(ctx: VerbContext, corps: Corps, members: readonly Member[], given: Record<string, string> = {}, problems: readonly Problem[] = []): Reply {
  const labels: Record<string, string> = { municipality: ctx.t.setup.municipality, channel: ctx.t.setup.channel };
  for (const m of members) labels[roleField(m.aadObjectId)] = m.name;
  return {
    card: render(setupTemplate, {
      t: ctx.t,
      // Until it is saved the card sets the corps up; reopened from «Korpset» it is where roles and municipality change.
      title: fill(corps.setup === "pending" ? ctx.t.setup.title : ctx.t.setup.titleDone, { name: corps.name }),
      ...problemView(ctx, problems, labels),
      municipality: given.municipality ?? corps.municipalityCode ?? "",
      // The channel for the monthly summary: offered once Teams has listed the team's channels (more than one).
      channel: given.channel ?? corps.channelId,
      channels: (corps.channels ?? []).length > 1 ? corps.channels!.map((c) => ({ id: c.id, name: c.name ?? ctx.t.setup.generalChannel })) : [],
      municipalities: MUNICIPALITIES,
      members: members
        .filter((m) => !m.leftAt)
        .sort((a, b) => a.name.localeCompare(b.name, "da"))
        .map((m) => ({ field: roleField(m.aadObjectId), name: m.name, value: given[roleField(m.aadObjectId)] ?? choiceOf(m.roles) })),
      roleChoices: ROLE_CHOICES.map((value) => ({ value, title: ctx.t.setup.choices[value] })),
    }),
  };
}

/** The team's people: a guest lent by another corps is not in the team and has no role to set here. */
const ownMembers = (members: Member[]) => members.filter((m) => !m.guest);

export async function setupOpen(ctx: VerbContext): Promise<Reply> {
  const [corps, members] = await Promise.all([ctx.repos.corps.get(ctx.who.corps.corpsId), ctx.repos.members.list(ctx.who.corps.corpsId).then(ownMembers)]);
  return setupCard(ctx, corps ?? ctx.who.corps, members);
}

export async function setupSubmit(ctx: VerbContext, data: unknown): Promise<Reply> {
  const values = submittedValues(data);
  // Read afresh: the identity (and the corps with it) is remembered for up to a minute.
  const [corps, members, cases] = await Promise.all([ctx.repos.corps.get(ctx.who.corps.corpsId), ctx.repos.members.list(ctx.who.corps.corpsId).then(ownMembers), ctx.cases.list("coordinator")]);
  if (!corps) return setupCard(ctx, ctx.who.corps, members, values, [{ field: "", code: "notSaved" }]);
  const decision = decideSetup(values, members, cases.filter((c) => c.status !== "closed"), corps);
  if (decision.kind === "refused") {
    ctx.log.info({ event: "setup.refused", corpsId: corps.corpsId, problems: decision.problems.map((p) => p.code) }, "set-up refused");
    return setupCard(ctx, corps, members, values, decision.problems);
  }
  try {
    for (const m of members) {
      const roles = decision.roles.get(m.aadObjectId) ?? m.roles;
      if (roles.join() === m.roles.join()) continue;
      const member = { ...m, roles };
      await ctx.repos.members.upsert(member);
      const dir = await ctx.repos.directory.get(userKey(corps.tenantId, m.aadObjectId));
      await ctx.repos.directory.upsert(withMembership(dir, corps.tenantId, member));
    }
    await ctx.repos.corps.upsert({ ...corps, municipalityCode: decision.municipalityCode, setup: "done", ...(decision.channelId ? { channelId: decision.channelId } : {}) });
  } catch (err) {
    ctx.log.error({ event: "setup.notSaved", corpsId: corps.corpsId, err: { message: (err as Error).message } }, "set-up not saved");
    return setupCard(ctx, corps, members, values, [{ field: "", code: "notSaved" }]);
  }
  const withRole = [...decision.roles.values()].filter((r) => r.length > 0).length;
  ctx.log.info({ event: "setup.saved", corpsId: corps.corpsId, members: members.length, withRole }, "corps set up");
  return {
    card: render(doneTemplate, {
      t: ctx.t,
      title: fill(ctx.t.setup.saved, { name: corps.name }),
      subtitle: "",
      facts: [],
      notes: [fill(ctx.t.setup.savedText, { municipality: municipalityByCode(decision.municipalityCode)!.name, count: String(withRole) })],
      actions: [{ title: ctx.t.common.menu, verb: "menu", data: { verb: "menu" } }],
    }),
  };
}
