// Benchmark of the monthly check-in's fan-out (npm run bench:checkin): a corps of 1,000 mentors, each with one active
// case, asked by two app instances on one store at once, against a Bot Connector that lets 30 requests a second
// through (Teams' limit per app and tenant) and answers the rest 429 with Retry-After. Reports the time to ask every
// mentor, duplicates, cards missing, throttled requests, and the time to post the channel summary. Real parts: the
// embedded Cosmos server through @azure/cosmos, the schedulers' ETag claims, botbuilder's connector client.
//   npm run bench:checkin               → 1,000 mentors
//   npm run bench:checkin -- --quick    → 100 mentors, to check the harness
import express from "express";
import type { Server } from "node:http";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { createBot } from "../bot/adapter";
import { startTestApp } from "../test/helpers/app";
import { execute, post } from "../test/helpers/teams";
import { manualClock } from "../src/domain/clock";
import { checkInOf } from "../src/domain/checkin";
import { Case, memberDocId, userKey } from "../src/domain/model";
import { loadConfig } from "../src/config";
import { createScheduler } from "../src/scheduler";

const quick = process.argv.includes("--quick");
const MENTORS = quick ? 100 : 1000;
const LIMIT_PER_SECOND = 30;
const CORPS = "bench-korps";
const TENANT = "0000000b-0000-0000-0000-000000000000";

/** A Bot Connector with Teams' per-app limit: at most LIMIT_PER_SECOND requests in any second, else 429. */
async function throttlingConnector() {
  const accepted: number[] = [];
  const cards = new Map<string, number>();
  let throttled = 0;
  let posts = 0;
  let n = 0;
  const app = express();
  app.use(express.json({ limit: "1mb" }));
  app.all(/^\/v3\/conversations(\/.*)?$/, (req, res) => {
    const now = Date.now();
    while (accepted.length > 0 && accepted[0] <= now - 1000) accepted.shift();
    if (accepted.length >= LIMIT_PER_SECOND) {
      throttled++;
      res.setHeader("Retry-After", "1");
      res.status(429).json({ error: { code: "Throttled", message: "too many requests" } });
      return;
    }
    accepted.push(now);
    const conv = decodeURIComponent(/^\/v3\/conversations\/([^/]+)/.exec(req.path)?.[1] ?? "");
    if (req.method === "POST" && conv.startsWith("a:")) cards.set(conv, (cards.get(conv) ?? 0) + 1);
    if (req.method === "POST" && conv === "19:bench@thread.tacv2") posts++;
    res.json({ id: `act-${++n}` });
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  return {
    serviceUrl: `http://127.0.0.1:${(server.address() as { port: number }).port}/`,
    cards,
    throttled: () => throttled,
    posts: () => posts,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const guid = (i: number) => `0000000b-0000-4000-8000-${String(i).padStart(12, "0")}`;
const code = (i: number) => `ME-${i.toString(36).toUpperCase().padStart(4, "0")}`;

async function main() {
  const times = checkInOf("2026-12")!;
  const clock = manualClock(new Date("2026-11-25T09:00:00Z"));
  const connector = await throttlingConnector();
  const app = await startTestApp({ clock, env: { SEED_DEMO: "false", SCHEDULER_INTERVAL_SECONDS: "0" } });
  const { repos } = app.store;
  const coordinator = guid(0);
  await repos.corps.upsert({
    type: "corps", id: CORPS, corpsId: CORPS, name: "Bench-korpset", setup: "done", tenantId: TENANT, teamId: "19:bench@thread.tacv2",
    channelId: "19:bench@thread.tacv2", serviceUrl: connector.serviceUrl, botId: "28:loft", extraDaysOff: [],
  });
  await repos.members.upsert({ type: "member", id: memberDocId(coordinator), corpsId: CORPS, aadObjectId: coordinator, name: "Koordinator", roles: ["coordinator"] });
  const seeded = performance.now();
  for (let i = 1; i <= MENTORS; i++) {
    const aad = guid(i);
    await repos.directory.upsert({ id: userKey(TENANT, aad), memberships: [{ corpsId: CORPS, roles: ["mentor"] }] });
    await repos.members.upsert({
      type: "member", id: memberDocId(aad), corpsId: CORPS, aadObjectId: aad, name: `Mentor ${i}`, roles: ["mentor"],
      conversation: { serviceUrl: connector.serviceUrl, conversationId: `a:bench-${i}`, botId: "28:loft" },
    });
    await repos.cases.create(Case.parse({
      type: "case", id: `case-${i}`, corpsId: CORPS, code: code(i), kind: "mentor", coachId: aad, coordinatorId: coordinator, status: "active",
      referral: { receivedAt: "2026-06-01T10:00:00Z", dimensions: [1] }, openedAt: "2026-06-02T10:00:00Z", version: 1,
      goalForm: { worries: "", working: "", goals: [{ id: "g1", text: "Skolegang", score: 5 }, { id: "g2", text: "Fritid", score: 4 }] },
    }));
  }
  console.log(`seeded ${MENTORS} mentors and cases in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);

  // A second instance on the same store: its own bot, messenger (and pacing) and scheduler.
  const bot = createBot(loadConfig({}), { repos, clock, log: app.log });
  const other = createScheduler({ repos, clock, log: app.log, handlers: bot.jobHandlers, plan: bot.plan });

  // Meanwhile a mentor uses Løft: the fan-out must not hold up turns.
  const turns: number[] = [];
  let fanningOut = true;
  const mentor = { aadObjectId: guid(1), name: "Mentor 1", tenantId: TENANT };
  const using = (async () => {
    while (fanningOut) {
      const t = performance.now();
      const res = await post(app.url, execute(mentor, connector.serviceUrl, "menu", { verb: "menu" }));
      if (res.status === 200) turns.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 200));
    }
  })();

  clock.set(times.askAt);
  const t0 = performance.now();
  await Promise.all([app.scheduler.tick(), other.tick()]);
  const askSeconds = (performance.now() - t0) / 1000;
  fanningOut = false;
  await using;
  const q = (p: number) => [...turns].sort((a, b) => a - b)[Math.min(turns.length - 1, Math.floor(p * turns.length))].toFixed(0);
  const counts = [...connector.cards.values()];
  const duplicates = counts.reduce((d, c) => d + Math.max(0, c - 1), 0);
  const missing = MENTORS - connector.cards.size;

  clock.set(times.at);
  const t1 = performance.now();
  await Promise.all([app.scheduler.tick(), other.tick()]);
  const summarySeconds = (performance.now() - t1) / 1000;

  const cpus = os.cpus();
  const lines = [
    `Machine: ${cpus.length} × ${cpus[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}.`,
    "",
    "| mentors | instances | Teams' limit | time to ask all | cards | duplicates | missing | 429 answers | menu turns meanwhile (p50 / p99 ms) | summary posted in | summaries |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
    `| ${MENTORS} | 2 | ${LIMIT_PER_SECOND}/s | ${askSeconds.toFixed(1)} s | ${counts.reduce((a, b) => a + b, 0)} | ${duplicates} | ${missing} | ${connector.throttled()} | ${turns.length} turns: ${q(0.5)} / ${q(0.99)} | ${summarySeconds.toFixed(1)} s | ${connector.posts()} |`,
  ];
  console.log(lines.join("\n"));
  await app.close();
  await connector.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
