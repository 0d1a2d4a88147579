// Start-up: config → clock → store (+ demo data) → bot → HTTP server. main.ts and the tests both use it.
import type { Server } from "node:http";
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
import { openStore, type Store } from "./store";

export interface RunningApp {
  url: string;
  port: number;
  store: Store;
  clock: Clock;
  log: Logger;
  scheduler: Scheduler;
  /** Waits for the work a turn leaves under way after answering (flags, notices, the check-in summary). */
  drain(): Promise<void>;
  close(): Promise<void>;
}

const VERSION = process.env.npm_package_version ?? "0.1.0";

export async function startApp(config: Config, opts: { clock?: Clock; log?: Logger } = {}): Promise<RunningApp> {
  const log = opts.log ?? createLogger(config.LOG_LEVEL);
  let clock = opts.clock ?? systemClock;
  if (config.CLOCK_START && !opts.clock) {
    if (config.production) log.warn({ event: "config.clockStartIgnored" }, "CLOCK_START is ignored in production");
    else clock = clockStartingAt(new Date(config.CLOCK_START));
  }

  const store = await openStore(config, log);
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
    const verify = config.production ? entraVerifier(config.tabAudience, clock) : await devVerifier(config.DATA_DIR, config.tabAudience, clock);
    const app = createServer({
      api: createApi({
        repos: store.repos,
        verify,
        clock,
        log,
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
      async close() {
        await scheduler.stop();
        await bot.drain(); // flags and notices being delivered are recorded before the store closes
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await store.close();
        log.info({ event: "app.stopped" }, "stopped");
      },
    };
  } catch (e) {
    await store.close();
    throw e;
  }
}
