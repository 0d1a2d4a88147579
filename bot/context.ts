// What every verb handler gets: who is asking (resolved from the Teams identity), in which language,
// and the app's ports. Verb handlers return a Reply; the turn shell decides how it reaches Teams.
import type { Activity } from "botbuilder";
import type { Clock } from "../src/domain/clock";
import type { ConversationRef } from "../src/domain/model";
import { userKey } from "../src/domain/model";
import { whoIs, type Who } from "../src/store/identity";
import type { Logger } from "../src/log";
import type { Repositories } from "../src/store/repositories";
import type { Deriver } from "../src/derive";
import type { Notices } from "./notices";
import type { CheckIns } from "./checkins";
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
  ): Promise<{ outcome: "sent" | "gone" | "failed"; activityId?: string }>;
  /** Replaces a message Løft posted in a channel (the summary, as answers come in). */
  update(to: ConversationRef, activityId: string, reply: Reply): Promise<"sent" | "gone" | "failed">;
}

export interface BotDeps {
  repos: Repositories;
  clock: Clock;
  log: Logger;
  messenger: Messenger;
  /** Completes what follows from a stored entry (read models, flags, jobs). */
  deriver: Deriver;
  /** Tells coaches what a coordinator's change of a case means for them. */
  notices: Notices;
  /** The monthly check-in: an answer brings the corps' channel summary up to date; new settings move its jobs. */
  checkIns: Pick<CheckIns, "answered" | "replan">;
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

/** The parts of an activity that say who sent it. */
export interface Sender {
  from?: { aadObjectId?: string };
  channelData?: unknown;
  conversation?: { tenantId?: string };
}

export function tenantOf(a: Sender): string | undefined {
  const cd = a.channelData as { tenant?: { id?: string } } | undefined;
  return cd?.tenant?.id ?? a.conversation?.tenantId;
}

export function languageOf(a: Partial<Activity>) {
  const lang = langOf(a.locale);
  return { lang, t: catalogue(lang) };
}

/**
 * Who is asking, remembered for a minute: a practitioner's turns come in bursts (open a card, submit it), and
 * the three identity reads would otherwise be most of a turn's store cost. A change of roles or membership
 * reaches every app instance within the minute; someone unknown is looked up again every time.
 */
export function createIdentityCache(repos: Repositories, ttlMs = 60_000, now: () => number = Date.now) {
  const cache = new Map<string, { who: Who; until: number }>();
  return {
    async resolve(a: Sender): Promise<Who | undefined> {
      const tenantId = tenantOf(a);
      const aad = a.from?.aadObjectId;
      if (!tenantId || !aad) return undefined;
      const key = userKey(tenantId, aad);
      const hit = cache.get(key);
      if (hit && hit.until > now()) return hit.who;
      const who = await whoIs(repos, tenantId, aad);
      // A member without a role is looked up every time: the coordinator may be giving them one right now.
      if (who && who.member.roles.length > 0) cache.set(key, { who, until: now() + ttlMs });
      else cache.delete(key);
      return who;
    },
    /** Someone removed from a corps: looked up afresh on their next turn. */
    forget(tenantId: string, aadObjectId: string) {
      cache.delete(userKey(tenantId, aadObjectId));
    },
    /** After the member document was written (e.g. a new conversation reference). */
    update(tenantId: string, who: Who) {
      const key = userKey(tenantId, who.member.aadObjectId);
      const hit = cache.get(key);
      if (hit) hit.who = who;
    },
  };
}
