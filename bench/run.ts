// Benchmarks (npm run bench): how long a Teams user waits for Løft, measured against a bare botbuilder echo bot
// started in the same process and run, so the figures are ratios to the framework's own floor on this machine.
// Real parts: the app in-process on the embedded Cosmos server, Bot Framework activities POSTed over HTTP, replies
// to a local connector. Prints Markdown (docs/performance.md records a run).
//   npm run bench                → the full run (≈ 5 minutes on 2 cores)
//   npm run bench -- --quick     → smaller numbers, to check the harness
import { ActivityTypes, CloudAdapter, ConfigurationBotFrameworkAuthentication } from "botbuilder";
import express from "express";
import { randomUUID } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import type { Server } from "node:http";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import pino from "pino";
import { startTestApp, tempDataDir } from "../test/helpers/app";
import { TeamsSession } from "../test/helpers/bot";
import { findAction, inputValues } from "../test/helpers/cards";
import { startFakeConnector, type FakeConnector } from "../test/helpers/connector";
import { addCoachWithCase } from "../test/helpers/seed";
import { freePort, groupStats, healthyWithin, startProcess } from "../test/helpers/process";
import { demoMentor, execute, message, post, type TeamsUser } from "../test/helpers/teams";
import { DEMO } from "../src/domain/demo";
import type { Entry } from "../src/domain/model";

const quick = process.argv.includes("--quick");
const SEQ = quick ? 200 : 2000;
const CONC = 20;
const GROWN = quick ? [2_000] : [20_000, 100_000];
const CROWD = quick ? 40 : 200;
const IDLE_MS = quick ? 3_000 : 30_000;

type App = Awaited<ReturnType<typeof startTestApp>>;

const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : NaN;
};
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const out: string[] = [];
const say = (line = "") => {
  out.push(line);
  console.log(line);
};

/** A bare botbuilder bot: echoes a message, answers an Action.Execute with a one-line card. The framework's floor. */
async function startEchoBot(): Promise<{ url: string; close(): Promise<void> }> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const app = express();
  app.post("/api/messages", express.json({ limit: "256kb" }), (req, res) => {
    void adapter.process(req, res, async (turn) => {
      if (turn.activity.type === ActivityTypes.Invoke) {
        const card = { type: "AdaptiveCard", version: "1.5", body: [{ type: "TextBlock", text: "ok" }] };
        await turn.sendActivity({
          type: ActivityTypes.InvokeResponse,
          value: { status: 200, body: { statusCode: 200, type: "application/vnd.microsoft.card.adaptive", value: card } },
        });
      } else if (turn.activity.type === ActivityTypes.Message) {
        await turn.sendActivity(turn.activity.text ?? "");
      }
    });
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => (server.close(() => r()), server.closeAllConnections())),
  };
}

/** Runs `turn` n times from `clients` concurrent clients; latencies in ms, errors counted. */
async function drive(n: number, clients: number, turn: (i: number, client: number) => Promise<unknown>) {
  const times: number[] = [];
  let errors = 0;
  let next = 0;
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      while (next < n) {
        const i = next++;
        const s = performance.now();
        try {
          await turn(i, client);
        } catch {
          errors++;
        }
        times.push(performance.now() - s);
      }
    }),
  );
  const wall = performance.now() - t0;
  loop.disable();
  return { times, errors, wall, loopMax: loop.max / 1e6, p50: q(times, 0.5), p99: q(times, 0.99) };
}

/** A reflection submit as Teams sends it: the card's data and inputs, a new submission id each time. */
async function reflectionSubmitter(app: App, connector: FakeConnector, user: TeamsUser, caseId: string) {
  const session = new TeamsSession(app.url, connector.serviceUrl, user);
  const card = await session.press("reflect.open", { caseId });
  const data = { ...findAction(card, "reflect.submit").data, ...inputValues(card), r1: "Vi fik lagt en plan.", match: "ja", progress: "5" };
  return async () => {
    const res = await post(app.url, execute(user, connector.serviceUrl, "reflect.submit", { ...data, submissionId: randomUUID() }));
    if (res.status !== 200 || !JSON.stringify(res.body).includes("Refleksion gemt")) throw new Error(`not saved: ${res.status}`);
  };
}

async function echoInvoke(echoUrl: string, connector: FakeConnector) {
  const a = execute(demoMentor, connector.serviceUrl, "echo", { verb: "echo" });
  const res = await post(echoUrl, a);
  if (res.status !== 200) throw new Error(`echo answered ${res.status}`);
}

/** Synthetic history: `n` reflection entries spread over 50 other corps (as a few corps over a few years). */
async function grow(app: App, n: number, from: number) {
  const at = new Date("2025-01-01T09:00:00Z").getTime();
  let next = from;
  const end = from + n;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < end) {
        const i = next++;
        const entry: Entry = {
          type: "reflection",
          id: `reflection-bench-${i}`,
          corpsId: `corps-bench-${i % 50}`,
          caseId: `case-bench-${i % 5000}`,
          authorId: "00000000-0000-4000-8000-00000000be00",
          createdAt: new Date(at + i * 60_000).toISOString(),
          answers: ["Vi talte om skolen og om næste uge.", "", "", "", "", "", "", ""],
          goalScores: [{ goalId: "g1", score: i % 11 }],
          match: "ja",
          wantsSparring: false,
        } as Entry;
        await app.store.repos.entries.create(entry);
      }
    }),
  );
}

function dirState(dir: string) {
  return readdirSync(dir)
    .map((f) => {
      const s = statSync(path.join(dir, f));
      return `${f}:${s.size}:${s.mtimeMs}`;
    })
    .join("|");
}
const dirBytes = (dir: string) => readdirSync(dir).reduce((n, f) => n + statSync(path.join(dir, f)).size, 0);

async function main() {
  const cpu = os.cpus();
  say(`# Løft benchmark — ${new Date().toISOString().slice(0, 10)}`);
  say();
  say(`Machine: ${cpu.length} × ${cpu[0]?.model ?? "?"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}.`);
  say(`Command: \`npm run bench${quick ? " -- --quick" : ""}\`. Latency is from POST to the HTTP answer, in ms.`);
  say();

  const connector = await startFakeConnector();
  const echo = await startEchoBot();
  const dataDir = tempDataDir();
  // The app's own log (warnings and errors only) goes to a file beside the data, for a look after the run.
  const log = pino({ level: "warn" }, pino.destination(path.join(os.tmpdir(), "loft-bench.log")));
  let app = await startTestApp({ dataDir, log, env: { SCHEDULER_INTERVAL_SECONDS: "0" } });
  const [c] = (await app.store.repos.cases.listForCoach(DEMO.corpsId, DEMO.mentor)).filter((x) => x.status === "active");
  const mentor = new TeamsSession(app.url, connector.serviceUrl, demoMentor);

  // Warm-up of both (JIT, connection pools, identity cache).
  let submit = await reflectionSubmitter(app, connector, demoMentor, c.id);
  await drive(100, 1, () => echoInvoke(echo.url, connector));
  await drive(100, 1, submit);

  // 1. Side by side, sequential and 20 concurrent.
  say("## Reflection submit against the echo bot");
  say();
  say("| run | turns | echo p50 | echo p99 | submit p50 | submit p99 | p50 ratio | p99 ratio | submit errors | max event-loop delay |");
  say("|---|---|---|---|---|---|---|---|---|---|");
  // Concurrent mentors each submit on their own case (as in real use); one more run has them all on one case.
  const own = await Promise.all(
    Array.from({ length: CONC }, async (_, n) => {
      const aad = `00000000-0000-4000-a000-${String(n).padStart(12, "0")}`;
      const user = { aadObjectId: aad, name: `Mentor C${n}` };
      const caseId = await addCoachWithCase(app.store, { aad, name: user.name, code: `ME-C${String(n).padStart(3, "0")}`, goals: [{ id: "g1", text: "Skole", score: 3 }] });
      return reflectionSubmitter(app, connector, user, caseId);
    }),
  );
  const perClient = (_: number, client: number) => own[client]();
  const side = async (label: string, clients: number, turn: (i: number, client: number) => Promise<unknown> = submit) => {
    const e = await drive(SEQ, clients, () => echoInvoke(echo.url, connector));
    const s = await drive(SEQ, clients, turn);
    say(`| ${label} | ${SEQ} each | ${ms(e.p50)} | ${ms(e.p99)} | ${ms(s.p50)} | ${ms(s.p99)} | ${(s.p50 / e.p50).toFixed(1)}× | ${(s.p99 / e.p99).toFixed(1)}× | ${s.errors} | ${ms(s.loopMax)} |`);
  };
  await side("sequential, demo store", 1);
  await side(`${CONC} mentors at once, each on their own case`, CONC, perClient);
  await side(`${CONC} at once on one case`, CONC);

  // 2. What single turns cost in store round trips.
  say();
  say("## Store round trips per turn (sequential, 300 each)");
  say();
  say("| turn | p50 | p99 | store requests |");
  say("|---|---|---|---|");
  const cost = async (label: string, turn: () => Promise<unknown>) => {
    const before = app.store.requestCount()!;
    const r = await drive(300, 1, turn);
    say(`| ${label} | ${ms(r.p50)} | ${ms(r.p99)} | ${((app.store.requestCount()! - before) / 300).toFixed(1)} |`);
  };
  await cost("menu (Action.Execute)", () => mentor.press("menu"));
  await cost("open the case picker", () => mentor.press("prepare.open"));
  await cost("open a preparation card", () => mentor.press("prepare.open", { caseId: c.id }));
  await cost("reflection submit", submit);
  const refused = { ...(await mentor.press("reflect.open", { caseId: c.id })) };
  await cost("refused reflection (CPR number)", async () => {
    const data = { ...findAction(refused, "reflect.submit").data, ...inputValues(refused), r1: "cpr 010190-1234", match: "ja", progress: "5" };
    await post(app.url, execute(demoMentor, connector.serviceUrl, "reflect.submit", { ...data, submissionId: randomUUID() }));
  });

  // 3. The store grown: synthetic history in other corps, then a restart and the same submits.
  say();
  say("## With the store grown");
  say();
  say("| entries added | write rate | max event-loop delay while writing | data on disk | start-up | submit p50 | submit p99 | echo p50 | max event-loop delay |");
  say("|---|---|---|---|---|---|---|---|---|");
  let total = 0;
  for (const target of GROWN) {
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const t0 = performance.now();
    await grow(app, target - total, total);
    const rate = (target - total) / ((performance.now() - t0) / 1000);
    loop.disable();
    total = target;
    await app.close();
    const s0 = performance.now();
    app = await startTestApp({ dataDir, log, env: { SCHEDULER_INTERVAL_SECONDS: "0" } });
    const startup = performance.now() - s0;
    submit = await reflectionSubmitter(app, connector, demoMentor, c.id);
    await drive(50, 1, submit);
    const e = await drive(SEQ / 4, 1, () => echoInvoke(echo.url, connector));
    const s = await drive(SEQ / 4, 1, submit);
    say(
      `| ${target.toLocaleString("en")} | ${rate.toFixed(0)}/s | ${ms(loop.max / 1e6)} | ${(dirBytes(dataDir) / 2 ** 20).toFixed(0)} MB | ${(startup / 1000).toFixed(1)} s | ${ms(s.p50)} | ${ms(s.p99)} | ${ms(e.p50)} | ${ms(s.loopMax)} |`,
    );
  }

  // 4. A crowd: many mentors at once, each says hej, opens the preparation card and submits it. From here on the app
  // runs as its own process (as in production: Teams and its connector are elsewhere), the crowd and the connector here.
  const users: { user: TeamsUser; caseId: string }[] = [];
  for (let i = 0; i < CROWD; i += 20) {
    await Promise.all(
      Array.from({ length: Math.min(20, CROWD - i) }, async (_, k) => {
        const n = i + k;
        const aad = `00000000-0000-4000-9000-${String(n).padStart(12, "0")}`;
        const user = { aadObjectId: aad, name: `Mentor ${n}` };
        const caseId = await addCoachWithCase(app.store, { aad, name: user.name, code: `ME-B${String(n).padStart(3, "0")}`, goals: [{ id: "g1", text: "Skole", score: 3 }] });
        users.push({ user, caseId });
      }),
    );
  }
  await app.close();
  const proc = startProcess({ port: await freePort(), dataDir, direct: true });
  await healthyWithin(proc.url, 60_000);
  // Warm the new process up (JIT, pools) as traffic before the crowd would.
  const warm = new TeamsSession(proc.url, connector.serviceUrl, demoMentor);
  await post(proc.url, message(demoMentor, connector.serviceUrl, "hej"));
  for (let i = 0; i < 100; i++) {
    const card = await warm.press("prepare.open", { caseId: c.id });
    await warm.submit(card, "prepare.submit", { q1: "Opvarmning.", plannedDate: "2026-12-01", plannedTime: "10:00" });
  }
  const steps: Record<"hej" | "open" | "submit", number[]> = { hej: [], open: [], submit: [] };
  let crowdErrors = 0;
  const c0 = performance.now();
  await Promise.all(
    users.map(async ({ user }) => {
      const session = new TeamsSession(proc.url, connector.serviceUrl, user);
      try {
        let t = performance.now();
        const hej = await post(proc.url, message(user, connector.serviceUrl, "hej"));
        if (hej.status >= 300) throw new Error(`hej ${hej.status}`);
        steps.hej.push(performance.now() - t);
        t = performance.now();
        const card = await session.press("prepare.open"); // one case: straight to its card
        steps.open.push(performance.now() - t);
        t = performance.now();
        const done = await session.submit(card, "prepare.submit", { q1: "En plan for ugen.", plannedDate: "2026-12-01", plannedTime: "10:00" });
        if (!JSON.stringify(done).includes("gemt")) throw new Error("not saved");
        steps.submit.push(performance.now() - t);
      } catch {
        crowdErrors++;
      }
    }),
  );
  const crowdWall = performance.now() - c0;
  say();
  say(`## ${CROWD} mentors at once (hej → open preparation → submit); the app as its own process, store as grown above`);
  say();
  say("| step | n | p50 | p99 | max |");
  say("|---|---|---|---|---|");
  for (const [k, xs] of Object.entries(steps)) say(`| ${k} | ${xs.length} | ${ms(q(xs, 0.5))} | ${ms(q(xs, 0.99))} | ${ms(Math.max(...xs))} |`);
  say();
  say(`Errors: ${crowdErrors}. All ${CROWD * 3} turns done in ${(crowdWall / 1000).toFixed(1)} s.`);

  // 5. Idle: no traffic; the app process should use no CPU to speak of and write nothing. First the work left
  // behind is done: derive jobs of submits that lost the race on one case too often are due a minute later.
  let quietSince = Date.now();
  let last = dirState(dataDir);
  while (Date.now() - quietSince < (quick ? 3_000 : 35_000)) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = dirState(dataDir);
    if (now !== last) [last, quietSince] = [now, Date.now()];
  }
  const stats = () => groupStats(proc.child.pid!).reduce((a, p) => ({ cpu: a.cpu + p.cpuTicks, w: a.w + p.writeBytes }), { cpu: 0, w: 0 });
  const dir0 = dirState(dataDir);
  const s0 = stats();
  const i0 = performance.now();
  await new Promise((r) => setTimeout(r, IDLE_MS));
  const s1 = stats();
  const idleWall = (performance.now() - i0) / 1000;
  say();
  say("## Idle");
  say();
  say(
    `${(IDLE_MS / 1000).toFixed(0)} s without traffic (scheduler every 30 s): the app's processes used ${(((s1.cpu - s0.cpu) / 100 / idleWall) * 100).toFixed(2)} % of one core ` +
      `and wrote ${s1.w - s0.w} bytes to storage; data folder ${dirState(dataDir) === dir0 ? "unchanged" : "CHANGED"}.`,
  );
  process.kill(-proc.child.pid!, "SIGTERM");
  await proc.exited;

  await Promise.all([connector.close(), echo.close()]);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
