// A corps starts from its Teams team: the team decides which corps it is, its roster who may be a member, and the
// coordinator's set-up card who holds which role. Pure rules; the Teams shell reads the roster and stores the result.
import { createHash } from "node:crypto";
import { z } from "zod";
import type { Problem } from "./forms";
import { type Case, type Corps, type Directory, type Member, memberDocId, type Role, userKey } from "./model";
import { municipalityByCode } from "./municipalities";

/** The directory document that says which corps a team is (one corps = one team, in one tenant). */
export const TeamLink = z.object({ id: z.string().min(1), corpsId: z.string().min(1), type: z.literal("team") });
export type TeamLink = z.infer<typeof TeamLink>;
export const teamKey = (tenantId: string, teamId: string) => `team:${tenantId}:${teamId}`.toLowerCase();

/** A stable corps id for a team: the same team always gives the same id, and it says nothing about the team. */
export function corpsIdFor(tenantId: string, teamId: string): string {
  return `corps-${createHash("sha256").update(teamKey(tenantId, teamId)).digest("hex").slice(0, 16)}`;
}

/** A corps that has just been created from its team; the coordinator completes it on the set-up card. */
export function newCorps(team: { tenantId: string; teamId: string; teamName?: string; channelId: string; serviceUrl?: string; botId?: string }): Corps {
  const corpsId = corpsIdFor(team.tenantId, team.teamId);
  return {
    type: "corps",
    id: corpsId,
    corpsId,
    name: (team.teamName ?? "").trim().slice(0, 200) || "Nyt korps",
    tenantId: team.tenantId,
    teamId: team.teamId,
    channelId: team.channelId,
    ...(team.serviceUrl ? { serviceUrl: team.serviceUrl } : {}),
    ...(team.botId ? { botId: team.botId } : {}),
    extraDaysOff: [],
    setup: "pending",
  };
}

/** One person in the team's roster, as Teams gives it. */
export interface RosterEntry {
  aadObjectId: string;
  name: string;
  /** The Teams user id ("29:…"), to start a personal chat with them. */
  userId?: string;
}

/**
 * The members to store for a roster: everyone in the team who is not a member yet, without a role — except the one
 * who added the app, who becomes the coordinator (and keeps any role they have). Existing members keep their roles;
 * they are written again only to learn their Teams user id.
 */
export function membersFromRoster(corpsId: string, roster: readonly RosterEntry[], existing: readonly Member[], installerId?: string): Member[] {
  const known = new Map(existing.map((m) => [m.aadObjectId.toLowerCase(), m]));
  const out: Member[] = [];
  for (const r of roster) {
    const aad = r.aadObjectId.toLowerCase();
    const had = known.get(aad);
    const isInstaller = installerId !== undefined && aad === installerId.toLowerCase();
    const newUserId = r.userId !== undefined && had?.teamsUserId !== r.userId;
    if (had && !newUserId && !had.leftAt && !(isInstaller && !had.roles.includes("coordinator"))) continue;
    const roles: Role[] = isInstaller ? [...new Set<Role>([...(had?.roles ?? []), "coordinator"])] : (had?.roles ?? []);
    out.push({
      ...(had ?? {}),
      leftAt: undefined, // back in the team (without the roles they had)
      type: "member",
      id: memberDocId(aad),
      corpsId,
      aadObjectId: aad,
      name: (r.name || "Ukendt").slice(0, 200),
      roles,
      ...(r.userId ? { teamsUserId: r.userId } : {}),
    });
  }
  return out;
}

/** The directory entry of a member after a change of roles in `corpsId` (their memberships elsewhere kept). */
export function withMembership(dir: Directory | undefined, tenantId: string, member: Pick<Member, "aadObjectId" | "corpsId" | "roles">): Directory {
  const others = (dir?.memberships ?? []).filter((m) => m.corpsId !== member.corpsId);
  return { id: userKey(tenantId, member.aadObjectId), memberships: [...others, { corpsId: member.corpsId, roles: member.roles }] };
}

/** The directory entry of someone removed from the corps' team: their memberships elsewhere kept, this one gone. */
export function withoutMembership(dir: Directory | undefined, tenantId: string, aadObjectId: string, corpsId: string): Directory {
  return { id: userKey(tenantId, aadObjectId), memberships: (dir?.memberships ?? []).filter((m) => m.corpsId !== corpsId) };
}

/** The role choices on the set-up card: single roles, and a coordinator who is also a mentor or relative coach. */
export const ROLE_CHOICES = ["none", "mentor", "relativeCoach", "coordinator", "leader", "dpo", "coordinator+mentor", "coordinator+relativeCoach"] as const;
export type RoleChoice = (typeof ROLE_CHOICES)[number];

export const rolesOf = (choice: RoleChoice): Role[] => (choice === "none" ? [] : (choice.split("+") as Role[]));
export function choiceOf(roles: readonly Role[]): RoleChoice {
  const key = [...roles].sort((a, b) => (a === "coordinator" ? -1 : b === "coordinator" ? 1 : 0)).join("+");
  return (ROLE_CHOICES as readonly string[]).includes(key) ? (key as RoleChoice) : roles.length === 0 ? "none" : (roles[0] as RoleChoice);
}

/** The card's field for a member's role. */
export const roleField = (aadObjectId: string) => `role_${aadObjectId.toLowerCase().replace(/-/g, "")}`;

export type SetupDecision =
  | { kind: "ok"; municipalityCode: string; roles: Map<string, Role[]>; channelId?: string }
  | { kind: "refused"; problems: Problem[] };

/**
 * The set-up card's answers: a municipality of the 98, and a known role choice for each member shown. At least one
 * coordinator must remain, so the corps is never left without someone who can change it.
 */
export function decideSetup(
  values: Record<string, string>,
  members: readonly Member[],
  openCases: ReadonlyArray<Pick<Case, "coachId" | "kind">> = [],
  corps?: Pick<Corps, "channelId" | "channels">,
): SetupDecision {
  const problems: Problem[] = [];
  const municipalityCode = values.municipality ?? "";
  if (!municipalityByCode(municipalityCode)) problems.push({ field: "municipality", code: "required" });
  // The summary's channel: one of the team's channels as Teams listed them (absent from the card: unchanged).
  const channelId = values.channel === undefined || values.channel === "" ? corps?.channelId : values.channel;
  if (corps && channelId !== corps.channelId && !corps.channels?.some((c) => c.id === channelId)) problems.push({ field: "channel", code: "invalid" });
  const roles = new Map<string, Role[]>();
  for (const m of members) {
    const given = values[roleField(m.aadObjectId)];
    if (given === undefined) {
      roles.set(m.aadObjectId, m.roles); // not on the card (joined since it was shown): unchanged
      continue;
    }
    if (!(ROLE_CHOICES as readonly string[]).includes(given)) {
      problems.push({ field: roleField(m.aadObjectId), code: "invalid" });
      continue;
    }
    const next = rolesOf(given as RoleChoice);
    // A coach keeps the role their open cases need: hand the cases over first, so no case is left without a coach.
    const held = openCases.filter((c) => c.coachId.toLowerCase() === m.aadObjectId.toLowerCase());
    if (held.some((c) => !next.includes(c.kind === "mentor" ? "mentor" : "relativeCoach"))) {
      problems.push({ field: roleField(m.aadObjectId), code: "holdsCases" });
      continue;
    }
    roles.set(m.aadObjectId, next);
  }
  if (problems.length === 0 && ![...roles.values()].some((r) => r.includes("coordinator"))) {
    problems.push({ field: "", code: "noCoordinator" });
  }
  return problems.length > 0 ? { kind: "refused", problems } : { kind: "ok", municipalityCode, roles, ...(channelId ? { channelId } : {}) };
}

/** Whether Løft can reach a member at all: their chat with Løft, or one it can start (their Teams id and the team's). */
export const reachable = (corps: Pick<Corps, "serviceUrl" | "botId"> | undefined, member: Pick<Member, "conversation" | "teamsUserId"> | undefined): boolean =>
  !!member && (!!member.conversation || (!!member.teamsUserId && !!corps?.serviceUrl && !!corps.botId));
