// What every verb handler gets: who is asking (resolved from the Teams identity), in which language,
// and the app's ports. Verb handlers return a Reply; the turn shell decides how it reaches Teams.
import type { Activity } from "botbuilder";
import type { Clock } from "../src/domain/clock";
import type { ConversationRef, Corps, Member } from "../src/domain/model";
import { userKey } from "../src/domain/model";
import { chooseCorps, lookUp, type IdentityReads, type Lookup, type Where, type Who } from "../src/store/identity";
import type { Logger } from "../src/log";
import type { Repositories } from "../src/store/repositories";
import type { Deriver } from "../src/derive";
import type { CaseAccess } from "../src/store/access";
import { catalogue, langOf, type Catalogue, type Lang } from "./locale";
import type { CardJson } from "./cards/render";

/** `beforeRequest`: awaited when the request is about to leave (after pacing). */
export interface SendOptions {
  beforeRequest?: () => Promise<void>;
}

/** Proactive messages (to a member's personal chat). */
export interface Messenger {
  /** "gone": the bot was removed or blocked (403/404), do not try again; "failed": a fault that outlasted the retries. */
  send(to: ConversationRef, reply: Reply, opts?: SendOptions): Promise<"sent" | "gone" | "failed">;
  /**
   * Starts (or finds) the personal chat with a member who has not written to Løft yet — possible once the app is
   * installed in a team they are in — and sends `reply` there; the chat's reference when it worked.
   */
  startChat(
    to: { serviceUrl: string; tenantId: string; botId: string; userId: string },
    reply: Reply,
    opts?: SendOptions,
  ): Promise<{ outcome: "sent" | "gone" | "failed"; conversation?: ConversationRef }>;
  /** Posts a new message in a team's channel; the message's id when it worked. */
  post(
    to: { serviceUrl: string; tenantId: string; botId: string; channelId: string },
    reply: Reply,
    opts?: SendOptions,
  ): Promise<{ outcome: "sent" | "gone" | "failed"; activityId?: string }>;
  /** Replaces a message Løft posted in a channel (the summary, as answers come in). */
  update(to: ConversationRef, activityId: string, reply: Reply): Promise<"sent" | "gone" | "failed">;
}

/** The monthly check-in as verbs use it (bot/checkins.ts). */
export interface CheckInsPort {
  /** After an answer: the channel's summary shows it (after the turn). */
  answered(corpsId: string, month: string): void;
  /** After the coordinator changed the corps' settings: its rounds and jobs follow at once. */
  replan(corps: Corps): Promise<void>;
  /**
   * The month's summary: the channel's totals ("totals"), or every case for a coordinator — their view of the channel's
   * card ("channel") or a copy in their chat ("chat"); undefined if the month has no check-in.
   */
  summaryCard(corpsId: string, month: string, view: "totals" | "channel" | "chat", shown?: (caseIds: string[]) => void): Promise<Reply | undefined>;
}

/** The outbox (bot/outbox) as the rest of the bot uses it. */
export interface OutboxPort {
  sendNow(corpsId: string, jobIds: readonly string[]): Promise<void>;
}

export interface BotDeps {
  repos: Repositories;
  clock: Clock;
  log: Logger;
  messenger: Messenger;
  /** Completes what follows from a stored entry (read models, flags, jobs). */
  deriver: Deriver;
  /** The outbox (bot/outbox): sends now the messages a change just owed; the scheduler sends what this does not. */
  outbox: OutboxPort;
  /** The monthly check-in: an answer brings the corps' channel summary up to date; new settings move its jobs. */
  checkIns: CheckInsPort;
}

export type { Who };

export interface VerbContext extends BotDeps {
  who: Who;
  /** The cases this member may reach, by role: flows read cases only through this. */
  cases: CaseAccess;
  lang: Lang;
  t: Catalogue;
  /** Another member's catalogue, by their Teams locale (for messages to them). */
  catalogueFor(locale: string | undefined): Catalogue;
}

/** A card replaces the submitted one (Action.Execute) or is sent as a new message; text is a plain message. */
export type Reply = { card: CardJson } | { text: string };

/** The parts of an activity that say who sent it, and where. */
export interface Sender {
  type?: string;
  name?: string;
  from?: { aadObjectId?: string };
  channelData?: unknown;
  conversation?: { tenantId?: string; conversationType?: string };
  value?: unknown;
}

export function tenantOf(a: Sender): string | undefined {
  const cd = a.channelData as { tenant?: { id?: string } } | undefined;
  return cd?.tenant?.id ?? a.conversation?.tenantId;
}

/** The data of the card action an activity carries (Action.Execute, or Action.Submit as a message's value). */
function cardDataOf(a: Sender): unknown {
  if (a.type === "invoke" && a.name === "adaptiveCard/action") return (a.value as { action?: { data?: unknown } } | undefined)?.action?.data;
  return a.type === "message" ? a.value : undefined;
}

const shortString = (v: unknown, max: number) => (typeof v === "string" && v.length > 0 && v.length <= max ? v : undefined);

/**
 * Where a turn happens, for the identity lookup (src/store/identity.ts): the team of a conversation in a team (never of
 * a personal chat), and the corps and case the pressed card names.
 */
export function whereOf(a: Sender, data: unknown = cardDataOf(a)): Where {
  const team = (a.channelData as { team?: { id?: unknown } } | undefined)?.team;
  const d = (data && typeof data === "object" ? data : {}) as { corpsId?: unknown; caseId?: unknown };
  return {
    teamId: a.conversation?.conversationType === "personal" ? undefined : shortString(team?.id, 200),
    corpsId: shortString(d.corpsId, 64),
    caseId: shortString(d.caseId, 100),
  };
}

/**
 * A card shown to a member of several corps names the corps it was shown for: every action's data carries `corpsId`
 * (unless it names one already, as the corps choice's buttons do), so pressing it later acts in that corps whatever
 * corps is chosen by then. Cards of members of one corps are left as they are.
 */
export function stampCorps(reply: Reply, corpsId: string): Reply {
  if (!("card" in reply)) return reply;
  const card = structuredClone(reply.card);
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const n = node as { type?: unknown; data?: unknown };
    if ((n.type === "Action.Execute" || n.type === "Action.Submit") && n.data && typeof n.data === "object" && !("corpsId" in n.data)) {
      (n.data as Record<string, unknown>).corpsId = corpsId;
    }
    Object.values(node).forEach(walk);
  };
  walk(card);
  return { card };
}

export function languageOf(a: Partial<Activity>) {
  const lang = langOf(a.locale);
  return { lang, t: catalogue(lang) };
}

const sameRoles = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((r) => b.includes(r));

/**
 * Who is asking. Every lookup starts with one point read of the person's directory entry; the corps and member
 * documents read under it are remembered for up to a minute (a practitioner's turns come in bursts), but only while
 * the entry is exactly as it was when they were read. Every change of roles or membership rewrites the entry (the
 * set-up card writes the member document first, then the entry; a removal the entry first), so it counts on the next
 * turn on every app instance. A member document is remembered only when its roles are the entry's for that corps: one
 * a set-up wrote without reaching the entry (yet) is read again every time. A team's link to its corps never changes
 * once written and is kept.
 */
export function createIdentityCache(repos: Repositories, ttlMs = 60_000, now: () => number = Date.now) {
  const people = new Map<string, { memberships: string; members: Map<string, { member: Member; until: number }> }>();
  const corpsDocs = new Map<string, { corps: Corps; until: number }>();
  const links = new Map<string, string>();

  async function corpsOf(corpsId: string): Promise<Corps | undefined> {
    const hit = corpsDocs.get(corpsId);
    if (hit && hit.until > now()) return hit.corps;
    const corps = await repos.corps.get(corpsId);
    if (corps) corpsDocs.set(corpsId, { corps, until: now() + ttlMs });
    else corpsDocs.delete(corpsId);
    return corps;
  }

  async function teamCorps(tenantId: string, teamId: string): Promise<string | undefined> {
    const key = `${tenantId}:${teamId}`.toLowerCase();
    const known = links.get(key);
    if (known) return known;
    const link = await repos.teams.get(tenantId, teamId);
    if (link) links.set(key, link.corpsId);
    return link?.corpsId;
  }

  /** Who is asking, where (the conversation's team, the card's corps or case): found, nobody, or asked to choose. */
  async function lookUpSender(a: Sender, where: Where = whereOf(a)): Promise<Lookup> {
    const tenantId = tenantOf(a);
    const aad = a.from?.aadObjectId;
    if (!tenantId || !aad) return { kind: "none" };
    const key = userKey(tenantId, aad);
    const dir = await repos.directory.get(key);
    if (!dir || dir.memberships.length === 0) {
      people.delete(key);
      return { kind: "none" };
    }
    const memberships = JSON.stringify(dir.memberships);
    let person = people.get(key);
    if (!person || person.memberships !== memberships) {
      person = { memberships, members: new Map() }; // a role or membership changed: nothing remembered holds
      people.set(key, person);
    }
    const remembered = person.members;
    const reads: IdentityReads = {
      corps: corpsOf,
      teamCorps,
      async member(corpsId, aadObjectId) {
        const hit = remembered.get(corpsId);
        if (hit && hit.until > now()) return hit.member;
        const member = await repos.members.get(corpsId, aadObjectId);
        const listed = dir.memberships.find((m) => m.corpsId === corpsId)?.roles ?? [];
        // A member without a role is looked up every time: the coordinator may be giving them one right now.
        if (member && member.roles.length > 0 && sameRoles(member.roles, listed)) remembered.set(corpsId, { member, until: now() + ttlMs });
        else remembered.delete(corpsId);
        return member;
      },
    };
    return lookUp(repos, reads, dir, tenantId, aad, where);
  }

  return {
    lookUp: lookUpSender,
    /** Who is asking, where it is clear without asking them. */
    async resolve(a: Sender, where?: Where): Promise<Who | undefined> {
      const found = await lookUpSender(a, where);
      return found.kind === "found" ? found.who : undefined;
    },
    /** The sender chooses the corps their personal chat works in; false if they hold no role in it. */
    async choose(a: Sender, corpsId: string | undefined): Promise<boolean> {
      const tenantId = tenantOf(a);
      const aad = a.from?.aadObjectId;
      return !!tenantId && !!aad && !!corpsId && chooseCorps(repos, tenantId, aad, corpsId);
    },
    /** Someone removed from a corps: looked up afresh on their next turn. */
    forget(tenantId: string, aadObjectId: string) {
      people.delete(userKey(tenantId, aadObjectId));
    },
    /** After the member or corps document was written (e.g. a new conversation reference). */
    update(tenantId: string, who: Who) {
      const hit = people.get(userKey(tenantId, who.member.aadObjectId))?.members.get(who.corps.corpsId);
      if (hit) hit.member = who.member;
      const corps = corpsDocs.get(who.corps.corpsId);
      if (corps) corps.corps = who.corps;
    },
  };
}
