// The app added to a team: the team becomes a corps (once), its roster its members, the one who added the app its
// coordinator. A welcome goes to the channel; the set-up card to the coordinator's personal chat.
import { TeamsInfo, type TeamsChannelAccount, type TurnContext } from "botbuilder";
import { membersFromRoster, newCorps, teamKey, withMembership, type RosterEntry } from "../src/domain/corps";
import { userKey, type Member } from "../src/domain/model";
import type { BotDeps } from "./context";
import { catalogue, fill, langOf } from "./locale";
import { setupCard } from "./verbs/setup";

interface TeamChannelData {
  team?: { id?: string; name?: string };
  tenant?: { id?: string };
  eventType?: string;
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

/** True when the activity was the app being added to a team (and it was handled). */
export async function onTeamInstalled(turn: TurnContext, deps: BotDeps): Promise<boolean> {
  const a = turn.activity;
  const cd = (a.channelData ?? {}) as TeamChannelData;
  const botAdded = a.membersAdded?.some((m) => m.id === a.recipient?.id);
  const tenantId = cd.tenant?.id ?? a.conversation?.tenantId;
  const teamId = cd.team?.id;
  if (!botAdded || !teamId || !tenantId) return false;
  const { repos, log, messenger } = deps;

  if (await repos.teams.get(tenantId, teamId)) {
    log.info({ event: "team.reinstalled" }, "app added again to a team that is a corps: nothing changes");
    return true;
  }
  const installerId = a.from?.aadObjectId;
  const corps = newCorps({ tenantId, teamId, teamName: cd.team?.name, channelId: a.conversation.id, serviceUrl: a.serviceUrl, botId: a.recipient?.id });
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
    const card = setupCard({ ...deps, t, lang: langOf(a.locale), who: { corps, member: coordinator }, catalogueFor: (l) => catalogue(langOf(l)) }, corps, members);
    const sent = await messenger.startChat({ serviceUrl: a.serviceUrl, tenantId, botId: a.recipient.id, userId }, card);
    if (sent.conversation) await repos.members.upsert({ ...coordinator, conversation: sent.conversation });
    log.info({ event: `team.setupCard.${sent.outcome}`, corpsId: corps.corpsId }, "set-up card to the coordinator");
  }
  return true;
}
