// Proactive sends to a member's personal chat through the Bot Connector.
import type { CloudAdapter, ConversationReference } from "botbuilder";
import type { ConversationRef } from "../src/domain/model";
import type { Logger } from "../src/log";
import type { Messenger, Reply } from "./context";
import { toActivity } from "./turn";

const statusOf = (e: unknown) => Number((e as { statusCode?: unknown }).statusCode ?? 0);

/**
 * One send per call. The connector client already retries throttling (429, honouring Retry-After) and passing
 * faults (5xx) with exponential backoff, so a retry loop here would multiply its attempts; a send that still fails
 * is tried again later by the durable job that asked for it. 403/404 mean the bot was removed or blocked.
 */
export function createMessenger(adapter: CloudAdapter, appId: string, log: Logger): Messenger {
  const outcomeOf = (e: unknown, conversation: string): "gone" | "failed" => {
    const status = statusOf(e);
    if (status === 403 || status === 404) {
      log.warn({ event: "proactive.gone", status, conversation }, "member unreachable");
      return "gone";
    }
    log.warn({ event: "proactive.failed", status, conversation }, "proactive send failed");
    return "failed";
  };
  return {
    async startChat(to, reply) {
      let conversation: ConversationRef | undefined;
      try {
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
        return { outcome: outcomeOf(e, "new"), conversation };
      }
    },
    async send(to: ConversationRef, reply: Reply) {
      const reference: Partial<ConversationReference> = {
        channelId: "msteams",
        serviceUrl: to.serviceUrl,
        conversation: { id: to.conversationId, isGroup: false, conversationType: "personal", name: "" },
        bot: { id: to.botId, name: "Løft" },
      };
      try {
        await adapter.continueConversationAsync(appId, reference, async (turn) => {
          await turn.sendActivity(toActivity(reply));
        });
        return "sent";
      } catch (e) {
        return outcomeOf(e, to.conversationId);
      }
    },
  };
}
