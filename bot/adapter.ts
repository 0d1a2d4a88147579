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
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import type { Logger } from "../src/log";
import { parseActivity } from "./activity";
import type { Config } from "../src/config";
import type { BotDeps, Messenger } from "./context";
import { createMessenger } from "./messenger";
import { createCheckIns } from "./checkins";
import { createTurnHandler } from "./turn";
import { createOutbox, type MessageKinds } from "./outbox";
import { checkinAskMessages, checkinRemindMessages, meetingMovedMessages } from "./outbox/checkin";
import { pauseEndsMessages } from "./outbox/pause";
import { coachLeftMessages } from "./outbox/coach-left";
import { flagMessages } from "./outbox/flags";
import { noticeMessages } from "./outbox/notices";
import { nudgeMessages } from "./outbox/nudge";
import { createDeriver } from "../src/derive";
import type { JobOf } from "../src/domain/jobs";
import { createJobRunner, type JobHandlers } from "../src/scheduler";
import { planRetention, runEraseJob } from "../src/store/erasure";
import { refreshNational } from "../src/store/national";
import { lendingMessages } from "./outbox/lending";
import { halfYearMessages, planHalfYear } from "./outbox/halfyear";
import { gatheringMessages } from "./outbox/gatherings";

/** botframework-connector's types, named through botbuilder's public API (botbuilder does not re-export them). */
type AuthenticateRequestResult = Exclude<Parameters<CloudAdapter["processActivityDirect"]>[0], string>;
type ConnectorFactory = NonNullable<AuthenticateRequestResult["connectorFactory"]>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory["create"]>>;

/**
 * How long one reply may take to reach the activity's serviceUrl, the connector client's own retries included.
 * Without it a serviceUrl that accepts the connection and never answers holds the request (and a socket) for good,
 * and one that refuses or does not resolve holds it for the ~5.5 s of retries (measured here). Teams gives a turn 15 s.
 */
const REPLY_DEADLINE_MS = 5_000;

/** A reply that did not get an answer from the serviceUrl in time (the request was aborted). */
class ReplyTimeout extends Error {
  readonly code = "ETIMEDOUT";
  constructor(readonly deadlineMs: number) {
    super(`no answer from the serviceUrl within ${deadlineMs} ms`);
    this.name = "ReplyTimeout";
  }
}

async function withinDeadline<T>(ms: number, call: (abortSignal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  try {
    return await call(controller.signal);
  } catch (err) {
    throw controller.signal.aborted ? new ReplyTimeout(ms) : err;
  } finally {
    clearTimeout(timer);
  }
}

/** The calls a turn makes to the Bot Connector, with how many arguments botbuilder passes (no options of its own). */
const TURN_CALLS = { replyToActivity: 3, sendToConversation: 2, updateActivity: 3, deleteActivity: 2 } as const;

/**
 * Gives the turn's connector calls a deadline through their public `options.abortSignal`: the connector client's
 * retry policy stops at an aborted signal and the socket is closed. Only the turn's client gets it; proactive sends
 * (the messenger) create their own.
 */
function withReplyDeadline(client: ConnectorClient, ms: number): ConnectorClient {
  const ops = client.conversations as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const [name, arity] of Object.entries(TURN_CALLS)) {
    const original = ops[name].bind(ops);
    ops[name] = (...args: unknown[]) =>
      args.length === arity ? withinDeadline(ms, (abortSignal) => original(...args, { abortSignal })) : original(...args);
  }
  return client;
}

/**
 * botframework-connector prints to the console for some refused tokens (an expired one: the whole error with its
 * stack; a bad signature: "Error finding key for token" with the keys) before it throws. Those prints are dropped
 * while, and only while, a request's token is checked (AsyncLocalStorage marks that async context); the refusal is
 * logged once by the handler. Everything else printed, anywhere else, passes through.
 */
const tokenCheck = new AsyncLocalStorage<{ dropped: number }>();
const FILTERED = Symbol.for("loft.tokenCheckConsoleFilter");

function filterConsoleDuringTokenChecks(): void {
  for (const method of ["error", "warn"] as const) {
    const current = console[method] as ((...args: unknown[]) => void) & { [FILTERED]?: true };
    if (current[FILTERED]) continue; // installed (checked each time: a test's spy may have replaced it)
    const filtered = Object.assign(
      function (this: unknown, ...args: unknown[]) {
        const scope = tokenCheck.getStore();
        if (scope) scope.dropped += 1;
        else current.apply(this, args);
      },
      { [FILTERED]: true as const },
    );
    console[method] = filtered;
  }
}

/**
 * With no MicrosoftAppId the adapter accepts activities without a token and replies to the activity's
 * serviceUrl without one (Microsoft's local tools, our tests). With an app id every activity must carry
 * a valid Bot Framework token, or the request is refused with 401.
 */
class LoftAdapter extends CloudAdapter {
  /** Checks the request's token (or, without an app id, lets it through); throws for a refused one. */
  async authenticate(authHeader: string, activity: Activity, scope: { dropped: number }): Promise<AuthenticateRequestResult> {
    filterConsoleDuringTokenChecks();
    return tokenCheck.run(scope, () => this.botFrameworkAuthentication.authenticateRequest(activity, authHeader));
  }

  /** Runs one authenticated activity; the invoke response, if any. Errors are the caller's to answer. */
  run(auth: AuthenticateRequestResult, activity: Activity, logic: (turn: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    const factory = auth.connectorFactory;
    const bounded: ConnectorFactory | undefined = factory && {
      create: async (serviceUrl, audience) => withReplyDeadline(await factory.create(serviceUrl, audience), REPLY_DEADLINE_MS),
    };
    return this.processActivity({ ...auth, connectorFactory: bounded }, activity, logic);
  }
}

function createAdapter(config: Config): LoftAdapter {
  const options: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: config.MicrosoftAppId,
    MicrosoftAppPassword: config.MicrosoftAppPassword,
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId,
  };
  const adapter = new LoftAdapter(new ConfigurationBotFrameworkAuthentication(options));
  // botbuilder's samples print every turn error to the console here. Ours hands it back instead, to the one place
  // that answers and logs it once with an error id: the HTTP handler for a turn, the messenger for a proactive send.
  adapter.onTurnError = async (_turn, err) => {
    throw err;
  };
  return adapter;
}

const NETWORK_FAULTS = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "REQUEST_SEND_ERROR"]);

/** The reply did not reach the activity's serviceUrl: nothing listens there, no such host, no answer in time. */
function networkFault(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } };
  const code = typeof e?.code === "string" ? e.code : typeof e?.cause?.code === "string" ? e.cause.code : undefined;
  return code && NETWORK_FAULTS.has(code) ? code : undefined;
}

/** The Bot Connector at the serviceUrl answered the reply with an HTTP error (the connector client's RestError). */
function connectorStatus(err: unknown): number | undefined {
  const e = err as { name?: unknown; statusCode?: unknown };
  return e?.name === "RestError" && typeof e.statusCode === "number" ? e.statusCode : undefined;
}

/** botframework-connector's AuthenticationError (401), or jsonwebtoken's errors it lets through (bad signature, expired). */
function refusedToken(err: unknown): boolean {
  const e = err as { name?: unknown; statusCode?: unknown };
  return e?.statusCode === 401 || e?.name === "JsonWebTokenError" || e?.name === "TokenExpiredError" || e?.name === "NotBeforeError";
}

const newErrorId = () => randomUUID().slice(0, 8);
const errorName = (err: unknown) => (err instanceof Error ? err.name : typeof err);

/**
 * POST /api/messages. botbuilder's own `process` answers a malformed activity with 500 and the error's text and prints
 * stacks to the console; here the body is validated first (400 with the wrong paths), the token is checked, then the
 * turn runs, and every outcome is one JSON answer and one log line: 401 for a missing or refused token, 502 when the
 * reply cannot be delivered to the serviceUrl, 500 with an error id (never the error's text) for anything else.
 */
function createMessagesHandler(adapter: LoftAdapter, onTurn: (turn: TurnContext) => Promise<void>, log: Logger) {
  return async function messages(req: Request, res: Response): Promise<void> {
    const parsed = parseActivity(req.body);
    if (!parsed.ok) {
      log.info({ event: "activity.invalid", issues: parsed.paths }, "invalid activity");
      res.status(400).json({ error: "invalid activity", issues: parsed.issues });
      return;
    }
    const activity = parsed.activity as unknown as Activity;
    const activityType = parsed.activity.type;
    const authHeader = typeof req.headers.authorization === "string" ? req.headers.authorization : "";

    const printed = { dropped: 0 };
    let auth: AuthenticateRequestResult;
    try {
      auth = await adapter.authenticate(authHeader, activity, printed);
    } catch (err) {
      if (refusedToken(err)) {
        log.info({ event: "activity.unauthorized", activityType, reason: errorName(err), consoleDropped: printed.dropped }, "activity refused: no valid token");
        res.status(401).json({ error: "unauthorized" });
      } else {
        // E.g. Microsoft's signing keys could not be fetched: not the caller's fault, and not a refusal.
        const errorId = newErrorId();
        log.error({ event: "activity.authFailed", errorId, activityType, err: { name: errorName(err), code: networkFault(err) } }, "token check failed");
        res.status(500).json({ error: "internal error", errorId });
      }
      return;
    }

    try {
      const result = await adapter.run(auth, activity, onTurn);
      if (result?.body !== undefined) res.status(result.status ?? 200).json(result.body);
      else res.status(result?.status ?? 200).end();
    } catch (err) {
      const code = networkFault(err);
      const status = connectorStatus(err);
      if (code || status) {
        const deadlineMs = err instanceof ReplyTimeout ? err.deadlineMs : undefined;
        log.warn({ event: "reply.undeliverable", activityType, ...(code ? { code, deadlineMs } : { status }) }, "the reply could not be delivered to the serviceUrl");
        res.status(502).json({ error: "reply not delivered" });
      } else {
        const errorId = newErrorId();
        log.error({ event: "activity.failed", errorId, activityType, err: { name: errorName(err) } }, "activity failed");
        res.status(500).json({ error: "internal error", errorId });
      }
    }
  };
}

/**
 * The bot: its adapter, the turn handler, the outbox and the jobs' handlers. `wrapMessenger` lets a test stand between
 * the bot and Teams as a crash would (a process that dies right before or after a request leaves).
 */
export function createBot(config: Config, deps: Omit<BotDeps, "messenger" | "deriver" | "outbox" | "checkIns">, opts: { wrapMessenger?: (m: Messenger) => Messenger } = {}) {
  const adapter = createAdapter(config);
  const real = createMessenger(adapter, config.MicrosoftAppId ?? "", deps.log, config.PROACTIVE_PER_SECOND);
  const messenger = opts.wrapMessenger ? opts.wrapMessenger(real) : real;
  // Every message Løft owes goes through the one outbox: its kinds say whom to tell what, and where the outcome goes.
  const kinds: MessageKinds = {
    flags: flagMessages(deps),
    notice: noticeMessages(deps),
    nudge: nudgeMessages(deps),
    coachLeft: coachLeftMessages(deps),
    checkinAsk: checkinAskMessages(deps),
    checkinRemind: checkinRemindMessages(deps),
    meetingMoved: meetingMovedMessages(deps),
    pauseEnds: pauseEndsMessages(deps),
    halfYear: halfYearMessages(deps),
    lending: lendingMessages(deps),
    ...gatheringMessages(deps),
  };
  const outbox = createOutbox({ ...deps, messenger }, kinds);
  const deriver = createDeriver({ ...deps, sendNow: outbox.sendNow });
  const checkIns = createCheckIns({ ...deps, messenger, outbox });
  const onTurn = createTurnHandler({ ...deps, messenger, deriver, outbox, checkIns });
  /** What the jobs do, per kind: this instance's runner (the turns' sendNow) and the scheduler run them alike. */
  const jobHandlers: JobHandlers = {
    checkIn: (job: JobOf<"checkIn">) => checkIns.job(job),
    deriveEntry: (job: JobOf<"deriveEntry">) => deriver.completeById(job.corpsId, job.entryId),
    message: (job: JobOf<"message">, claim) => outbox.handle(job, claim),
    erase: async (job: JobOf<"erase">) => {
      await runEraseJob(deps.repos, job, deps.clock, deps.log);
      return "done";
    },
  };
  outbox.attach(createJobRunner({ ...deps, handlers: jobHandlers }));
  return {
    messenger,
    deriver,
    outbox,
    /** Waits for messages under way after their turns (flags, notices, the summary's update): a graceful stop. */
    // The derivations first: they may owe messages, which the outbox then sends.
    drain: async () => {
      await deriver.drain();
      await Promise.all([outbox.drain(), checkIns.drain()]);
    },
    /** Creates the jobs the calendar calls for (the monthly check-ins, the retention period's erasures, the half-year's reminders), and the national figures: run hourly. */
    plan: async (now: Date) => {
      await checkIns.plan(now);
      await planRetention(deps.repos, now, deps.log);
      const reminders = await planHalfYear(deps.repos, now);
      if (reminders > 0) deps.log.info({ event: "halfyear.planned", reminders }, "half-year reminders owed");
      await refreshNational(deps.repos, now, deps.log);
    },
    checkIns,
    jobHandlers,
    /** The handler behind POST /api/messages. */
    messages: createMessagesHandler(adapter, onTurn, deps.log),
  };
}
