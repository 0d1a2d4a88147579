// A local stand-in for the Bot Connector service: the bot sends its replies, updates and proactive
// messages here (the activity's serviceUrl), and tests read what the bot said.
import express from "express";
import type { Server } from "node:http";

export interface ConnectorCall {
  method: string;
  path: string;
  conversationId: string;
  body: any;
  /** The status the connector answered with (a refused send is recorded too). */
  status: number;
}

export interface FakeConnector {
  serviceUrl: string;
  calls: ConnectorCall[];
  /** Waits until `n` calls have arrived (the bot's sends can finish after the HTTP turn returns). */
  waitFor(n: number, ms?: number): Promise<ConnectorCall[]>;
  clear(): void;
  /**
   * Answer sends to this conversation with an HTTP status (e.g. 403: the bot was blocked; 429 with `retryAfter`
   * seconds: throttled); `times` sends, or all.
   */
  refuse(conversationId: string, status: number, times?: number, retryAfter?: number): void;
  /** Answer every call only after `ms` (a slow Teams: a fan-out takes long enough to be interrupted). */
  slow(ms: number): void;
  /** Answer sends to this conversation normally again. */
  allow(conversationId: string): void;
  /** The members Teams lists for a team (or chat): what `TeamsInfo.getPagedTeamMembers` reads, 2 to a page. */
  setRoster(conversationId: string, members: Array<{ id: string; aadObjectId: string; name: string }>): void;
  /** The channels Teams lists for a team (`TeamsInfo.getTeamChannels`); by default only General (the team's id, no name). */
  setChannels(teamId: string, channels: Array<{ id: string; name?: string }>): void;
  close(): Promise<void>;
}

export async function startFakeConnector(): Promise<FakeConnector> {
  const calls: ConnectorCall[] = [];
  const refusals = new Map<string, { status: number; left: number; retryAfter?: number }>();
  const rosters = new Map<string, Array<{ id: string; aadObjectId: string; name: string }>>();
  const channels = new Map<string, Array<{ id: string; name?: string }>>();
  let next = 0;
  let delayMs = 0;
  const app = express();
  app.use(express.json({ limit: "1mb" }));
  // A team's channels (not recorded as a call: the tests count what the bot says, not what it looks up).
  app.get(/^\/v3\/teams\/([^/]+)\/conversations$/, (req, res) => {
    const teamId = decodeURIComponent((req.params as Record<string, string>)[0]);
    res.json({ conversations: channels.get(teamId) ?? [{ id: teamId }] });
  });
  app.all(/^\/v3\/conversations(\/.*)?$/, (req, res) => {
    const m = /^\/v3\/conversations\/([^/]+)/.exec(req.path);
    const conversationId = m ? decodeURIComponent(m[1]) : "";
    const refusal = refusals.get(conversationId);
    const refused = refusal && refusal.left > 0;
    if (refused) refusal.left -= 1;
    // Recorded on arrival (Teams has it), answered after the delay.
    calls.push({ method: req.method, path: req.path, conversationId, body: req.body, status: refused ? refusal.status : 200 });
    if (delayMs > 0) setTimeout(() => answer(req, res, conversationId, refusal, refused), delayMs);
    else answer(req, res, conversationId, refusal, refused);
  });
  function answer(req: express.Request, res: express.Response, conversationId: string, refusal: { status: number; left: number; retryAfter?: number } | undefined, refused: boolean | undefined) {
    if (refused && refusal) {
      if (refusal.retryAfter !== undefined) res.setHeader("Retry-After", String(refusal.retryAfter));
      res.status(refusal.status).json({ error: { code: "BotDisabledByAdmin", message: "refused by the test" } });
    } else if (req.method === "GET" && /\/pagedmembers$/.test(req.path)) {
      // Small pages, so the bot's paging is exercised.
      const all = rosters.get(conversationId) ?? [];
      const from = Number(req.query.continuationToken ?? 0);
      const next = from + 2 < all.length ? String(from + 2) : undefined;
      res.json({ members: all.slice(from, from + 2), ...(next ? { continuationToken: next } : {}) });
    } else if (req.method === "POST" && req.path === "/v3/conversations") {
      res.json({ id: `conv-${++next}`, activityId: `act-${next}` });
    } else {
      res.json({ id: `act-${++next}` });
    }
  }
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const port = (server.address() as { port: number }).port;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    calls,
    async waitFor(n, ms = 5000) {
      const until = Date.now() + ms;
      while (calls.length < n) {
        if (Date.now() > until) throw new Error(`expected ${n} connector calls, got ${calls.length}`);
        await new Promise((r) => setTimeout(r, 10));
      }
      return calls;
    },
    clear() {
      calls.length = 0;
    },
    refuse(conversationId, status, times = Infinity, retryAfter) {
      refusals.set(conversationId, { status, left: times, retryAfter });
    },
    slow(ms) {
      delayMs = ms;
    },
    allow(conversationId) {
      refusals.delete(conversationId);
    },
    setRoster(conversationId, members) {
      rosters.set(conversationId, members);
    },
    setChannels(teamId, list) {
      channels.set(teamId, list);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
