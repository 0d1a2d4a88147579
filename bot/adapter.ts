// botbuilder is imported only in bot/: moving to the Microsoft 365 Agents SDK stays a local change.
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type TurnContext,
} from "botbuilder";
import type { Request, Response } from "express";
import type { Config } from "../src/config";

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

/** The handler behind POST /api/messages. */
export function createMessagesHandler(config: Config, onTurn: (turn: TurnContext) => Promise<void>) {
  const adapter = createAdapter(config);
  return (req: Request, res: Response) => adapter.process(req, res, onTurn);
}
