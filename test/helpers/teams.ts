// Builds Bot Framework activities as Teams sends them, and posts them to the bot over HTTP.
import { randomUUID } from "node:crypto";
import { DEMO } from "../../src/domain/demo";

export interface TeamsUser {
  aadObjectId: string;
  name: string;
  tenantId?: string;
  locale?: string;
}

export const demoMentor: TeamsUser = { aadObjectId: DEMO.mentor, name: "Demo Mentor" };
export const demoRelativeCoach: TeamsUser = { aadObjectId: DEMO.relativeCoach, name: "Demo Pårørendecoach" };
export const demoCoordinator: TeamsUser = { aadObjectId: DEMO.coordinator, name: "Demo Koordinator" };
export const demoLeader: TeamsUser = { aadObjectId: DEMO.leader, name: "Demo Leder" };

const BOT = { id: "28:loft-bot", name: "Løft" };

function base(user: TeamsUser, serviceUrl: string) {
  const tenantId = user.tenantId ?? DEMO.tenantId;
  return {
    id: randomUUID(),
    channelId: "msteams",
    serviceUrl,
    timestamp: new Date().toISOString(),
    locale: user.locale ?? "da-DK",
    from: { id: `29:${user.aadObjectId}`, name: user.name, aadObjectId: user.aadObjectId },
    recipient: BOT,
    conversation: { id: `a:personal-${user.aadObjectId}`, conversationType: "personal", tenantId },
    channelData: { tenant: { id: tenantId } },
  };
}

export function message(user: TeamsUser, serviceUrl: string, text: string) {
  return { ...base(user, serviceUrl), type: "message", text, textFormat: "plain" };
}

export function installed(user: TeamsUser, serviceUrl: string) {
  return { ...base(user, serviceUrl), type: "conversationUpdate", membersAdded: [BOT] };
}

/** An Action.Execute press: Teams sends an invoke and shows the card in the HTTP response. */
export function execute(user: TeamsUser, serviceUrl: string, verb: string, data: Record<string, unknown>) {
  return {
    ...base(user, serviceUrl),
    type: "invoke",
    name: "adaptiveCard/action",
    value: { action: { type: "Action.Execute", verb, data }, trigger: "manual" },
  };
}

export async function post(appUrl: string, activity: object, headers: Record<string, string> = {}) {
  const res = await fetch(`${appUrl}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(activity),
  });
  const text = await res.text();
  const json = res.headers.get("content-type")?.includes("json");
  return { status: res.status, body: text && json ? JSON.parse(text) : text || undefined };
}

export interface TeamsTeam {
  id: string;
  name: string;
  tenantId: string;
}

/**
 * A conversationUpdate in a team's General channel (whose conversation id is the team's id), as Teams sends it when
 * the app or people are added to or removed from the team. Without `change`: the app was added by `by`.
 */
export function teamEvent(
  by: TeamsUser & { id?: string },
  serviceUrl: string,
  team: TeamsTeam,
  change: { eventType: string; membersAdded?: object[]; membersRemoved?: object[] } = { eventType: "teamMemberAdded", membersAdded: [{ id: BOT.id }] },
) {
  return {
    type: "conversationUpdate",
    id: randomUUID(),
    channelId: "msteams",
    serviceUrl,
    timestamp: new Date().toISOString(),
    locale: "da-DK",
    from: { id: by.id ?? `29:${by.aadObjectId}`, aadObjectId: by.aadObjectId, name: by.name },
    recipient: BOT,
    conversation: { id: team.id, conversationType: "channel", isGroup: true, tenantId: team.tenantId },
    membersAdded: change.membersAdded,
    membersRemoved: change.membersRemoved,
    channelData: { tenant: { id: team.tenantId }, team: { id: team.id, name: team.name }, eventType: change.eventType },
  };
}
