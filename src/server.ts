// Express composition: the bot endpoint, health, the tab's static page and the tab API.
import express from "express";
import type { Logger } from "./log";
import type { Store } from "./store";

export interface ServerDeps {
  /** The bot's endpoint (botbuilder stays inside bot/). */
  messages: (req: express.Request, res: express.Response) => Promise<void>;
  store: Store;
  log: Logger;
  version: string;
  tabDir: string;
}

export function createServer(deps: ServerDeps): express.Express {
  const app = express();
  app.disable("x-powered-by");

  app.post("/api/messages", express.json({ limit: "256kb" }), (req, res) => {
    void deps.messages(req, res).catch((err: Error) => {
      deps.log.warn({ event: "messages.rejected", message: err.message }, "activity rejected");
      if (!res.headersSent) res.status(500).end();
    });
  });

  app.get("/healthz", async (_req, res) => {
    const storeOk = await deps.store.ping();
    res.status(storeOk ? 200 : 503).json({
      status: storeOk ? "ok" : "degraded",
      version: deps.version,
      store: { kind: deps.store.kind, ok: storeOk },
    });
  });

  app.use("/tab", express.static(deps.tabDir, { index: "index.html", fallthrough: true }));
  app.get("/", (_req, res) => res.redirect("/tab/"));

  // Bad requests get a short JSON answer, never a stack trace or the request's content.
  app.use((err: Error & { status?: number; type?: string }, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent) return next(err);
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) deps.log.error({ event: "http.error", err: { message: err.message } }, "request failed");
    else deps.log.info({ event: "http.badRequest", status, type: err.type }, "bad request");
    res.status(status).json({ error: status === 500 ? "internal error" : err.type === "entity.parse.failed" ? "invalid JSON" : "bad request" });
  });
  return app;
}
