// Scale benchmark (issue 24, "Scale"; npm run bench:national): 98 corps of 30 members with ten years of history in the
// embedded store. At 1, 10, 49 and 98 corps — the store grown step by step, measured after each step — over HTTP with
// real tokens: the national view (GET /api/national, the national centre's demo user), one corps' dashboard (its
// leader) and its half-yearly figures (its coordinator); and the scheduler's hourly planning tick (check-ins,
// retention, half-year reminders, the national figures) with its wall time and the process's CPU time. Real parts:
// the embedded Cosmos server through @azure/cosmos, HTTP, the token check, the app's own repositories.
//
// Each corps is written as the app would leave it after ten years (deterministic, a seeded PRNG): 30 members with
// their directory entries, the team link, ≈ 12 new cases a year (most closed after 6–18 months with a close reason,
// a few closed in the contact phase, ≈ a dozen open), each case with its referral dimensions, WHO-5/GSE measures,
// progress scores and method counts (built with methodOf from conversations and status answers that are *not*
// written as entries: the figures read case documents, never entries), the monthly check-in rounds of ten years and
// each month's check-in request per coach, the coaches' case indexes; retention set to ten years (120 months) and the
// time to live already stamped on closed cases, as the hourly plan would have done.
//
// The embedded store answers a query sent for one partition from that partition's documents, and its query engine is
// linear (src/store/embedded-query.ts); before that, at ten corps a corps' dashboard took 8 s (docs/performance.md).
//   npm run bench:national               → 1, 10, 49, 98 corps, 200 requests per question and size (≈ 7 min)
//   npm run bench:national -- --quick    → 1, 10 corps, 50 requests (≈ 1 min)
import { readdirSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay, performance, PerformanceObserver } from "node:perf_hooks";
import { createBot } from "../bot/adapter";
import { startTestApp, TEST_START } from "../test/helpers/app";
import { devToken } from "../src/auth/tokens";
import { loadConfig, LOCAL_AUDIENCE } from "../src/config";
import { checkInOf, newRound, requestId, type CheckInRequest, type CheckInRound } from "../src/domain/checkin";
import { teamKey } from "../src/domain/corps";
import { caseIndexOf } from "../src/domain/derive";
import { DEMO, prng } from "../src/domain/demo";
import { ttlSeconds } from "../src/domain/erasure";
import { methodOf } from "../src/domain/fidelity";
import { Case, memberDocId, THEMES, userKey, type CaseKind, type CloseReason, type Entry, type Retention, type Role } from "../src/domain/model";
import { MUNICIPALITIES } from "../src/domain/municipalities";
import { monthOf } from "../src/domain/time";
import { releaseOf } from "../src/domain/dashboard";
import { nationalRelease } from "../src/domain/national";
import { windowPeriods } from "../src/domain/periods";
import { createScheduler } from "../src/scheduler";
import { planRetention } from "../src/store/erasure";
import { refreshNational } from "../src/store/national";
import { planHalfYear } from "../bot/outbox/halfyear";
import type { Repositories } from "../src/store/repositories";

const quick = process.argv.includes("--quick");
const SIZES = quick ? [1, 10] : [1, 10, 49, 98];
const REQUESTS = quick ? 50 : 200;
const REPEATS = 3;
interface Effort {
  /** Requests per question (the national view). */
  requests: number;
  /** The same for the corps' dashboard and half-year (default: `requests`). */
  corpsRequests?: number;
  /** National refreshes, planning ticks and ticks between them timed (the median is reported). */
  repeats: number;
  /** The hourly plan's parts timed one by one. */
  parts: boolean;
  /** The scheduler's ticks timed. */
  ticks: boolean;
  /** Runs of one corps' dashboard taken apart. */
  anatomy: number;
}
const full: Effort = { requests: REQUESTS, repeats: REPEATS, parts: true, ticks: true, anatomy: 9 };
const TENANT = "0000000a-0000-0000-0000-000000000000";
const RETENTION: Retention = { closedMonths: 120 };
const DAY = 86_400_000;
const NOW = TEST_START.getTime();
const HISTORY_FROM = NOW - 3652 * DAY; // ten years before the app's clock
/** Method counts are kept for 36 months on a case: conversations before this change nothing and are not generated. */
const METHOD_FROM = NOW - 38 * 31 * DAY;
const iso = (t: number) => new Date(t).toISOString();

const guid = (corps: number, person: number) => `0000000a-${corps.toString(16).padStart(4, "0")}-4000-8000-${String(person).padStart(12, "0")}`;
const GOALS = ["Møde op i skolen hver dag", "Finde en fritidsaktivitet", "Styrke kontakten til familien", "Tage afstand fra miljøet online", "Komme i praktik eller job", "Få struktur på døgnet"];
const REASONS: CloseReason[] = ["goalsReached", "goalsReached", "goalsReached", "goalsReached", "noProgress", "noProgress", "citizenEnded", "citizenEnded", "moved", "other"];

interface GeneratedCorps {
  corpsId: string;
  name: string;
  teamId: string;
  municipalityCode: string;
  people: Array<{ id: string; name: string; roles: Role[] }>;
  leader: string;
  coordinator: string;
  cases: Case[];
  rounds: CheckInRound[];
  requests: CheckInRequest[];
}

/** Corps number `k` (0-based): everything it holds after ten years, as the app would have left it. */
function generateCorps(k: number): GeneratedCorps {
  const r = prng(0x5eed + k * 7919);
  const municipality = MUNICIPALITIES[k];
  const corpsId = `korps-${municipality.code}`;
  const teamId = `19:${corpsId}@thread.tacv2`;
  const people: GeneratedCorps["people"] = [
    { id: guid(k, 0), name: "Koordinator", roles: ["coordinator"] },
    { id: guid(k, 1), name: "Leder", roles: ["leader"] },
    ...Array.from({ length: 20 }, (_, i) => ({ id: guid(k, 2 + i), name: `Mentor ${i + 1}`, roles: ["mentor"] as Role[] })),
    ...Array.from({ length: 8 }, (_, i) => ({ id: guid(k, 22 + i), name: `Pårørendecoach ${i + 1}`, roles: ["relativeCoach"] as Role[] })),
  ];
  const coordinator = people[0].id;
  const mentors = people.filter((p) => p.roles.includes("mentor")).map((p) => p.id);
  const relativeCoaches = people.filter((p) => p.roles.includes("relativeCoach")).map((p) => p.id);

  // The monthly check-ins of ten years, up to this month's (done: asked, reminded, summary posted); the app plans
  // next month's itself.
  const rounds: CheckInRound[] = [];
  for (let month = monthOf(new Date(HISTORY_FROM + 31 * DAY)); month <= monthOf(TEST_START); month = monthOf(new Date(Date.parse(`${month}-15T12:00:00Z`) + 31 * DAY))) {
    const times = checkInOf(month)!;
    rounds.push({
      ...newRound(corpsId, times),
      askedAt: times.askAt.toISOString(),
      ...(times.remindAt ? { remindedAt: times.remindAt.toISOString() } : {}),
      asked: {},
      channel: { id: "summary", delivery: "sent", postedAt: times.at.toISOString() },
    });
  }

  const cases: Case[] = [];
  const requests = new Map<string, CheckInRequest>();
  let serial = 0;
  for (let year = 0; year < 10; year++) {
    const n = r.int(10, 14);
    for (let i = 0; i < n; i++) {
      const opened = HISTORY_FROM + year * 365 * DAY + r.int(0, 364) * DAY + r.int(7, 15) * 3_600_000;
      if (opened >= NOW - DAY) continue;
      const kind: CaseKind = r.next() < 0.75 ? "mentor" : "relativeCoach";
      const coach = r.pick(kind === "mentor" ? mentors : relativeCoaches);
      serial++;
      const code = `${kind === "mentor" ? "ME" : "PC"}-${serial.toString(36).toUpperCase().padStart(4, "0")}`;
      const id = `case-${code.toLowerCase()}`;
      const dims = [...new Set(Array.from({ length: r.int(1, 3) }, () => r.int(1, 9)))].sort((a, b) => a - b);
      // The contact phase: a few are never started (no contact, or the citizen said no).
      const contactFails = r.next() < 0.08;
      const started = opened + r.int(7, 35) * DAY;
      let status: Case["status"];
      let startedAt: number | undefined;
      let closedAt: number | undefined;
      let reason: CloseReason | undefined;
      if (contactFails) {
        const end = opened + r.int(20, 60) * DAY;
        if (end < NOW) [status, closedAt, reason] = ["closed", end, r.pick(["noContact", "declined"] as const)];
        else status = "clarifying";
      } else if (started >= NOW) status = r.next() < 0.5 ? "referred" : "clarifying";
      else {
        startedAt = started;
        const end = started + r.int(180, 540) * DAY;
        if (end < NOW) [status, closedAt, reason] = ["closed", end, r.pick(REASONS)];
        else status = r.next() < 0.93 ? "active" : "closing";
      }
      const until = closedAt ?? NOW;
      const from = startedAt ?? opened;
      const goals = [...GOALS].sort(() => r.next() - 0.5).slice(0, r.int(2, 3)).map((text, g) => ({ id: `g${g + 1}`, text, score: r.int(1, 4) }));
      const c: Case = Case.parse({
        type: "case",
        id,
        corpsId,
        code,
        kind,
        coachId: coach,
        coordinatorId: coordinator,
        status,
        referral: { receivedAt: iso(opened - r.int(3, 20) * DAY), dimensions: dims },
        goalForm: { worries: "Infohuset er bekymret for tilknytning til et bekymrende miljø.", working: "Har en god relation til en storebror.", goals },
        openedAt: iso(opened),
        version: 1,
      });
      if (startedAt) c.startedAt = iso(startedAt);
      if (closedAt) {
        c.closedAt = iso(closedAt);
        c.closeReason = reason;
        if (reason === "other") c.closeReasonText = "Et andet tilbud overtog";
      }
      if (startedAt) {
        // WHO-5 (0–100, in fours) and GSE (10–40) at the start, and most of the time at the end.
        const who5 = r.int(3, 15) * 4;
        const gse = r.int(14, 28);
        const post = closedAt && reason !== "moved" && r.next() < 0.85;
        c.measures = {
          who5: { pre: { at: iso(startedAt + DAY), score: who5 }, ...(post ? { post: { at: iso(closedAt! - DAY), score: Math.min(100, Math.max(0, who5 + r.int(-2, 8) * 4)) } } : {}) },
          gse: { pre: { at: iso(startedAt + DAY), score: gse }, ...(post ? { post: { at: iso(closedAt! - DAY), score: Math.min(40, Math.max(10, gse + r.int(-2, 8))) } } : {}) },
        };
        // Progress every second month.
        const progress: Array<{ at: string; value: number }> = [];
        for (let t = startedAt + 14 * DAY; t < until && progress.length < 36; t += 61 * DAY) {
          const growth = (t - startedAt) / (until - startedAt + 1);
          progress.push({ at: iso(t), value: Math.min(10, Math.max(1, Math.round(2 + growth * 6 + r.int(-1, 1)))) });
        }
        if (progress.length > 0) c.progress = progress;
      }
      // Asked in each month's check-in while in work; mostly answered.
      const entries: Array<{ at: number; e: Entry }> = [];
      for (const round of rounds) {
        const at = Date.parse(round.at);
        if (at <= opened || at >= until) continue;
        round.asked = { ...round.asked, [id]: kind };
        const key = requestId(round.month, coach);
        const req = requests.get(key) ?? { type: "checkInRequest" as const, id: key, corpsId, month: round.month, memberId: coach, caseIds: [], sends: [] };
        req.caseIds.push(id);
        req.sends.push({ id: `ask:${id}`, delivery: "sent", at: round.askAt });
        requests.set(key, req);
        if (at >= METHOD_FROM && r.next() < 0.85) entries.push({ at: at - DAY, e: { type: "statusCheckIn", id: `checkin-${round.month}-${id}`, month: round.month, createdAt: iso(at - DAY) } as unknown as Entry });
      }
      // Conversations every one to three weeks since the method counts' horizon: prepared, reflected on (now and then
      // not, or late) — the counts only; these entries are never written.
      let lastReflection: number | undefined;
      let n = 0;
      for (let t = Math.max(from + 3 * DAY, METHOD_FROM); t < until - DAY; t += r.int(7, 21) * DAY) {
        const slip = r.next();
        const planned = t + 2 * 3_600_000;
        if (slip >= 0.08) entries.push({ at: t, e: { type: "preparation", id: `${id}-p${++n}`, plannedAt: iso(planned), createdAt: iso(t) } as unknown as Entry });
        if (slip >= 0.08 && slip < 0.15) continue;
        const reflected = planned + (slip >= 0.15 && slip < 0.27 ? r.int(2, 4) * DAY : 2 * 3_600_000);
        if (reflected >= NOW) continue;
        entries.push({ at: reflected, e: { type: "reflection", id: `${id}-r${++n}`, createdAt: iso(reflected) } as unknown as Entry });
        lastReflection = reflected;
      }
      entries.sort((a, b) => a.at - b.at);
      const method = methodOf(entries.map((x) => x.e));
      if (method) c.method = method;
      c.applied = entries.slice(-50).map((x) => x.e.id);
      if (lastReflection) c.lastReflection = { entryId: `${id}-r${n}`, at: iso(lastReflection), text: "Vi talte om skolen og om næste uge." };
      if (closedAt && startedAt && r.next() < 0.8) {
        c.afterReflection = {
          coach: { entryId: `${id}-ac`, at: iso(closedAt + 2 * DAY), by: coach },
          coordinator: { entryId: `${id}-ak`, at: iso(closedAt + 9 * DAY), by: coordinator },
          themes: THEMES.filter(() => r.next() < 0.3),
        };
      }
      // The time to live the hourly plan stamps on a closed case a month after closing (src/store/erasure.ts).
      const ttl = ttlSeconds(c, RETENTION, TEST_START);
      if (ttl !== undefined) Object.assign(c, { ttl, ttlMonths: RETENTION.closedMonths });
      cases.push(Case.parse(c));
    }
  }
  return {
    corpsId,
    name: `${municipality.name} Kommune`,
    teamId,
    municipalityCode: municipality.code,
    people,
    leader: people[1].id,
    coordinator,
    cases,
    rounds,
    requests: [...requests.values()],
  };
}

/** Runs `work` over `items`, `n` at a time. */
async function pool<T>(items: readonly T[], n: number, work: (item: T) => Promise<unknown>) {
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) await work(items[next++]);
  }));
}

/** Writes a corps with the app's repositories; the corps document last, as the app's set-up does. */
async function writeCorps(repos: Repositories, g: GeneratedCorps): Promise<number> {
  const { corpsId } = g;
  let writes = 0;
  const w = async (p: Promise<unknown>) => {
    await p;
    writes++;
  };
  await pool(g.people, 16, async (p) => {
    await w(repos.members.upsert({ type: "member", id: memberDocId(p.id), corpsId, aadObjectId: p.id, name: p.name, roles: p.roles }));
    await w(repos.directory.upsert({ id: userKey(TENANT, p.id), memberships: [{ corpsId, roles: p.roles }] }));
  });
  await pool(g.cases, 16, (c) => w(repos.cases.upsert(c)));
  await pool(g.rounds, 16, (round) => w(repos.checkIns.createRound(round)));
  await pool(g.requests, 32, (req) => w(repos.checkIns.updateRequest(corpsId, req.month, req.memberId, () => req)));
  const coaches = g.people.filter((p) => p.roles.includes("mentor") || p.roles.includes("relativeCoach")).map((p) => p.id);
  await pool(coaches, 16, (m) => w(repos.caseIndex.update(corpsId, m, () => caseIndexOf(corpsId, m, g.cases.filter((c) => c.coachId === m)))));
  await w(repos.teams.create({ type: "team", id: teamKey(TENANT, g.teamId), corpsId }));
  await w(
    repos.corps.upsert({
      type: "corps", id: corpsId, corpsId, name: g.name, municipalityCode: g.municipalityCode, tenantId: TENANT, teamId: g.teamId, channelId: g.teamId,
      extraDaysOff: [], setup: "done", retention: RETENTION, checkInAsked: monthOf(TEST_START),
    }),
  );
  return writes;
}

const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const median = (xs: number[]) => q(xs, 0.5);
const ms = (x: number) => (x >= 1000 ? Math.round(x).toLocaleString("en") : x >= 100 ? x.toFixed(0) : x.toFixed(1));
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Wall and process CPU time (ms) of one run of `work`. */
async function timed<T>(work: () => Promise<T>): Promise<{ wall: number; cpu: number; value: T }> {
  const c0 = cpuNow();
  const t0 = performance.now();
  const value = await work();
  return { wall: performance.now() - t0, cpu: cpuNow() - c0, value };
}

const started = performance.now();
/** Garbage collection (ms, every kind) in this process so far: the embedded store's documents live in the same heap. */
let gcMs = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcMs += e.duration;
}).observe({ entryTypes: ["gc"] });
/** Progress on stderr, with the seconds since start. */
const say = (what: string) => process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(1)} s] ${what}\n`);

async function main() {
  const app = await startTestApp({ env: { SEED_DEMO: "false", SCHEDULER_INTERVAL_SECONDS: "0", ...(process.env.LOG_LEVEL ? { LOG_LEVEL: process.env.LOG_LEVEL } : {}) } });
  const { repos } = app.store;
  // A bot of our own on the same store, for the scheduler's hourly plan (as a second instance would run it).
  const bot = createBot(loadConfig({}), { repos, clock: app.clock, log: app.log });

  const t0 = performance.now();
  const all = Array.from({ length: SIZES[SIZES.length - 1] }, (_, k) => generateCorps(k));
  const generatedIn = performance.now() - t0;
  const first = all[0];
  const casesIn = (n: number) => all.slice(0, n).reduce((s, g) => s + g.cases.length, 0);
  const avgCaseBytes = first.cases.reduce((s, c) => s + JSON.stringify(c).length, 0) / first.cases.length;
  const open = (g: GeneratedCorps) => g.cases.filter((c) => c.status !== "closed").length;
  console.log(
    `generated ${all.length} corps in ${(generatedIn / 1000).toFixed(1)} s: ${casesIn(all.length)} cases (${first.cases.length} in ${first.corpsId}, ` +
      `${open(first)} open; open per corps ${Math.min(...all.map(open))}–${Math.max(...all.map(open))}; ≈ ${(avgCaseBytes / 1024).toFixed(1)} KB each), ` +
      `${all.reduce((s, g) => s + g.rounds.length, 0)} check-in rounds, ${all.reduce((s, g) => s + g.requests.length, 0)} check-in requests`,
  );

  const rows: string[] = [];
  const jobRows: string[] = [];
  const partRows: string[] = [];
  const anatomy: string[] = [];
  const nationalRows: string[] = [];
  const sizeRows: string[] = [];
  let written = 0;
  let writes = 0;
  let seedSeconds = 0;
  const kinds = ["", "&kind=mentor", "&kind=relativeCoach"];
  const scheduler = () => createScheduler({ repos, clock: app.clock, log: app.log, handlers: bot.jobHandlers, plan: bot.plan });

  /** One size: the hourly jobs, then the three questions over HTTP. */
  async function measure(size: number, effort: Effort) {
    const corpsDocs = all.slice(0, size).reduce((s, g) => s + 1 + g.people.length + g.cases.length + g.rounds.length + g.requests.length + 28, 0);
    const label = `${size}`;
    // Where one dashboard answer's time goes (src/api/index.ts `releaseFor`): the corps' cases query, of which the
    // parsing of its documents, the window's check-in rounds query, and the table computed from them.
    say(`${size} corps: one corps' queries and table`);
    const listCases: number[] = [];
    const listRounds: number[] = [];
    const parse: number[] = [];
    const table: number[] = [];
    const window = windowPeriods(app.clock());
    for (let i = 0; i < effort.anatomy; i++) {
      const cases = await timed(() => repos.cases.list(first.corpsId));
      listCases.push(cases.wall);
      const rounds = await timed(() => repos.checkIns.listRounds(first.corpsId, `${window[0]}-01`, `${window[window.length - 1].slice(0, 4)}-12`));
      listRounds.push(rounds.wall);
      const raw = cases.value.map((c) => JSON.parse(JSON.stringify(c)) as unknown);
      parse.push((await timed(async () => raw.map((c) => Case.parse(c)))).wall);
      table.push((await timed(async () => releaseOf({ cases: cases.value, rounds: rounds.value }, app.clock()))).wall);
    }
    anatomy.push(`| ${size} | ${first.cases.length} | ${ms(median(listCases))} | ${ms(median(parse))} | ${ms(median(listRounds))} | ${ms(median(table))} |`);

    /** Wall / CPU ms of each run, the median of `runs`; a run that fails is reported as such (and no more are tried). */
    const cell = async (what: string, runs: number, work: () => Promise<unknown>): Promise<{ text: string; cpu?: number }> => {
      const got: Array<{ wall: number; cpu: number }> = [];
      for (let i = 0; i < runs; i++) {
        say(`${what}${runs > 1 ? ` (${i + 1}/${runs})` : ""}`);
        const t = performance.now();
        try {
          got.push(await timed(work));
        } catch (e) {
          const err = e as { code?: string; message?: string };
          // The store goes on answering the queries the client gave up on: wait until it answers again.
          // The repositories try a query three times, so: until no store request came in for 5 s.
          const drain = performance.now();
          for (let seen = -1; seen !== app.store.requestCount(); ) {
            seen = app.store.requestCount() ?? 0;
            await new Promise((r) => setTimeout(r, 5000));
          }
          while (!(await app.store.ping().catch(() => false)));
          say(`${what} failed (${err.code ?? err.message}); the store answered again ${((performance.now() - drain) / 1000).toFixed(0)} s later`);
          return { text: `fails after ${((performance.now() - t) / 1000).toFixed(0)} s (${err.code ?? err.message})` };
        }
      }
      const cpu = median(got.map((x) => x.cpu));
      return { text: `${ms(median(got.map((x) => x.wall)))} / ${ms(cpu)}`, cpu };
    };

    if (effort.parts) {
      // The hourly plan's parts, each timed alone in the order bot.plan runs them (bot/adapter.ts).
      const now = app.clock();
      const parts: Array<[string, () => Promise<unknown>]> = [
        ["check-ins", () => bot.checkIns.plan(now)],
        ["retention", () => planRetention(repos, now, app.log)],
        ["half-year reminders", () => planHalfYear(repos, now)],
        ["national figures", () => refreshNational(repos, now, app.log)],
      ];
      const cells: string[] = [];
      for (const [name, work] of parts) cells.push((await cell(`plan part: ${name}`, 1, work)).text);
      partRows.push(`| ${label} | ${cells.join(" | ")} |`);
      // The national figures taken apart (src/store/national.ts `refreshNational`): reading every corps' cases,
      // check-in rounds and members, then the table computed (src/domain/national.ts `nationalRelease`).
      say("national refresh taken apart");
      const read = await timed(() =>
        repos.corps.list().then((list) =>
          Promise.all(
            list.map(async (c) => {
              const [cases, rounds] = await Promise.all([
                repos.cases.list(c.corpsId),
                repos.checkIns.listRounds(c.corpsId, `${window[0]}-01`, `${window[window.length - 1].slice(0, 4)}-12`),
                repos.members.list(c.corpsId),
              ]);
              return { cases, rounds };
            }),
          ),
        ),
      );
      const computed = await timed(async () => nationalRelease(read.value, app.clock()));
      const doc = await repos.national.get();
      nationalRows.push(`| ${label} | ${ms(read.wall)} / ${ms(read.cpu)} | ${ms(computed.wall)} | ${(JSON.stringify(doc).length / 1024).toFixed(0)} KB |`);
    }

    const refresh = await cell("national refresh", effort.repeats, () => refreshNational(repos, app.clock(), app.log));
    // The scheduler's hourly tick that plans (a fresh scheduler plans on its first tick): check-ins, retention,
    // half-year reminders, the national figures, the finished messages purged, the due jobs run. Then a tick between
    // the hourly plans (the due jobs only; the same scheduler, which planned within the hour), as it runs every 30 s.
    let steady = scheduler();
    // The longest the process could not answer anything (a turn, a tab request) while the hourly plan ran.
    const stall = monitorEventLoopDelay({ resolution: 5 });
    stall.enable();
    const planning = effort.ticks
      ? await cell("hourly planning tick", effort.repeats, () => {
          steady = scheduler();
          return steady.tick();
        })
      : { text: "not run" };
    stall.disable();
    const plain = effort.ticks ? await cell("tick between plans", effort.repeats, () => steady.tick()) : { text: "not run" };

    const token = (aadObjectId: string, tenantId = TENANT) => devToken(app.dataDir, { aadObjectId, tenantId, audience: LOCAL_AUDIENCE, now: app.clock() });
    const auth = async (aadObjectId: string, tenantId?: string) => ({ authorization: `Bearer ${await token(aadObjectId, tenantId)}` });
    /** The questions a first answer offers (its periods, each with each kind); that first answer is not counted. */
    const questions = async (path: string, headers: Record<string, string>, withKinds: string[]) => {
      const res = await fetch(`${app.url}${path}`, { headers });
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
      const periods: string[] = ((await res.json()) as { periods: string[] }).periods;
      return periods.flatMap((p) => withKinds.map((k) => `${path}?period=${p}${k}`));
    };
    const ask = async (name: string, requests: number, headers: Record<string, string>, urls: string[]) => {
      say(`${name}: ${requests} requests`);
      // Ten answers first, not counted: the code on this path compiled, as in a process that has been running.
      for (let i = 0; i < 10; i++) await (await fetch(`${app.url}${urls[i % urls.length]}`, { headers })).text();
      const times: number[] = [];
      const storeRequests = app.store.requestCount() ?? 0;
      const cpu0 = cpuNow();
      const gc0 = gcMs;
      for (let i = 0; i < requests; i++) {
        const t = performance.now();
        const res = await fetch(`${app.url}${urls[i % urls.length]}`, { headers });
        if (res.status !== 200) throw new Error(`${urls[i % urls.length]} answered ${res.status}`);
        await res.text();
        times.push(performance.now() - t);
      }
      // The whole process's CPU (the app, the embedded store and this client) per request: the work, whatever else
      // the machine is doing.
      const cpu = (cpuNow() - cpu0) / requests;
      await new Promise((r) => setImmediate(r)); // the last GC entries are delivered
      const gc = (gcMs - gc0) / requests;
      const perRequest = ((app.store.requestCount() ?? 0) - storeRequests) / requests;
      const p99 = q(times, 0.99);
      rows.push(
        `| ${name} | ${label} | ${casesIn(size).toLocaleString("en")} | ${requests} | ${ms(q(times, 0.5))} | ${ms(q(times, 0.95))} | ${ms(p99)} | ${ms(Math.max(...times))} | ${ms(cpu)} | ${ms(gc)} | ${perRequest.toFixed(1)} | ${p99 < 100 ? "yes" : "**no**"} |`,
      );
      console.log(rows.at(-1));
    };
    const national = await auth(DEMO.national, DEMO.tenantId);
    await ask("national view", effort.requests, national, await questions("/api/national", national, kinds));
    const leader = await auth(first.leader);
    await ask("corps dashboard", effort.corpsRequests ?? effort.requests, leader, await questions("/api/dashboard", leader, kinds));
    const coordinator = await auth(first.coordinator);
    await ask("half-year figures", effort.corpsRequests ?? effort.requests, coordinator, await questions("/api/halfyear", coordinator, [""]));

    const share = (cpu: number | undefined, perHour: number) => (cpu === undefined ? "–" : `${(((cpu * perHour) / 1000 / 3600) * 100).toFixed(3)} %`);
    jobRows.push(
      `| ${label} | ${casesIn(size).toLocaleString("en")} | ${corpsDocs.toLocaleString("en")} | ${refresh.text} | ${planning.text} | ${effort.ticks ? ms(stall.max / 1e6) : "–"} | ${share(planning.cpu, 1)} | ${plain.text} | ${share(plain.cpu, 120)} |`,
    );
    console.log(jobRows.at(-1));
  }

  for (const size of SIZES) {
    // Grow the store to `size` corps.
    say(`seeding to ${size} corps`);
    const seedStart = performance.now();
    for (; written < size; written++) writes += await writeCorps(repos, all[written]);
    seedSeconds += (performance.now() - seedStart) / 1000;
    await app.store.compact(); // not in the background while we measure
    // The first planning tick at a size plans next month's check-in for the corps just added (a one-off per corps and
    // month): run before measuring.
    const warm = await timed(() => scheduler().tick());
    say(`${size} corps: ${writes} writes so far (${seedSeconds.toFixed(0)} s); first planning tick ${ms(warm.wall)} ms`);
    const folder = (dir: string): number =>
      readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? folder(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).size), 0);
    sizeRows.push(
      `| ${size} | ${casesIn(size).toLocaleString("en")} | ${writes.toLocaleString("en")} | ${seedSeconds.toFixed(0)} s | ${ms(warm.wall)} | ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB | ${Math.round(folder(app.dataDir) / 2 ** 20)} MB |`,
    );
    await measure(size, full);
  }

  const cpus = os.cpus();
  console.log(
    `\nMachine: ${cpus.length} × ${cpus[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average now ${os.loadavg().map((x) => x.toFixed(1)).join(" ")}. ` +
      `Measured corps: ${first.corpsId} (${first.cases.length} cases). Seeding: ${writes.toLocaleString("en")} writes in ${seedSeconds.toFixed(0)} s. Total ${((performance.now() - started) / 60_000).toFixed(1)} min.\n`,
  );
  console.log(
    "| corps | cases | writes so far | seeding so far | first planning tick after seeding (ms) | process RSS | data folder |\n|---|---|---|---|---|---|---|\n" +
      sizeRows.join("\n") +
      "\n",
  );
  console.log(
    "| question | corps | cases in the store | requests | p50 ms | p95 ms | p99 ms | max ms | CPU ms each | of which GC ms | store requests each | p99 < 100 ms |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n" +
      rows.join("\n"),
  );
  console.log(
    "\n| corps | cases | documents in the corps container | national refresh wall / CPU ms | hourly planning tick wall / CPU ms | the longest the app stops answering during it (ms) | its CPU per hour, of one core | tick between plans wall / CPU ms | 120 such ticks an hour, of one core |\n|---|---|---|---|---|---|---|---|---|\n" +
      jobRows.join("\n"),
  );
  console.log(
    `\nOne corps' dashboard answer, taken apart (${first.corpsId}; median ms):\n\n| corps | its cases | cases query | of which parsing the cases | check-in rounds query | the table (releaseOf) |\n|---|---|---|---|---|---|\n` +
      anatomy.join("\n"),
  );
  console.log(
    "\nThe national refresh taken apart:\n\n| corps | reading every corps' cases, rounds and members (wall / CPU ms) | computing the national table (ms) | the stored document |\n|---|---|---|---|\n" +
      nationalRows.join("\n"),
  );
  console.log(
    "\nThe hourly plan's parts (wall / CPU ms):\n\n| corps | check-ins | retention | half-year reminders | national figures |\n|---|---|---|---|---|\n" + partRows.join("\n"),
  );
  await app.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
