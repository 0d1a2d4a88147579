// botbuilder is imported only in bot/: moving to the Microsoft 365 Agents SDK stays a local change.
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type InvokeResponse,
  type TurnContext,
} from "botbuilder";
import type { Request, Response } from "express";
import { randomUUID } from "node:crypto";
import type { Logger } from "../src/log";
import { parseActivity } from "./activity";
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
class LoftAdapter extends CloudAdapter {
  /** Authenticates and runs one activity; the invoke response, if any. Errors are the caller's to answer. */
  run(authHeader: string, activity: Partial<Activity>, logic: (turn: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity as Activity, logic);
  }
}

function createAdapter(config: Config): LoftAdapter {
  const options: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: config.MicrosoftAppId,
    MicrosoftAppPassword: config.MicrosoftAppPassword,
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId,
  };
  return new LoftAdapter(new ConfigurationBotFrameworkAuthentication(options));
}

const NETWORK_FAULTS = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "REQUEST_SEND_ERROR"]);

/** The reply could not reach the activity's serviceUrl (nothing listens there, no such host). */
function undeliverable(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } };
  const code = typeof e?.code === "string" ? e.code : typeof e?.cause?.code === "string" ? e.cause.code : undefined;
  return code && NETWORK_FAULTS.has(code) ? code : undefined;
}

/**
 * POST /api/messages. botbuilder's own `process` answers a malformed activity with 500 and the error's text and prints
 * stacks to the console; here the body is validated first (400 with the wrong paths), and every outcome is one JSON
 * answer and one log line: 401 for a missing or invalid token, 502 when the reply cannot be delivered to the
 * serviceUrl, 500 with an error id (never the error's text) for anything else.
 */
function createMessagesHandler(adapter: LoftAdapter, onTurn: (turn: TurnContext) => Promise<void>, log: Logger) {
  return async function messages(req: Request, res: Response): Promise<void> {
    const parsed = parseActivity(req.body);
    if (!parsed.ok) {
      log.info({ event: "activity.invalid", issues: parsed.issues }, "invalid activity");
      res.status(400).json({ error: "invalid activity", issues: parsed.issues });
      return;
    }
    const { activity } = parsed;
    const authHeader = typeof req.headers.authorization === "string" ? req.headers.authorization : "";
    try {
      const result = await adapter.run(authHeader, activity as unknown as Partial<Activity>, onTurn);
      if (result?.body !== undefined) res.status(result.status ?? 200).json(result.body);
      else res.status(result?.status ?? 200).end();
    } catch (err) {
      const code = undeliverable(err);
      if ((err as { statusCode?: unknown })?.statusCode === 401 /* botframework-connector's AuthenticationError */) {
        log.info({ event: "activity.unauthorized", activityType: activity.type }, "activity refused: no valid token");
        res.status(401).json({ error: "unauthorized" });
      } else if (code) {
        log.warn({ event: "reply.undeliverable", code, activityType: activity.type }, "the reply could not reach the serviceUrl");
        res.status(502).json({ error: "reply not delivered" });
      } else {
        const errorId = randomUUID().slice(0, 8);
        log.error({ event: "activity.failed", errorId, activityType: activity.type, err: { name: (err as Error)?.name } }, "activity failed");
        res.status(500).json({ error: "internal error", errorId });
      }
    }
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
    messages: createMessagesHandler(adapter, onTurn, deps.log),
  };
}
