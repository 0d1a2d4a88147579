// Start-up: config → clock → store (+ demo data) → bot → HTTP server. main.ts and the tests both use it.
import type { Server, ServerResponse } from "node:http";
export { transientStoreFault } from "./store";
import path from "node:path";
import { createBot } from "../bot/adapter";
import { devSignInAllowed, type Config } from "./config";
import { clockStartingAt, systemClock, type Clock } from "./domain/clock";
import { seedDemo } from "./demo-seed";
import { createLogger, type Logger } from "./log";
import { createScheduler, type Scheduler } from "./scheduler";
import { createServer } from "./server";
import { createApi } from "./api";
import { devToken, devVerifier, entraVerifier } from "./auth/tokens";
import { openStore, transientStoreFault, type Store } from "./store";
import { flushAccessLines } from "./store/access";

export interface RunningApp {
  url: string;
  port: number;
  store: Store;
  clock: Clock;
  log: Logger;
  scheduler: Scheduler;
  /** Waits for the work a turn leaves under way after answering (flags, notices, the check-in summary). */
  drain(): Promise<void>;
  /**
   * Stops as App Service asks (SIGTERM): no new connections, /healthz says «stopping», the requests under way (turns)
   * and the work they left (messages being sent) finish within `graceMs` (default SHUTDOWN_GRACE_SECONDS); then
   * whatever is left is cut and the store closed. What is cut is not lost: jobs and messages are durable.
   */
  close(graceMs?: number): Promise<void>;
}

/**
 * The store, waiting for a configured Cosmos DB that cannot be reached yet (up to STORE_WAIT_SECONDS, backing off to
 * 30 s between tries) instead of exiting; a fault that is not passing (a wrong key, no access) fails at once. The
 * embedded store is ours: no waiting.
 */
export async function openStoreWaiting(
  config: Config,
  log: Logger,
  opts: { open?: typeof openStore; sleep?: (ms: number) => Promise<void>; now?: () => number } = {},
): Promise<Store> {
  const open = opts.open ?? openStore;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = opts.now ?? Date.now;
  const giveUpAt = now() + config.STORE_WAIT_SECONDS * 1000;
  for (let attempt = 1; ; attempt++) {
    try {
      const store = await open(config, log);
      if (attempt > 1) log.info({ event: "store.reached", attempt }, "the store answered");
      return store;
    } catch (err) {
      if (config.embeddedStore || !transientStoreFault(err) || now() >= giveUpAt) throw err;
      const waitMs = Math.min(30_000, 1000 * 2 ** Math.min(attempt - 1, 5));
      const e = err as { code?: unknown; statusCode?: unknown };
      log.warn({ event: "store.unreachable", attempt, waitMs, code: String(e?.code ?? e?.statusCode ?? "") }, "the store cannot be reached yet: waiting");
      await sleep(waitMs);
    }
  }
}

/** The version /healthz reports: package.json's (App Service starts `node`, not npm, so npm's variable is unset). */
const VERSION: string = (require("../package.json") as { version: string }).version;

export async function startApp(config: Config, opts: { clock?: Clock; log?: Logger } = {}): Promise<RunningApp> {
  const log = opts.log ?? createLogger(config.LOG_LEVEL);
  let clock = opts.clock ?? systemClock;
  if (config.CLOCK_START && !opts.clock) {
    if (config.production) log.warn({ event: "config.clockStartIgnored" }, "CLOCK_START is ignored in production");
    else clock = clockStartingAt(new Date(config.CLOCK_START));
  }

  const store = await openStoreWaiting(config, log);
  try {
    if (store.kind === "embedded" && config.SEED_DEMO !== false) {
      const seeded = await seedDemo(store, clock);
      if (seeded) log.info({ event: "demo.seeded", ...seeded }, "demo data seeded");
    } else if (store.kind === "azure" && config.SEED_DEMO) {
      log.warn({ event: "demo.notSeeded" }, "SEED_DEMO is ignored for a configured Cosmos DB");
    }

    const bot = createBot(config, { repos: store.repos, clock, log });
    const scheduler = createScheduler({ repos: store.repos, clock, log, handlers: bot.jobHandlers, plan: bot.plan });
    // Entries a previous process confirmed and died before deriving: derived now, before the first turn reads them.
    await scheduler.catchUp("deriveEntry");
    if (config.SCHEDULER_INTERVAL_SECONDS > 0) scheduler.start(config.SCHEDULER_INTERVAL_SECONDS * 1000);
    const verify = config.production ? entraVerifier(config.tabAudiences, clock) : await devVerifier(config.DATA_DIR, config.tabAudience, clock);
    let stopping = false;
    const app = createServer({
      stopping: () => stopping,
      api: createApi({
        repos: store.repos,
        verify,
        clock,
        log,
        nationalCentre: config.nationalCentre,
        ...(!devSignInAllowed(config)
          ? {}
          : { devSignIn: { token: (aadObjectId: string, tenantId: string) => devToken(config.DATA_DIR, { aadObjectId, tenantId, audience: config.tabAudience, now: clock() }) } }),
      }),
      messages: bot.messages,
      store,
      clock,
      log,
      version: VERSION,
      tabDir: path.resolve(__dirname, "..", ".build", "tab"),
    });
    const server: Server = await new Promise((resolve, reject) => {
      const s = app.listen(config.PORT, config.HOST, () => resolve(s));
      s.once("error", reject);
    });
    // The requests under way (a turn answers within its request): a stop lets them finish.
    const underWay = new Set<ServerResponse>();
    let idle: (() => void) | undefined;
    server.on("request", (_req, res: ServerResponse) => {
      underWay.add(res);
      res.once("close", () => {
        underWay.delete(res);
        if (underWay.size === 0) idle?.();
      });
    });
    const allAnswered = () => (underWay.size === 0 ? Promise.resolve() : new Promise<void>((r) => (idle = r)));
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : config.PORT;
    const url = `http://${config.HOST === "0.0.0.0" ? "127.0.0.1" : config.HOST}:${port}`;
    log.info({ event: "app.started", url, store: store.kind, production: config.production }, "Løft is running");
    return {
      url,
      port,
      store,
      clock,
      log,
      scheduler,
      drain: () => bot.drain(),
      async close(graceMs = config.SHUTDOWN_GRACE_SECONDS * 1000) {
        stopping = true;
        const deadline = new Promise<"late">((r) => setTimeout(() => r("late"), graceMs).unref());
        // No new connections (idle keep-alive ones are closed); what is under way goes on.
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const finished = (async () => {
          await scheduler.stop();
          await allAnswered();
          await bot.drain(); // flags and notices being delivered are recorded before the store closes
          // Access-log lines the store did not take earlier: one more try, or the instance's stop loses them.
          const left = await flushAccessLines(store.repos);
          if (left > 0) log.warn({ event: "access.linesLost", lines: left }, "stop: access-log lines the store would not take are lost");
        })();
        const late = (await Promise.race([finished, deadline])) === "late";
        if (late) log.warn({ event: "app.stopCut", requests: underWay.size }, "stop: the grace period ended with work under way (jobs and messages stay owed)");
        server.closeAllConnections();
        await closed;
        await store.close();
        log.info({ event: "app.stopped" }, "stopped");
      },
    };
  } catch (e) {
    await store.close();
    throw e;
  }
}
