// The app added to a team: the team becomes a corps (once), its roster its members, the one who added the app its
// coordinator. A welcome goes to the channel; the set-up card to the coordinator's personal chat.
import { endLending } from "./verbs/lending";
import { TeamsInfo, type TeamsChannelAccount, type TurnContext } from "botbuilder";
import { messageJob } from "../src/domain/jobs";
import { withCoachLeft } from "../src/domain/coordination";
import { membersFromRoster, newCorps, teamKey, withMembership, withoutMembership, type RosterEntry } from "../src/domain/corps";
import { userKey, type Member } from "../src/domain/model";
import { casesFor } from "../src/store/access";
import type { BotDeps } from "./context";
import { catalogue, fill, langOf } from "./locale";
import { setupCard } from "./verbs/setup";

interface TeamChannelData {
  team?: { id?: string; name?: string };
  tenant?: { id?: string };
  eventType?: string;
  channel?: { id?: string; name?: string };
}

/** The team's channels as Teams lists them; if Teams cannot say, the one the app was added in. */
async function channelsOf(turn: TurnContext, teamId: string, fallback: string): Promise<Array<{ id: string; name?: string }>> {
  try {
    const listed = await TeamsInfo.getTeamChannels(turn, teamId);
    const channels = listed.filter((c) => c.id).map((c) => ({ id: c.id!, ...(c.name ? { name: c.name } : {}) }));
    return channels.length > 0 ? channels.slice(0, 200) : [{ id: fallback }];
  } catch {
    return [{ id: fallback }];
  }
}

/**
 * A channel created, renamed, deleted or restored in a corps' team: the set-up card's list follows. A deleted channel
 * that had the monthly summary hands it to the team's General channel (its id is the team's).
 */
async function channelChanged(deps: BotDeps, corpsId: string, teamId: string, cd: TeamChannelData): Promise<boolean> {
  const id = cd.channel?.id;
  if (!id) return true;
  await deps.repos.corps.update(corpsId, (corps) => {
    const others = (corps.channels ?? []).filter((c) => c.id !== id);
    const gone = cd.eventType === "channelDeleted";
    const channels = gone ? others : [...others, { id, ...(cd.channel?.name ? { name: cd.channel.name } : {}) }];
    return { ...corps, channels, ...(gone && corps.channelId === id ? { channelId: teamId } : {}) };
  });
  deps.log.info({ event: "team.channelChanged", corpsId, eventType: cd.eventType }, "a channel of a corps' team changed");
  return true;
}

/** Every member of the team, page by page (Teams pages large teams). */
export async function rosterOf(turn: TurnContext, teamId: string): Promise<Array<RosterEntry & { userId: string }>> {
  const out: Array<RosterEntry & { userId: string }> = [];
  let token: string | undefined;
  do {
    const page = await TeamsInfo.getPagedTeamMembers(turn, teamId, 500, token);
    for (const m of page.members as TeamsChannelAccount[]) {
      if (m.aadObjectId) out.push({ aadObjectId: m.aadObjectId, name: m.name ?? "", userId: m.id });
    }
    token = page.continuationToken || undefined;
  } while (token);
  return out;
}

/**
 * Events in a team: the app added (the team becomes a corps) or removed (recorded), people added (they appear on
 * the set-up card) or removed (access gone at once, their cases flagged for a new coach). True when handled.
 * `forget`: drop someone from the identity cache, so a removal takes effect on this instance's next turn.
 */
export async function onTeamUpdate(turn: TurnContext, deps: BotDeps, forget: (tenantId: string, aadObjectId: string) => void): Promise<boolean> {
  const a = turn.activity;
  const cd = (a.channelData ?? {}) as TeamChannelData;
  const tenantId = cd.tenant?.id ?? a.conversation?.tenantId;
  const teamId = cd.team?.id;
  if (!teamId || !tenantId) return false;
  const isBot = (m: { id?: string }) => m.id === a.recipient?.id;
  const removedApp = a.membersRemoved?.some(isBot) || (a.type === "installationUpdate" && (a as { action?: string }).action === "remove");
  if (a.type === "installationUpdate" && !removedApp) return true; // "add" comes as a conversationUpdate too
  if (a.membersAdded?.some(isBot)) return installed(turn, deps, tenantId, teamId, cd);
  const link = await deps.repos.teams.get(tenantId, teamId);
  if (!link) return true; // a team that is no corps: nothing of ours
  if (removedApp) return appRemoved(deps, link.corpsId);
  if (cd.eventType?.startsWith("channel")) return channelChanged(deps, link.corpsId, teamId, cd);
  const added = (a.membersAdded ?? []).filter((m) => !isBot(m));
  const removed = (a.membersRemoved ?? []).filter((m) => !isBot(m));
  if (added.length > 0) await membersAdded(turn, deps, link.corpsId, teamId);
  for (const m of removed) await memberRemoved(deps, link.corpsId, tenantId, m as TeamsChannelAccount, a.id ?? m.id, forget);
  return true;
}

async function appRemoved(deps: BotDeps, corpsId: string): Promise<boolean> {
  const corps = await deps.repos.corps.get(corpsId);
  if (corps && !corps.removedAt) await deps.repos.corps.upsert({ ...corps, removedAt: deps.clock().toISOString() });
  deps.log.info({ event: "team.appRemoved", corpsId }, "the app was removed from a corps' team: recorded, nothing deleted");
  return true;
}

/** New people in the team: members without a role, shown on the coordinator's set-up card (names from the roster). */
async function membersAdded(turn: TurnContext, deps: BotDeps, corpsId: string, teamId: string) {
  const existing = await deps.repos.members.list(corpsId);
  const fresh = membersFromRoster(corpsId, await rosterOf(turn, teamId), existing).filter((m) => {
    const had = existing.find((e) => e.aadObjectId === m.aadObjectId);
    return !had || had.leftAt !== undefined;
  });
  for (const m of fresh) await deps.repos.members.upsert(m);
  deps.log.info({ event: "team.membersAdded", corpsId, added: fresh.length }, "people added to a corps' team");
}

/**
 * Someone left the team: they lose their roles and their membership of this corps at once; each of their open
 * cases is flagged for the coordinators, who are told in one message per coordinator (an outbox message, written
 * before the change, so the telling survives a crash in the middle of it).
 */
async function memberRemoved(deps: BotDeps, corpsId: string, tenantId: string, who: TeamsChannelAccount, eventId: string, forget: (t: string, aad: string) => void) {
  const { repos, log, clock } = deps;
  const members = await repos.members.list(corpsId);
  const member = members.find((m) => m.aadObjectId === who.aadObjectId?.toLowerCase() || (who.id !== undefined && m.teamsUserId === who.id));
  if (!member) return;
  const open = (await repos.cases.listForCoach(corpsId, member.aadObjectId)).filter((c) => c.status !== "closed");
  const owed: string[] = [];
  for (const coordinator of members.filter((m) => m.roles.includes("coordinator") && m.aadObjectId !== member.aadObjectId)) {
    if (open.length === 0) break;
    const job = messageJob(corpsId, { what: "coachLeft", eventId, coachId: member.aadObjectId, caseIds: open.map((c) => c.id), to: coordinator.aadObjectId }, clock());
    await repos.jobs.create(job);
    owed.push(job.id);
  }
  await repos.directory.upsert(withoutMembership(await repos.directory.get(userKey(tenantId, member.aadObjectId)), tenantId, member.aadObjectId, corpsId));
  const { conversation: _gone, ...rest } = member;
  await repos.members.upsert({ ...rest, roles: [], ...(member.roles.length > 0 ? { formerRoles: member.roles } : {}), leftAt: clock().toISOString() });
  forget(tenantId, member.aadObjectId);
  // Someone lent to other corps who leaves their own corps' team: those lendings end (the borrowing corps is told).
  for (const m of (await repos.directory.get(userKey(tenantId, member.aadObjectId)))?.memberships ?? []) {
    const there = await repos.members.get(m.corpsId, member.aadObjectId);
    if (there?.guest?.homeCorpsId === corpsId) await endLending(deps, m.corpsId, there.guest.lendingId, undefined, "guestLeft");
  }
  for (const c of open) {
    const { after } = await repos.cases.update(corpsId, c.id, (x) => withCoachLeft(x, eventId, clock()));
    await deps.deriver.projectCase(after);
  }
  log.info({ event: "team.memberRemoved", corpsId, member: member.aadObjectId, cases: open.length }, "someone left a corps' team");
  void deps.outbox.sendNow(corpsId, owed);
}

async function installed(turn: TurnContext, deps: BotDeps, tenantId: string, teamId: string, cd: TeamChannelData): Promise<boolean> {
  const a = turn.activity;
  const { repos, log, messenger } = deps;
  const link = await repos.teams.get(tenantId, teamId);
  if (link) {
    const known = await repos.corps.get(link.corpsId);
    if (known?.removedAt) await repos.corps.upsert({ ...known, removedAt: undefined });
    log.info({ event: "team.reinstalled", corpsId: link.corpsId }, "app added again to a team that is a corps: nothing changes");
    return true;
  }
  const installerId = a.from?.aadObjectId;
  const corps = { ...newCorps({ tenantId, teamId, teamName: cd.team?.name, channelId: a.conversation.id, serviceUrl: a.serviceUrl, botId: a.recipient?.id }), channels: await channelsOf(turn, teamId, a.conversation.id) };
  const roster = await rosterOf(turn, teamId);
  const existing = await repos.members.list(corps.corpsId); // a set-up interrupted before its end is redone
  const members = membersFromRoster(corps.corpsId, roster, existing, installerId);
  for (const m of members) {
    await repos.members.upsert(m);
    await repos.directory.upsert(withMembership(await repos.directory.get(userKey(tenantId, m.aadObjectId)), tenantId, m));
  }
  await repos.corps.upsert({ ...((await repos.corps.get(corps.corpsId)) ?? corps) });
  // Written last: its presence means the corps exists completely.
  await repos.teams.create({ type: "team", id: teamKey(tenantId, teamId), corpsId: corps.corpsId });
  log.info({ event: "team.installed", corpsId: corps.corpsId, members: members.length }, "a team became a corps");

  const coordinator: Member | undefined = members.find((m) => m.aadObjectId === installerId?.toLowerCase());
  const t = catalogue(langOf(a.locale));
  await turn.sendActivity(fill(t.setup.welcome, { coordinator: coordinator?.name ?? t.setup.choices.coordinator }));

  const userId = roster.find((r) => r.aadObjectId.toLowerCase() === installerId?.toLowerCase())?.userId;
  if (coordinator && userId) {
    const card = setupCard({ ...deps, t, lang: langOf(a.locale), who: { corps, member: coordinator }, cases: casesFor(repos, coordinator), catalogueFor: (l) => catalogue(langOf(l)) }, corps, members);
    const sent = await messenger.startChat({ serviceUrl: a.serviceUrl, tenantId, botId: a.recipient.id, userId }, card);
    if (sent.conversation) await repos.members.upsert({ ...coordinator, conversation: sent.conversation });
    log.info({ event: `team.setupCard.${sent.outcome}`, corpsId: corps.corpsId }, "set-up card to the coordinator");
  }
  return true;
}
