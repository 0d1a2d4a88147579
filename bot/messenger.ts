// Proactive sends through the Bot Connector: to a member's personal chat, and to a corps' channel (the monthly
// summary, posted once and then updated in place). All of them are paced to stay within Teams' limits.
import type { CloudAdapter, ConversationReference, TurnContext } from "botbuilder";
import type { ConversationRef } from "../src/domain/model";
import type { Logger } from "../src/log";
import type { Messenger, Reply, SendOptions } from "./context";
import { toActivity } from "./turn";

const statusOf = (e: unknown) => Number((e as { statusCode?: unknown }).statusCode ?? 0);

/** The sender's `beforeRequest` refused (e.g. its claim on the message was lost): nothing was sent; the caller's error. */
class BeforeRequest extends Error {
  constructor(readonly reason: unknown) {
    super("before the request");
  }
}
const before = async (opts?: SendOptions) => {
  try {
    await opts?.beforeRequest?.();
  } catch (e) {
    throw new BeforeRequest(e);
  }
};
/** An error of the sender's own `beforeRequest` is the sender's; any other is the outcome of the send. */
const senders = (e: unknown) => {
  if (e instanceof BeforeRequest) throw e.reason;
};

/**
 * One send per call. The connector client already retries throttling (429, honouring Retry-After) and passing
 * faults (5xx) with exponential backoff, so a retry loop here would multiply its attempts; a send that still fails
 * is tried again later by the durable job that asked for it. 403/404 mean the bot was removed or blocked.
 */
export function createMessenger(adapter: CloudAdapter, appId: string, log: Logger, perSecond: number): Messenger {
  const pace = pacer(perSecond);
  const outcomeOf = (e: unknown, conversation: string): "gone" | "failed" => {
    const status = statusOf(e);
    if (status === 403 || status === 404) {
      log.warn({ event: "proactive.gone", status, conversation }, "member unreachable");
      return "gone";
    }
    log.warn({ event: "proactive.failed", status, conversation }, "proactive send failed");
    return "failed";
  };
  /** One paced request in an existing conversation (a personal chat or a channel). */
  async function inConversation(serviceUrl: string, botId: string, conversation: ConversationReference["conversation"], act: (turn: TurnContext) => Promise<void>) {
    await pace();
    const reference: Partial<ConversationReference> = { channelId: "msteams", serviceUrl, conversation, bot: { id: botId, name: "Løft" } };
    await adapter.continueConversationAsync(appId, reference, act);
  }
  return {
    async startChat(to, reply, opts) {
      let conversation: ConversationRef | undefined;
      try {
        await pace(2); // the chat is created, then the message sent
        await before(opts);
        await adapter.createConversationAsync(
          appId,
          "msteams",
          to.serviceUrl,
          "https://api.botframework.com",
          { isGroup: false, bot: { id: to.botId, name: "Løft" }, members: [{ id: to.userId, name: "" }], tenantId: to.tenantId, channelData: { tenant: { id: to.tenantId } } } as never,
          async (turn) => {
            conversation = { serviceUrl: to.serviceUrl, conversationId: turn.activity.conversation.id, botId: to.botId };
            await turn.sendActivity(toActivity(reply));
          },
        );
        return { outcome: "sent", conversation };
      } catch (e) {
        senders(e);
        return { outcome: outcomeOf(e, "new"), conversation };
      }
    },
    async send(to: ConversationRef, reply: Reply, opts) {
      return inConversation(to.serviceUrl, to.botId, { id: to.conversationId, isGroup: false, conversationType: "personal", name: "" }, async (turn) => {
        await before(opts);
        await turn.sendActivity(toActivity(reply));
      }).then(
        () => "sent" as const,
        (e) => {
          senders(e);
          return outcomeOf(e, to.conversationId);
        },
      );
    },
    async post(to, reply, opts) {
      // A message to a channel's conversation id starts a new thread there; its id is what `update` changes.
      let activityId: string | undefined;
      return inConversation(to.serviceUrl, to.botId, { id: to.channelId, isGroup: true, conversationType: "channel", name: "", tenantId: to.tenantId }, async (turn) => {
        await before(opts);
        activityId = (await turn.sendActivity({ ...toActivity(reply), channelData: { channel: { id: to.channelId } } }))?.id;
      }).then(
        () => ({ outcome: "sent" as const, activityId }),
        (e) => {
          senders(e);
          return { outcome: outcomeOf(e, to.channelId) };
        },
      );
    },
    async update(to, activityId, reply) {
      const conversation = { id: to.conversationId, isGroup: true, conversationType: "channel", name: "" };
      return inConversation(to.serviceUrl, to.botId, conversation, async (turn) => {
        await turn.updateActivity({ ...toActivity(reply), id: activityId, conversation: conversation as never });
      }).then(() => "sent" as const, (e) => outcomeOf(e, to.conversationId));
    },
  };
}

/**
 * Spreads proactive requests evenly at `perSecond` (Teams allows about 30 per second per app and tenant, 7 per
 * second per conversation): each call waits for its slot. One pacer per process; a 429 that gets through anyway is
 * retried by the connector client after its Retry-After.
 */
export function pacer(perSecond: number, now: () => number = Date.now) {
  const gap = 1000 / perSecond;
  let next = 0;
  return async (requests = 1): Promise<void> => {
    const t = now();
    const slot = Math.max(t, next);
    next = slot + gap * requests;
    if (slot > t) await new Promise((r) => setTimeout(r, slot - t));
  };
}
