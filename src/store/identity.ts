// Teams identity → the corps and member it is: the lookup every bot turn and every tab API call starts with.
//
// Someone can be in several corps of one tenant (two Løft teams). The corps of a lookup is, in this order:
//   1. the Teams team the conversation (a channel) or the tab belongs to: that team's corps — nobody, if they are not
//      in it;
//   2. the corps a card names (the bot puts it on the cards it shows a member of several corps, bot/context.ts
//      stampCorps; the tab's pick, X-Loft-Corps) — a card names a corps they are not in: `stray`, it acts nowhere;
//   3. the only corps in which they hold a role;
//   4. for a card naming a case (a reminder, a notice, a check-in sent from one corps): the corps that holds the case,
//      if they reach it there — see corpsOfCase;
//   5. the corps they chose (their choice document), else they are asked (`choose`).
// Never "the first membership": the directory entry's order changes whenever a coordinator changes a role.
import { mayReach } from "../domain/access";
import { memberDocId, userKey, type Corps, type Directory, type Member } from "../domain/model";
import type { Repositories } from "./repositories";

export interface CorpsOption {
  corpsId: string;
  name: string;
}

export interface Who {
  corps: Corps;
  member: Member;
  /** Their other corps in this tenant in which they hold a role, by name: absent or empty for a member of one corps. */
  otherCorps?: CorpsOption[];
}

/** What a lookup knows of where it happens. */
export interface Where {
  /** The Teams team of the conversation (a channel's) or of the tab (X-Loft-Team). */
  teamId?: string;
  /** The corps a card names, or the tab's pick (X-Loft-Corps). */
  corpsId?: string;
  /** The case a card names. */
  caseId?: string;
}

export type Lookup =
  | { kind: "none" }
  /** Roles in several corps, and nothing says which: the member is asked (the options by name). */
  | { kind: "choose"; options: CorpsOption[] }
  /** `stray`: the card named a corps they are not in (any more); it must not act in the corps found instead. */
  | { kind: "found"; who: Who; stray?: boolean };

/** The reads a lookup makes besides the directory entry; the bot's identity cache answers some from memory. */
export interface IdentityReads {
  corps(corpsId: string): Promise<Corps | undefined>;
  member(corpsId: string, aadObjectId: string): Promise<Member | undefined>;
  /** The corps a team is, by its link (`team:` in the directory). */
  teamCorps(tenantId: string, teamId: string): Promise<string | undefined>;
}

export function directReads(repos: Repositories): IdentityReads {
  return {
    corps: (corpsId) => repos.corps.get(corpsId),
    member: (corpsId, aad) => repos.members.get(corpsId, aad),
    teamCorps: async (tenantId, teamId) => (await repos.teams.get(tenantId, teamId))?.corpsId,
  };
}

/**
 * The member's choice of corps: a directory document of its own (no memberships, `activeCorpsId`), because the set-up
 * card and the team's events rewrite the `user:` entry whole — on it, a coordinator's change of a role would forget it.
 */
export const choiceKey = (tenantId: string, aadObjectId: string) => `choice:${tenantId}:${aadObjectId}`.toLowerCase();

/** A case id as cards carry them (`case-{uuid}`, `case-{code}`): anything else names no case. */
const CASE_ID = /^[A-Za-z0-9_.:-]{1,100}$/;

const byName = (a: CorpsOption, b: CorpsOption) => a.name.localeCompare(b.name, "da") || a.corpsId.localeCompare(b.corpsId);

async function optionsOf(reads: IdentityReads, memberships: Directory["memberships"]): Promise<CorpsOption[]> {
  const corps = await Promise.all(memberships.map((m) => reads.corps(m.corpsId)));
  return corps.filter((c): c is Corps => c !== undefined).map((c) => ({ corpsId: c.corpsId, name: c.name })).sort(byName);
}

/** The corps a team is: its link; for a corps set up before Løft kept links (the demo corps), the member's corps that names the team. */
async function corpsOfTeam(reads: IdentityReads, tenantId: string, teamId: string, memberships: Directory["memberships"]): Promise<string | undefined> {
  const linked = await reads.teamCorps(tenantId, teamId);
  if (linked) return memberships.some((m) => m.corpsId === linked) ? linked : undefined;
  const corps = await Promise.all(memberships.map((m) => reads.corps(m.corpsId)));
  return corps.find((c) => c?.teamId.toLowerCase() === teamId.toLowerCase())?.corpsId;
}

/**
 * The corps holding the case a card names, among those where the member holds a role — only if they reach the case
 * there (as its coach or a coordinator, by the one access rule). A case belongs to one corps, so a card from corps A
 * pressed while B is chosen acts in A, with the roles the member has in A; a case they do not reach in A is not
 * looked for anywhere else, and the verb then answers from the chosen corps exactly as for a case that does not
 * exist — B's roles never reach A's case.
 */
async function corpsOfCase(repos: Repositories, withRole: Directory["memberships"], aadObjectId: string, caseId: string): Promise<string | undefined> {
  if (!CASE_ID.test(caseId)) return undefined;
  const found = await Promise.all(
    withRole.map(async (m) => {
      const got = await repos.cases.get(m.corpsId, caseId);
      const as = { corpsId: m.corpsId, aadObjectId, roles: m.roles };
      return got && (mayReach(as, got.doc, "coach") || mayReach(as, got.doc, "coordinator")) ? m.corpsId : undefined;
    }),
  );
  return found.find((c) => c !== undefined);
}

/** The corps the member chose, if they still hold a role there. */
async function chosenCorps(repos: Repositories, tenantId: string, aadObjectId: string, withRole: Directory["memberships"]): Promise<string | undefined> {
  const chosen = (await repos.directory.get(choiceKey(tenantId, aadObjectId)))?.activeCorpsId;
  return withRole.some((m) => m.corpsId === chosen) ? chosen : undefined;
}

/** The lookup, given the directory entry as just read (`dir`). */
export async function lookUp(repos: Repositories, reads: IdentityReads, dir: Directory | undefined, tenantId: string, aadObjectId: string, where: Where = {}): Promise<Lookup> {
  const all = dir?.memberships ?? [];
  if (all.length === 0) return { kind: "none" };
  const withRole = all.filter((m) => m.roles.length > 0);
  let corpsId: string | undefined;
  let stray = false;
  if (where.teamId) {
    corpsId = await corpsOfTeam(reads, tenantId, where.teamId, all);
    if (!corpsId) return { kind: "none" };
  } else {
    if (where.corpsId !== undefined) {
      if (all.some((m) => m.corpsId === where.corpsId)) corpsId = where.corpsId;
      else stray = true;
    }
    if (!corpsId && withRole.length <= 1) corpsId = (withRole[0] ?? all[0]).corpsId;
    if (!corpsId && where.caseId) corpsId = await corpsOfCase(repos, withRole, aadObjectId, where.caseId);
    if (!corpsId) corpsId = await chosenCorps(repos, tenantId, aadObjectId, withRole);
    if (!corpsId) return { kind: "choose", options: await optionsOf(reads, withRole) };
  }
  const [corps, member] = await Promise.all([reads.corps(corpsId), reads.member(corpsId, aadObjectId)]);
  if (!corps || !member || member.id !== memberDocId(aadObjectId)) return { kind: "none" };
  const others = withRole.filter((m) => m.corpsId !== corpsId);
  const who: Who = others.length > 0 ? { corps, member, otherCorps: await optionsOf(reads, others) } : { corps, member };
  return stray ? { kind: "found", who, stray } : { kind: "found", who };
}

/** The lookup with every document read afresh (the tab's API: one request, nothing remembered). */
export async function lookUpNow(repos: Repositories, tenantId: string, aadObjectId: string, where: Where = {}): Promise<Lookup> {
  return lookUp(repos, directReads(repos), await repos.directory.get(userKey(tenantId, aadObjectId)), tenantId, aadObjectId, where);
}

/** Who someone is, where it is clear without asking; undefined for someone in no corps or with a choice to make. */
export async function whoIs(repos: Repositories, tenantId: string, aadObjectId: string, where: Where = {}): Promise<Who | undefined> {
  const found = await lookUpNow(repos, tenantId, aadObjectId, where);
  return found.kind === "found" ? found.who : undefined;
}

/** Remembers the corps a member of several corps chose; false (nothing written) unless they hold a role in it. */
export async function chooseCorps(repos: Repositories, tenantId: string, aadObjectId: string, corpsId: string, dir?: Directory): Promise<boolean> {
  const entry = dir ?? (await repos.directory.get(userKey(tenantId, aadObjectId)));
  if (!entry?.memberships.some((m) => m.corpsId === corpsId && m.roles.length > 0)) return false;
  await repos.directory.upsert({ id: choiceKey(tenantId, aadObjectId), memberships: [], activeCorpsId: corpsId });
  return true;
}
