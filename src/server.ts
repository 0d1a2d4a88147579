// Express composition: the bot endpoint, health, the tab's static page and the tab API.
import express from "express";
import { randomUUID } from "node:crypto";
import type { Clock } from "./domain/clock";
import type { Logger } from "./log";
import { transientStoreFault, type Store } from "./store";

/** Teams' activities are a few kB; a card submit with long answers stays far below this. */
const MESSAGES_BODY_LIMIT = "256kb";

/** body-parser's error types → the short answer (never the parser's message, which may quote the body). */
const BAD_REQUESTS: Record<string, string> = {
  "entity.parse.failed": "invalid JSON",
  "entity.too.large": "body too large",
  "charset.unsupported": "unsupported charset",
  "encoding.unsupported": "unsupported encoding",
};

export interface ServerDeps {
  /** The bot's endpoint (botbuilder stays inside bot/). */
  messages: (req: express.Request, res: express.Response) => Promise<void>;
  store: Store;
  clock: Clock;
  log: Logger;
  version: string;
  tabDir: string;
  /** The tab's JSON API (src/api). */
  api: express.Router;
  /** True once a stop began: /healthz says so (503), so App Service sends no new requests here. */
  stopping?: () => boolean;
}

export function createServer(deps: ServerDeps): express.Express {
  const app = express();
  app.disable("x-powered-by");

  // Strict JSON: a body that is not an object or array (`null`, a string, a number) or does not parse is answered
  // 400 and one over the limit 413, by the error handler below; an empty body or another content type reaches the
  // handler as no activity and is answered 400 there.
  app.post("/api/messages", express.json({ limit: MESSAGES_BODY_LIMIT, strict: true }), (req, res) => {
    void deps.messages(req, res).catch((err: unknown) => {
      // The handler answers every outcome itself; this is the last resort, with an id and never the error's text.
      const errorId = randomUUID().slice(0, 8);
      deps.log.error({ event: "messages.failed", errorId, err: { name: err instanceof Error ? err.name : typeof err } }, "activity failed");
      if (!res.headersSent) res.status(500).json({ error: "internal error", errorId });
    });
  });

  app.get("/healthz", async (_req, res) => {
    if (deps.stopping?.()) {
      res.status(503).json({ status: "stopping", version: deps.version });
      return;
    }
    const storeOk = await deps.store.ping();
    res.status(storeOk ? 200 : 503).json({
      status: storeOk ? "ok" : "degraded",
      version: deps.version,
      // The app's clock (CLOCK_START moves it locally): `npm run dev-token` mints its tokens for this time.
      time: deps.clock().toISOString(),
      store: { kind: deps.store.kind, ok: storeOk },
    });
  });

  app.use("/api", deps.api);

  app.use("/tab", express.static(deps.tabDir, { index: "index.html", fallthrough: true }));
  app.get("/", (_req, res) => res.redirect("/tab/"));

  // Bad requests get a short JSON answer, never a stack trace or the request's content.
  app.use((err: Error & { status?: number; type?: string }, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent) return next(err);
    // The store not answering now (throttled, unavailable, a timeout): 503 with Retry-After, so the tab tries again.
    if (transientStoreFault(err)) {
      deps.log.warn({ event: "http.storeUnavailable", code: String((err as { code?: unknown }).code ?? "") }, "the store did not answer");
      res.status(503).setHeader("Retry-After", "5").json({ error: "store unavailable" });
      return;
    }
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) deps.log.error({ event: "http.error", err: { message: err.message } }, "request failed");
    else deps.log.info({ event: "http.badRequest", status, type: err.type }, "bad request");
    res.status(status).json({ error: status === 500 ? "internal error" : (BAD_REQUESTS[err.type ?? ""] ?? "bad request") });
  });
  return app;
}
