// botbuilder is imported only in bot/: moving to the Microsoft 365 Agents SDK stays a local change.
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type ConversationReference,
} from "botbuilder";
import type { Request, Response } from "express";
import type { Config } from "../src/config";
import type { ConversationRef } from "../src/domain/model";
import type { BotDeps, Messenger, Reply } from "./context";
import { createTurnHandler, toActivity } from "./turn";
import { createNudgeHandler } from "./verbs/nudge";
import { createFlagDelivery } from "./verbs/reflect";
import { createDeriver } from "../src/derive";
import type { JobOf } from "../src/domain/jobs";
import type { JobHandlers } from "../src/scheduler";

/**
 * With no MicrosoftAppId the adapter accepts activities without a token and replies to the activity's
 * serviceUrl without one (Microsoft's local tools, our tests). With an app id every activity must carry
 * a valid Bot Framework token, or the request is refused with 401.
 */
function createAdapter(config: Config): CloudAdapter {
  const options: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: config.MicrosoftAppId,
    MicrosoftAppPassword: config.MicrosoftAppPassword,
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId,
  };
  return new CloudAdapter(new ConfigurationBotFrameworkAuthentication(options));
}

const RETRYABLE = new Set([412, 429, 500, 502, 503, 504]);
const statusOf = (e: unknown) => Number((e as { statusCode?: unknown }).statusCode ?? 0);

/**
 * Proactive sends through the Bot Connector: retried with jittered backoff on throttling and passing faults
 * (Teams limits: STACK-NOTES.md); 403/404 mean the bot was removed or blocked — not retried.
 */
function createMessenger(adapter: CloudAdapter, appId: string, log: BotDeps["log"]): Messenger {
  return {
    async send(to: ConversationRef, reply: Reply): Promise<"sent" | "gone" | "failed"> {
      const reference: Partial<ConversationReference> = {
        channelId: "msteams",
        serviceUrl: to.serviceUrl,
        conversation: { id: to.conversationId, isGroup: false, conversationType: "personal", name: "" },
        bot: { id: to.botId, name: "Løft" },
      };
      for (let attempt = 1; ; attempt++) {
        try {
          await adapter.continueConversationAsync(appId, reference, async (turn) => {
            await turn.sendActivity(toActivity(reply));
          });
          return "sent";
        } catch (e) {
          const status = statusOf(e);
          if (status === 403 || status === 404) {
            log.warn({ event: "proactive.gone", status, conversation: to.conversationId }, "member unreachable");
            return "gone";
          }
          if (!RETRYABLE.has(status) || attempt >= 4) {
            log.warn({ event: "proactive.failed", status, attempt, conversation: to.conversationId }, "proactive send failed");
            return "failed";
          }
          await new Promise((r) => setTimeout(r, 2 ** attempt * 250 * (0.5 + Math.random())));
        }
      }
    },
  };
}

export function createBot(config: Config, deps: Omit<BotDeps, "messenger" | "deriver">) {
  const adapter = createAdapter(config);
  const messenger = createMessenger(adapter, config.MicrosoftAppId ?? "", deps.log);
  const deriver = createDeriver({ ...deps, deliverFlags: createFlagDelivery({ ...deps, messenger }) });
  const onTurn = createTurnHandler({ ...deps, messenger, deriver });
  return {
    messenger,
    deriver,
    /** What the scheduler's jobs do, per kind. */
    jobHandlers: {
      reflectNudge: createNudgeHandler({ ...deps, messenger, deriver }),
      deriveEntry: (job: JobOf<"deriveEntry">) => deriver.completeById(job.corpsId, job.entryId),
    } satisfies JobHandlers,
    /** The handler behind POST /api/messages. */
    messages: (req: Request, res: Response) => adapter.process(req, res, onTurn),
  };
}
