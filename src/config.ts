// One zod schema over the environment. An invalid value stops start-up with one line naming the variable.
import { z } from "zod";
import { DEMO } from "./domain/demo";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  /** Local mode listens on loopback only; production (App Service) sets 0.0.0.0. */
  HOST: z.string().min(1).default("127.0.0.1"),
  DATA_DIR: z.string().min(1).default(".data"),
  COSMOS_ENDPOINT: z.string().url().optional(),
  /** Without a key, a configured endpoint is reached with managed identity (DefaultAzureCredential). */
  COSMOS_KEY: z.string().min(1).optional(),
  COSMOS_DATABASE: z.string().regex(/^[A-Za-z0-9_-]{1,255}$/).default("loft"),
  MicrosoftAppId: z.string().uuid().optional(),
  MicrosoftAppPassword: z.string().min(1).optional(),
  MicrosoftAppType: z.enum(["MultiTenant", "SingleTenant", "UserAssignedMSI"]).optional(),
  MicrosoftAppTenantId: z.string().uuid().optional(),
  PUBLIC_URL: z.string().url().optional(),
  /** The Entra app registration the tab signs in with (SSO); default: the bot's MicrosoftAppId. */
  TAB_APP_ID: z.string().uuid().optional(),
  /** The tab's SSO audience (the app id URI). Default: api://{PUBLIC_URL host}/{TAB_APP_ID}; locally api://127.0.0.1/loft. */
  TAB_AUDIENCE: z.string().min(1).optional(),
  /** Default: seed when the store is embedded and empty. A configured Cosmos DB is never seeded. */
  SEED_DEMO: bool.optional(),
  CLOCK_START: z.string().datetime({ offset: true }).optional(),
  /** How often the scheduler looks for due jobs (reminders); 0 turns it off. */
  SCHEDULER_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  /** Proactive messages per second (check-ins, notices): Teams allows about 30 per app and tenant. */
  PROACTIVE_PER_SECOND: z.coerce.number().min(1).max(50).default(28),
  ALLOW_EMBEDDED_STORE: bool.default("false"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Azure: requests, dependencies and Løft's job and message counts to Application Insights (src/telemetry.ts). */
  APPLICATIONINSIGHTS_CONNECTION_STRING: z.string().min(1).optional(),
  /** On SIGTERM: how long turns and requests under way may take to finish (App Service waits about 30 s, then kills). */
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().min(0).max(300).default(20),
  /** A configured Cosmos DB that cannot be reached at start: how long to keep trying before giving up (0: once). */
  STORE_WAIT_SECONDS: z.coerce.number().int().min(0).max(3600).default(300),
  /**
   * The national centre's people, who see the national view (figures across every corps and the list of corps):
   * comma-separated `tenantId/objectId` of their Entra accounts. Locally the demo's national user is added.
   */
  NATIONAL_CENTRE: z
    .string()
    .regex(/^[0-9a-f-]{36}\/[0-9a-f-]{36}(\s*,\s*[0-9a-f-]{36}\/[0-9a-f-]{36})*$/i, "comma-separated tenantId/objectId pairs")
    .optional(),
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config extends Env {
  /** Bot Framework credentials are configured: every activity must carry a valid token. */
  production: boolean;
  /** No COSMOS_ENDPOINT: run the embedded Cosmos-compatible server on loopback. */
  embeddedStore: boolean;
  publicUrl: string;
  /** The audience the tab's bearer tokens must carry. */
  tabAudience: string;
  /** Every audience a tab token may carry: TAB_AUDIENCE, and the tab's Entra app as client id and as app id URI. */
  tabAudiences: string[];
  /** The national centre's people, `tenantId/objectId` in lower case (NATIONAL_CENTRE; locally also the demo's). */
  nationalCentre: string[];
}

export class ConfigError extends Error {}

/** The tab's token audience in local mode (the dev issuer's tokens carry it). */
export const LOCAL_AUDIENCE = "api://127.0.0.1/loft";

/** Treats empty strings as unset, as a shell's `VAR=` means "not configured". */
function clean(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(EnvSchema.shape)) {
    const v = env[key];
    if (v !== undefined && v.trim() !== "") out[key] = v.trim();
  }
  return out;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(clean(env));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Invalid configuration: ${issue.path.join(".")}: ${issue.message}`);
  }
  const e = parsed.data;
  const production = e.MicrosoftAppId !== undefined;
  const embeddedStore = e.COSMOS_ENDPOINT === undefined;
  if (production && embeddedStore && !e.ALLOW_EMBEDDED_STORE) {
    throw new ConfigError(
      "Invalid configuration: COSMOS_ENDPOINT: required when MicrosoftAppId is set (or set ALLOW_EMBEDDED_STORE=true)",
    );
  }
  if (e.MicrosoftAppType === "SingleTenant" && !e.MicrosoftAppTenantId) {
    throw new ConfigError("Invalid configuration: MicrosoftAppTenantId: required when MicrosoftAppType is SingleTenant");
  }
  return {
    ...e,
    nationalCentre: [
      ...(e.NATIONAL_CENTRE ?? "").split(",").map((x) => x.trim().toLowerCase()).filter(Boolean),
      ...(production ? [] : [`${DEMO.tenantId}/${DEMO.national}`]),
    ],
    production,
    embeddedStore,
    publicUrl: e.PUBLIC_URL ?? `http://127.0.0.1:${e.PORT}`,
    tabAudiences: [
      ...new Set([
        e.TAB_AUDIENCE ?? (production ? `api://${new URL(e.PUBLIC_URL ?? `http://127.0.0.1:${e.PORT}`).host}/${e.TAB_APP_ID ?? e.MicrosoftAppId}` : LOCAL_AUDIENCE),
        ...(production && e.TAB_APP_ID ? [e.TAB_APP_ID, `api://${new URL(e.PUBLIC_URL ?? `http://127.0.0.1:${e.PORT}`).host}/${e.TAB_APP_ID}`] : []),
      ]),
    ],
    tabAudience: e.TAB_AUDIENCE ?? (production ? `api://${new URL(e.PUBLIC_URL ?? `http://127.0.0.1:${e.PORT}`).host}/${e.TAB_APP_ID ?? e.MicrosoftAppId}` : LOCAL_AUDIENCE),
  };
}

/**
 * The tab's local sign-in (a dev-issuer token for anyone in the directory) exists only in local mode and only while
 * the app listens on loopback: an app without a Bot Framework app id that is reachable from elsewhere offers none.
 */
export function devSignInAllowed(config: Pick<Config, "production" | "HOST">): boolean {
  return !config.production && ["127.0.0.1", "localhost", "::1"].includes(config.HOST);
}
