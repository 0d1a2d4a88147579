// The half-yearly questionnaire for the national centre (issue 24): the coordinator's figures for the half-year equal
// an independent count over the corps' cases; what leaves for the centre hides exactly what the leaders' overview hides;
// the coordinator's note is privacy-guarded and goes with the file; a reminder comes once when a half-year ends.
import { startTestApp } from "../helpers/app";
import { TeamsSession } from "../helpers/bot";
import { cardText } from "../helpers/cards";
import { startFakeConnector, type FakeConnector } from "../helpers/connector";
import { demoCoordinator, demoMentor, message, post } from "../helpers/teams";
import type { RunningApp } from "../../src/app";
import { createBot } from "../../bot/adapter";
import { devToken } from "../../src/auth/tokens";
import { LOCAL_AUDIENCE, loadConfig } from "../../src/config";
import { manualClock } from "../../src/domain/clock";
import { DEMO } from "../../src/domain/demo";
import type { Case } from "../../src/domain/model";
import { createScheduler } from "../../src/scheduler";

const clock = manualClock(new Date("2026-11-25T09:00:00Z"));
let app: RunningApp & { dataDir: string };
let connector: FakeConnector;
let cases: Case[];

beforeAll(async () => {
  [app, connector] = await Promise.all([startTestApp({ clock, env: { SCHEDULER_INTERVAL_SECONDS: "0" } }), startFakeConnector()]);
  await post(app.url, message(demoCoordinator, connector.serviceUrl, "hej"));
  await connector.waitFor(1);
  cases = await app.store.repos.cases.list(DEMO.corpsId);
});
afterAll(() => Promise.all([app?.close(), connector?.close()]));

const get = async (who: string, path: string, init: RequestInit = {}) =>
  fetch(`${app.url}/api${path}`, { ...init, headers: { authorization: `Bearer ${await devToken(app.dataDir, { aadObjectId: who, tenantId: DEMO.tenantId, audience: LOCAL_AUDIENCE, now: clock() })}`, "content-type": "application/json" } });
/** "YYYY-MM" in Copenhagen, by the platform's own time-zone data (not the app's code). */
const monthIn = (iso: string) => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Copenhagen", year: "numeric", month: "2-digit" }).format(new Date(iso)).slice(0, 7);
const inH1 = (iso?: string) => !!iso && monthIn(iso) >= "2026-01" && monthIn(iso) <= "2026-06";

test("the coordinator's figures for the half-year equal an independent count of the corps' cases", async () => {
  const res = await get(DEMO.coordinator, "/halfyear");
  expect(res.status).toBe(200);
  const body = await res.json();
  expect(body).toMatchObject({ period: "2026-H1", name: "1. halvår 2026", periods: ["2026-H1", "2025-H2", "2025-H1", "2024-H2", "2024-H1"] });
  for (const kind of ["all", "mentor", "relativeCoach"] as const) {
    const mine = cases.filter((c) => kind === "all" || c.kind === kind);
    const opened = mine.filter((c) => inH1(c.openedAt));
    const closed = mine.filter((c) => c.status === "closed" && inH1(c.closedAt));
    const f = body.figures[kind];
    expect([kind, f.referrals.opened.value]).toEqual([kind, opened.length]);
    expect([kind, f.overview.closeReasons.total.value]).toEqual([kind, closed.length]);
    for (const reason of ["goalsReached", "noProgress", "citizenEnded", "moved", "noContact", "declined", "other"])
      expect([kind, reason, f.overview.closeReasons.parts[reason].value]).toEqual([kind, reason, closed.filter((c) => c.closeReason === reason).length]);
    const started = closed.filter((c) => c.startedAt);
    const meanDays = started.length ? Math.round(started.reduce((s, c) => s + (Date.parse(c.closedAt!) - Date.parse(c.startedAt!)) / 86_400_000, 0) / started.length) : null;
    expect([kind, f.overview.meanDays.value ?? null]).toEqual([kind, meanDays]);
    for (const d of [1, 2, 3, 4, 5, 6, 7, 8, 9]) expect([kind, d, f.referrals.dimensions[d].value]).toEqual([kind, d, opened.filter((c) => c.referral.dimensions.includes(d)).length]);
  }
  // Nothing is hidden from the coordinator: the exact figures, small ones included.
  expect(JSON.stringify(body.figures)).not.toContain("suppressed");
});

test("only the corps' coordinators; a half-year that has not ended is refused naming the ones there are", async () => {
  for (const who of [DEMO.mentor, DEMO.leader]) expect((await get(who, "/halfyear")).status).toBe(403);
  for (const who of [DEMO.mentor, DEMO.leader]) expect((await get(who, "/halfyear.csv")).status).toBe(403);
  const early = await get(DEMO.coordinator, "/halfyear?period=2026-H2");
  expect(early.status).toBe(400);
  expect((await early.json()).periods[0]).toBe("2026-H1");
  expect((await get(DEMO.coordinator, "/halfyear?period=2026&x=1")).status).toBe(400);
});

test("the file for the centre hides exactly what the leaders' overview of that half-year hides, and carries the note", async () => {
  // A note with a CPR number is refused; a plain one is kept and goes with the file.
  const refused = await get(DEMO.coordinator, "/halfyear/2026-H1/note", { method: "PUT", body: JSON.stringify({ note: "Borgeren 010190-1234 mangler" }) });
  expect(refused.status).toBe(400);
  expect((await refused.json()).problems).toEqual([{ field: "note", code: "cpr" }]);
  const note = "To forløb fra før Løft er ikke med. <b>Tjek</b>";
  const saved = await get(DEMO.coordinator, "/halfyear/2026-H1/note", { method: "PUT", body: JSON.stringify({ note }) });
  expect(saved.status).toBe(200);
  expect((await (await get(DEMO.coordinator, "/halfyear")).json()).note).toMatchObject({ text: note, by: "Demo Koordinator" });

  const csv = await (await get(DEMO.coordinator, "/halfyear.csv?period=2026-H1")).text();
  expect(csv).toContain("Halvårsskema til CDE;1. halvår 2026");
  expect(csv).toContain(`Koordinatorens bemærkning;${note}`);
  const leaders = await (await get(DEMO.leader, "/dashboard.csv?period=2026-H1")).text();
  const rows = (text: string, cols: [number, number]) =>
    new Map(
      text
        .replace(/^\uFEFF/, "")
        .split("\r\n")
        .map((l) => l.split(";"))
        .filter((c) => c.length > cols[1])
        .map((c) => [`${c[0]}|${c[1]}`, c[cols[0]]]),
    );
  const theirs = rows(leaders, [2, 3]);
  const ours = rows(csv, [2, 3]);
  let hidden = 0;
  for (const [figure, value] of theirs) {
    if (!ours.has(figure) || figure.startsWith("Område|") || figure.startsWith("Periode|")) continue;
    expect([figure, ours.get(figure)]).toEqual([figure, value]);
    if (value === "skjult (under 5 forløb)") hidden++;
  }
  expect(hidden).toBeGreaterThan(0); // the demo corps has small figures: the comparison is not empty
  const html = await (await get(DEMO.coordinator, "/halfyear.html?period=2026-H1")).text();
  expect(html).toContain("<h1>Halvårsskema til CDE · 1. halvår 2026</h1>");
  expect(html).toContain("&lt;b&gt;Tjek&lt;/b&gt;");
  expect(html).not.toContain("<b>Tjek</b>");
});

test("in the chat: the coordinator's «Halvårsskema» shows the exact figures; a mentor gets the menu", async () => {
  const coordinator = new TeamsSession(app.url, connector.serviceUrl, demoCoordinator);
  const card = cardText(await coordinator.press("halfyear.open"));
  expect(card).toContain("Halvårsskema til CDE · 1. halvår 2026");
  expect(card).toContain(`Nye forløb\n${cases.filter((c) => inH1(c.openedAt)).length}`);
  expect(card).toContain("I filen til CDE er tal bygget på færre end fem forløb skjult");
  expect(cardText(await new TeamsSession(app.url, connector.serviceUrl, demoMentor).press("halfyear.open"))).not.toContain("Halvårsskema til CDE");
});

test("when a half-year ends, each coordinator is told once — the first working morning after, with two instances running", async () => {
  const bot = createBot(loadConfig({}), { repos: app.store.repos, clock, log: app.log });
  const other = createScheduler({ repos: app.store.repos, clock, log: app.log, handlers: bot.jobHandlers, plan: bot.plan });
  const told = () => connector.calls.filter((c) => c.conversationId === `a:personal-${DEMO.coordinator}` && cardText(c.body?.attachments?.[0]?.content ?? {}).includes("2. halvår 2026 er slut"));
  // New Year's Day is a holiday and 2–3 January 2027 a weekend: Monday 4 January, 09:00 in Copenhagen.
  clock.set(new Date("2027-01-04T07:59:00Z"));
  await Promise.all([app.scheduler.tick(), other.tick()]);
  expect(told()).toHaveLength(0);
  clock.set(new Date("2027-01-04T08:00:00Z"));
  await Promise.all([app.scheduler.tick(), other.tick()]);
  await app.drain();
  expect(told()).toHaveLength(1);
  clock.advance(3_600_000);
  await Promise.all([app.scheduler.tick(), other.tick()]);
  clock.advance(86_400_000);
  await Promise.all([app.scheduler.tick(), other.tick()]);
  expect(told()).toHaveLength(1);
});
