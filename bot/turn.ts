// The Teams shell: one turn in, one reply out. It resolves who is asking, picks the verb
// (from a card action or typed words) and hands over to a verb handler; it holds no rules itself.
import { ActivityTypes, type Activity, type TurnContext } from "botbuilder";
import { randomUUID } from "node:crypto";
import type { ConversationRef } from "../src/domain/model";
import { createIdentityCache, languageOf, stampCorps, tenantOf, whereOf, type BotDeps, type Reply, type VerbContext, type Who } from "./context";
import { accessRecorder, casesFor } from "../src/store/access";
import { onTeamUpdate } from "./team";
import { MAY_PRESS, VERBS } from "./verbs";
import { staleReply } from "./verbs/shared";
import { CHANNEL_VERBS } from "./verbs/summary";
import { CHOOSE_CORPS, corpsChoiceCard } from "./verbs/corps-choice";
import { createReach } from "./reach";
import { verbForRoles, verbForText } from "./words";
import { catalogue, fill, langOf, type Catalogue, type Lang } from "./locale";

const CARD = "application/vnd.microsoft.card.adaptive";

/** A reply as a message activity. */
export function toActivity(reply: Reply) {
  return "card" in reply
    ? { type: ActivityTypes.Message, attachments: [{ contentType: CARD, content: reply.card }] }
    : { type: ActivityTypes.Message, text: reply.text };
}

interface CardAction {
  verb: string;
  data: unknown;
}

/** The verb and data of an Action.Execute (invoke) or Action.Submit (message with value). */
function cardAction(a: Activity): CardAction | undefined {
  if (a.type === ActivityTypes.Invoke && a.name === "adaptiveCard/action") {
    const action = (a.value as { action?: { verb?: unknown; data?: unknown } } | undefined)?.action;
    if (typeof action?.verb === "string") return { verb: action.verb, data: action.data ?? {} };
    return { verb: "menu", data: {} };
  }
  if (a.type === ActivityTypes.Message && a.value && typeof a.value === "object") {
    const v = a.value as { verb?: unknown };
    return { verb: typeof v.verb === "string" ? v.verb : "menu", data: a.value };
  }
  return undefined;
}

/**
 * The verb a card action names, if we have it: own properties only, so "constructor", "__proto__" or "toString" are
 * unknown verbs (the menu answers), and the request's string never reaches the log.
 */
function knownVerb(verb: string): string {
  return Object.hasOwn(VERBS, verb) ? verb : "menu";
}

/** The conversation type for the log: Teams' three, or "other"/"none" (never the request's string). */
function conversationTypeOf(a: Activity): string {
  const type = a.conversation?.conversationType;
  if (type === undefined || type === null) return "none";
  return type === "personal" || type === "channel" || type === "groupChat" ? type : "other";
}

function conversationRefOf(a: Activity): ConversationRef | undefined {
  if (a.conversation?.conversationType !== "personal" || !a.serviceUrl || !a.recipient?.id) return undefined;
  return { serviceUrl: a.serviceUrl, conversationId: a.conversation.id, botId: a.recipient.id };
}

const isCoordinatorOf = (who: Who) => who.member.roles.includes("coordinator");

export function createTurnHandler(deps: BotDeps) {
  const { repos, log } = deps;
  // Remembered by the app's clock (time is an input): a check-in's asking, a day later, is seen at once.
  const identities = createIdentityCache(repos, undefined, () => deps.clock().getTime());
  const reach = createReach(deps);

  /** Keep where to reach the member proactively (reminders, check-ins) up to date. */
  async function rememberConversation(who: Who, a: Activity): Promise<void> {
    const ref = conversationRefOf(a);
    // A corps whose team install Løft never saw (the demo corps, or one set up before Løft kept it) learns where to
    // reach its channel from its members' chats.
    if (ref && (!who.corps.serviceUrl || !who.corps.botId)) {
      await repos.corps.update(who.corps.corpsId, (c) => (c.serviceUrl && c.botId ? undefined : { ...c, serviceUrl: c.serviceUrl ?? ref.serviceUrl, botId: c.botId ?? ref.botId }));
      const corps = await repos.corps.get(who.corps.corpsId);
      if (corps) identities.update(tenantOf(a)!, (who = { ...who, corps }));
    }
    const known = who.member.conversation;
    if (!ref || (known && known.conversationId === ref.conversationId && known.serviceUrl === ref.serviceUrl)) return;
    // Re-read: the remembered identity may be up to a minute old, and roles must not be overwritten with it.
    const fresh = (await repos.members.get(who.corps.corpsId, who.member.aadObjectId)) ?? who.member;
    const member = { ...fresh, conversation: ref, locale: a.locale ?? fresh.locale };
    await repos.members.upsert(member);
    identities.update(tenantOf(a)!, { ...who, member });
  }

  /** The verb as the table declares it: someone it is not for gets the menu; data it cannot take makes the card stale. */
  async function run(verb: string, data: unknown, ctx: VerbContext): Promise<Reply> {
    const v = Object.hasOwn(VERBS, verb) ? VERBS[verb] : VERBS.menu;
    if (!MAY_PRESS[v.who](ctx.who.member)) return VERBS.menu.run(ctx, {});
    const parsed = v.data.safeParse(data);
    if (!parsed.success) {
      log.info({ event: "turn.staleData", verb, paths: parsed.error.issues.map((i) => i.path.join(".")) }, "action data the verb cannot take");
      return staleReply(ctx, "notFound", "menu", "");
    }
    return v.run(ctx, parsed.data);
  }

  async function answer(turn: TurnContext, reply: Reply, asInvoke: boolean) {
    if (asInvoke) {
      const body =
        "card" in reply
          ? { statusCode: 200, type: CARD, value: reply.card }
          : { statusCode: 200, type: "application/vnd.microsoft.activity.message", value: reply.text };
      await turn.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body } });
    } else {
      await turn.sendActivity(toActivity(reply));
    }
  }

  /**
   * The verb's reply; an unknown member or a failing verb gets a short message (with an id to quote) instead. The corps
   * is the one the card names or holds the card's case, the only one, or the one chosen (src/store/identity.ts); a
   * member of several corps who has not chosen is asked first.
   */
  async function replyTo(a: Activity, verb: string, data: unknown, lang: Lang, t: Catalogue): Promise<Reply> {
    try {
      if (verb === CHOOSE_CORPS) {
        // A button on the corps choice: remembered (if they hold a role there); the card names the corps, so the
        // lookup below finds it and the verb answers with its menu.
        const corpsId = (data as { corpsId?: unknown } | undefined)?.corpsId;
        const chosen = await identities.choose(a, typeof corpsId === "string" ? corpsId : undefined);
        log.info({ event: chosen ? "turn.corpsChosen" : "turn.corpsNotChosen", activityId: a.id }, "corps choice");
      }
      const found = await identities.lookUp(a, whereOf(a, data));
      if (found.kind === "none") {
        log.info({ event: "turn.unknownUser", activityId: a.id }, "not a member");
        return { text: t.errors.notMember };
      }
      if (found.kind === "choose") {
        log.info({ event: "turn.chooseCorps", activityId: a.id, corps: found.options.length }, "member of several corps: asked which");
        return corpsChoiceCard(t, found.options);
      }
      const { who } = found;
      if (found.stray) {
        // A card from a corps they are no longer in: it acts nowhere, not even in the corps they are in now.
        log.info({ event: "turn.strayCard", verb, corpsId: who.corps.corpsId }, "card of a corps the member is not in");
        verb = "menu";
        data = {};
      }
      await rememberConversation(who, a);
      // A typed word means what the member's roles make it mean («forløb» for a coordinator: the corps' cases).
      if (a.type === ActivityTypes.Message && !cardAction(a)) verb = verbForRoles(verb, who.member.roles);
      if (who.member.roles.length === 0) {
        // In the team but given no role: one sentence, naming who can give them one.
        const coordinators = (await repos.members.list(who.corps.corpsId)).filter((m) => m.roles.includes("coordinator")).map((m) => m.name);
        log.info({ event: "turn.noRole", corpsId: who.corps.corpsId }, "member without a role");
        return { text: fill(t.errors.noRole, { coordinators: coordinators.join(t.notify.and) || t.setup.choices.coordinator }) };
      }
      // What this member submitted a moment ago is derived before their next turn reads it (on this instance).
      // (A submit need not — unless the member is far ahead of their derivations: then it waits too.)
      const submit = Object.hasOwn(VERBS, verb) && VERBS[verb].submit;
      if (!submit || deps.deriver.busy(who.member.aadObjectId)) await deps.deriver.settled(who.member.aadObjectId);
      const access = accessRecorder(repos, who.member, verb, deps.clock);
      const reply = await run(verb, data, { ...deps, who, cases: casesFor(repos, who.member, access), lang, t, catalogueFor: (l) => catalogue(langOf(l)) });
      // The access log's lines are written before the answer (kept and written later if the store cannot take them now).
      await access.flush();
      log.info({ event: "turn.done", verb, lang, corpsId: who.corps.corpsId, member: who.member.aadObjectId }, "turn");
      return who.otherCorps?.length ? stampCorps(reply, who.corps.corpsId) : reply;
    } catch (err) {
      const errorId = randomUUID();
      log.error({ event: "turn.failed", errorId, verb, activityId: a.id, err: { message: (err as Error).message } }, "turn failed");
      return { text: `${t.errors.generic} (${errorId.slice(0, 8)})` };
    }
  }

  /**
   * A button on a card in a channel (the monthly summary): the one sentence the channel shows the presser; anything
   * about a case goes to the presser's personal chat.
   */
  async function fromChannel(a: Activity, verb: string, data: unknown, lang: Lang, t: Catalogue): Promise<Reply> {
    try {
      const who = await identities.resolve(a);
      if (!who || who.member.roles.length === 0) return { text: t.summary.coordinatorOnly };
      const access = accessRecorder(repos, who.member, verb, deps.clock);
      const ctx: VerbContext = { ...deps, who, cases: casesFor(repos, who.member, access), lang, t, catalogueFor: (l) => catalogue(langOf(l)) };
      const done = await CHANNEL_VERBS[verb](ctx, data);
      await access.flush();
      if ("card" in done) {
        log.info({ event: "turn.fromChannel", verb, corpsId: who.corps.corpsId, view: isCoordinatorOf(who) ? "coordinator" : "totals" }, "channel card view");
        return done.card;
      }
      const { toChat, say } = done;
      // To the personal chat: for a member of several corps, the card names the corps of the channel it came from.
      const delivery = toChat ? await reach(who.corps, who.member, who.otherCorps?.length ? stampCorps(toChat, who.corps.corpsId) : toChat) : "sent";
      log.info({ event: "turn.fromChannel", verb, corpsId: who.corps.corpsId, delivery }, "channel action");
      return { text: delivery === "sent" ? say : t.summary.writeFirst };
    } catch (err) {
      const errorId = randomUUID();
      log.error({ event: "turn.failed", errorId, verb, activityId: a.id, err: { message: (err as Error).message } }, "turn failed");
      return { text: `${t.errors.generic} (${errorId.slice(0, 8)})` };
    }
  }

  return async function onTurn(turn: TurnContext): Promise<void> {
    const a = turn.activity;
    // Events in a team (the app or people added or removed: bot/team.ts). Anything else in a team goes on below.
    const inTeam = a.conversation?.conversationType !== "personal";
    if ((a.type === ActivityTypes.ConversationUpdate || a.type === ActivityTypes.InstallationUpdate) && inTeam && (await onTeamUpdate(turn, deps, identities.forget))) return;
    const { lang, t } = languageOf(a);
    const asInvoke = a.type === ActivityTypes.Invoke;
    let verb: string;
    let data: unknown = {};
    const action = cardAction(a);
    if (action) {
      ({ verb, data } = action);
      verb = knownVerb(verb);
    } else if (a.type === ActivityTypes.Message) {
      verb = verbForText(a.text);
    } else if (a.type === ActivityTypes.ConversationUpdate && a.membersAdded?.some((m) => m.id === a.recipient?.id)) {
      verb = "menu"; // the app was installed: introduce ourselves
    } else {
      return; // other events carry nothing for us
    }
    // Cases are confidential: everything about them happens in the member's personal chat with Løft, never where
    // a channel or group chat could read along. Anything not known to be personal is treated as shared (Teams always
    // says "personal" for a personal chat).
    if (a.conversation?.conversationType !== "personal") {
      if (action && Object.hasOwn(CHANNEL_VERBS, action.verb)) {
        await answer(turn, await fromChannel(a, action.verb, action.data, lang, t), asInvoke);
        return;
      }
      log.info({ event: "turn.notPersonal", conversationType: conversationTypeOf(a), verb }, "not a personal chat");
      await answer(turn, { text: t.errors.personalOnly }, asInvoke);
      return;
    }
    // A button on the menu: the menu stays in the chat as it was, and the flow starts in a message of its own below
    // it — the menu is never replaced, so it is always there to go back to.
    if (asInvoke && (data as { from?: unknown } | undefined)?.from === "menu" && verb !== "menu") {
      await turn.sendActivity(toActivity(await replyTo(a, verb, data, lang, t)));
      // The menu as it was: of the corps it was shown for (its buttons name it, for a member of several corps).
      const corpsId = (data as { corpsId?: unknown }).corpsId;
      await answer(turn, await replyTo(a, "menu", typeof corpsId === "string" ? { corpsId } : {}, lang, t), true);
      return;
    }
    // Sending the answer stays outside the try: a reply Teams cannot take is the HTTP handler's to report (502),
    // not a reason to send a second one.
    await answer(turn, await replyTo(a, verb, data, lang, t), asInvoke);
  };
}
