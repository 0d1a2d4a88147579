// Issue 20's "Done when", the second corps made as a municipality makes it: Løft added to a team, the coordinator's
// set-up card, six mentor cases and two relative-coach cases opened with «Nyt forløb» over a year, conversations
// prepared and reflected on by the coaches, two cases closed — all through the bot, on the app's clock. Then the
// attacker (./dashboard-attacker.ts) asks the leader's dashboard every question it accepts, as JSON and as CSV, and
// solves the answers as equations: no hidden figure of 1–4 cases may be determined.
import { startTestApp } from "../helpers/app";
import { TeamsSession } from "../helpers/bot";
import { cardText } from "../helpers/cards";
import { startFakeConnector, type FakeConnector } from "../helpers/connector";
import { post, teamEvent, type TeamsUser } from "../helpers/teams";
import type { RunningApp } from "../../src/app";
import { devToken } from "../../src/auth/tokens";
import { manualClock } from "../../src/domain/clock";
import { LOCAL_AUDIENCE } from "../../src/config";
import { corpsIdFor, roleField } from "../../src/domain/corps";
import { localDate } from "../../src/domain/time";
import { attack } from "./dashboard-attacker";

const TENANT = "7c0c6a52-1d4e-4c1b-9a57-7d2f5e8b9c07";
const TEAM = "19:seks-og-to-bot@thread.tacv2";
const CORPS = corpsIdFor(TENANT, TEAM);
const person = (n: number, name: string): TeamsUser & { id: string } => ({ aadObjectId: `7e0c6a52-0000-4000-8000-0000000000${String(n).padStart(2, "0")}`, name, tenantId: TENANT, id: `29:sto-${n}` });
const kim = person(1, "Kim Koordinator");
const lene = person(2, "Lene Leder");
const mentors = [person(11, "Mia Mentor"), person(12, "Mads Mentor"), person(13, "Mona Mentor")];
const coaches = [person(21, "Pia Pårørendecoach"), person(22, "Per Pårørendecoach")];
const everyone = [kim, lene, ...mentors, ...coaches];

const clock = manualClock(new Date("2025-11-10T09:00:00Z"));
let app: RunningApp & { dataDir: string };
let connector: FakeConnector;

/** The eight cases: opened when, by which coach, the assessment's dimensions, closed when (and why). */
const CASES: Array<{ opened: string; kind: "mentor" | "relativeCoach"; coach: TeamsUser; dimensions: string; closed?: string; reason?: string }> = [
  { opened: "2025-11-12", kind: "mentor", coach: mentors[0], dimensions: "1,6", closed: "2026-06-15", reason: "goalsReached" },
  { opened: "2026-01-20", kind: "mentor", coach: mentors[0], dimensions: "2,7" },
  { opened: "2026-02-09", kind: "relativeCoach", coach: coaches[0], dimensions: "2,8", closed: "2026-09-30", reason: "noProgress" },
  { opened: "2026-03-03", kind: "mentor", coach: mentors[1], dimensions: "2,6" },
  { opened: "2026-05-18", kind: "mentor", coach: mentors[1], dimensions: "2,9" },
  { opened: "2026-07-07", kind: "relativeCoach", coach: coaches[1], dimensions: "4,8" },
  { opened: "2026-08-04", kind: "mentor", coach: mentors[2], dimensions: "2,6" },
  { opened: "2026-10-01", kind: "mentor", coach: mentors[2], dimensions: "2,8" },
];

const at = (day: string, hour = 9) => new Date(`${day}T${String(hour).padStart(2, "0")}:00:00Z`);

beforeAll(async () => {
  [app, connector] = await Promise.all([startTestApp({ clock, env: { SEED_DEMO: "false" } }), startFakeConnector()]);
  connector.setRoster(TEAM, everyone.map(({ id, aadObjectId, name }) => ({ id, aadObjectId, name })));
  expect((await post(app.url, teamEvent(kim, connector.serviceUrl, { id: TEAM, name: "Seks og To", tenantId: TENANT }))).status).toBe(200);
  const coordinator = new TeamsSession(app.url, connector.serviceUrl, kim);
  const setup = await coordinator.press("setup.open");
  const roles = {
    [roleField(kim.aadObjectId)]: "coordinator",
    [roleField(lene.aadObjectId)]: "leader",
    ...Object.fromEntries(mentors.map((m) => [roleField(m.aadObjectId), "mentor"])),
    ...Object.fromEntries(coaches.map((c) => [roleField(c.aadObjectId), "relativeCoach"])),
  };
  expect(cardText(await coordinator.submit(setup, "setup.submit", { municipality: "0461", ...roles }))).toContain("Korpset er sat op");

  // A year of work, in the order it happens: cases opened, a conversation prepared and reflected on each month, closings.
  const events: Array<{ when: Date; run: () => Promise<void> }> = [];
  const codes = new Map<number, string>();
  CASES.forEach((c, i) => {
    events.push({
      when: at(c.opened),
      run: async () => {
        const card = await coordinator.press("coord.new");
        const done = await coordinator.submit(card, "coord.create", {
          kind: c.kind,
          coachId: c.coach.aadObjectId,
          referralDate: c.opened,
          dimensions: c.dimensions,
          worries: "Bekymring for tilknytning til et miljø",
          working: "Møder op",
          goal1: "Komme i skole hver dag",
          score1: "3",
        });
        expect(cardText(done)).toMatch(/[A-Z]{2}-[0-9A-Z]{4}/);
        const known = new Set(codes.values());
        codes.set(i, (await app.store.repos.cases.list(CORPS)).find((x) => !known.has(x.code))!.code);
      },
    });
    const end = c.closed ?? "2026-11-20";
    for (let d = new Date(`${c.opened}T12:00:00Z`); localDate(d) < end; d = new Date(d.getTime() + 30 * 86_400_000)) {
      const day = localDate(new Date(d.getTime() + 7 * 86_400_000));
      if (day >= end) break;
      events.push({
        when: at(day, 8),
        run: async () => {
          const coach = new TeamsSession(app.url, connector.serviceUrl, c.coach);
          const caseId = (await app.store.repos.cases.list(CORPS)).find((x) => x.code === codes.get(i))!.id;
          const prep = await coach.press("prepare.open", { caseId });
          await coach.submit(prep, "prepare.submit", { q1: "Tale om ugen", plannedDate: day, plannedTime: "11:00" });
          clock.set(at(day, 13));
          const refl = await coach.press("reflect.open", { caseId });
          await coach.submit(refl, "reflect.submit", { r1: "Vi talte om ugen.", match: "ja", progress: "5" });
          await app.drain();
        },
      });
    }
    if (c.closed) {
      events.push({
        when: at(c.closed),
        run: async () => {
          const caseId = (await app.store.repos.cases.list(CORPS)).find((x) => x.code === codes.get(i))!.id;
          const close = await coordinator.press("coord.close", { caseId });
          expect(cardText(await coordinator.submit(close, "coord.closeSubmit", { reason: c.reason!, confirm: "true" }))).toContain("afsluttet");
        },
      });
    }
  });
  events.sort((a, b) => a.when.getTime() - b.when.getTime());
  for (const e of events) {
    clock.set(e.when);
    await e.run();
  }
  await app.drain();
  clock.set(new Date("2026-11-25T09:00:00Z"));
}, 300_000);
afterAll(() => Promise.all([app?.close(), connector?.close()]));

test("a corps of six mentor and two relative-coach cases made through the bot: no set of answers determines a hidden figure of 1–4 cases", async () => {
  const cases = await app.store.repos.cases.list(CORPS);
  expect(cases.map((c) => c.kind).sort()).toEqual(["mentor", "mentor", "mentor", "mentor", "mentor", "mentor", "relativeCoach", "relativeCoach"]);
  expect(cases.filter((c) => c.status === "closed")).toHaveLength(2);
  const token = await devToken(app.dataDir, { aadObjectId: lene.aadObjectId, tenantId: TENANT, audience: LOCAL_AUDIENCE, now: app.clock() });
  const get = (path: string) => fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const { answers, hiddenSmall, found } = await attack(async ({ period, kind }) => {
    const q = new URLSearchParams({ ...(period ? { period } : {}), ...(kind ? { kind } : {}) });
    return { json: await (await get(`/api/dashboard?${q}`)).json(), csv: await (await get(`/api/dashboard.csv?${q}`)).text() };
  }, cases);
  console.log(`made through the bot: ${answers} answers, ${hiddenSmall} distinct hidden figures of 1–4 cases, ${found.length} determined`);
  expect(answers).toBeGreaterThan(0);
  expect(hiddenSmall).toBeGreaterThan(0); // there is something to find
  expect(found).toEqual([]);
}, 600_000);
