// botbuilder is imported only in bot/: moving to the Microsoft 365 Agents SDK stays a local change.
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from "botbuilder";
import type { Request, Response } from "express";
import type { Config } from "../src/config";
import type { BotDeps } from "./context";
import { createMessenger } from "./messenger";
import { createTurnHandler } from "./turn";
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
