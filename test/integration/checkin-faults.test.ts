// The monthly check-in under faults (issue 9): two app instances racing on one store, Teams throttling (429 with
// Retry-After), Teams failing beyond the connector client's own retries (500), and a coach who blocked Løft (403).
// Each status card reaches its coach once, and the channel gets one summary that says who could not be reached.
import { startTestApp } from "../helpers/app";
import { cardText } from "../helpers/cards";
import { startFakeConnector, type FakeConnector } from "../helpers/connector";
import { demoCoordinator, demoMentor, demoRelativeCoach, execute, message, post, type TeamsUser } from "../helpers/teams";
import type { RunningApp } from "../../src/app";
import { createBot } from "../../bot/adapter";
import { manualClock } from "../../src/domain/clock";
import { loadConfig } from "../../src/config";
import { DEMO } from "../../src/domain/demo";
import { createScheduler } from "../../src/scheduler";

const ASK = new Date("2026-11-26T08:00:00Z");
const CHECK_IN = new Date("2026-12-01T08:00:00Z");
const demoMentor2: TeamsUser = { aadObjectId: DEMO.mentor2, name: "Demo Mentor 2" };
const chatOf = (u: TeamsUser) => `a:personal-${u.aadObjectId}`;

let app: RunningApp;
let connector: FakeConnector;
const clock = manualClock(new Date("2026-11-25T09:00:00Z"));

/** The status cards a chat received (accepted by Teams), by case code. */
function cardsIn(conversationId: string): string[] {
  return connector.calls
    .filter((c) => c.conversationId === conversationId && c.method === "POST" && c.status === 200)
    .map((c) => cardText(c.body.attachments?.[0]?.content ?? {}))
    .map((text) => /Månedlig status · (\S+)/.exec(text)?.[1])
    .filter((code): code is string => !!code)
    .sort();
}
const summariesPosted = () => connector.calls.filter((c) => c.conversationId === DEMO.teamId && c.method === "POST" && c.status === 200);

/** The codes of the cases the coach works on (in the contact phase or active): those the check-in asks about. */
async function activeCodesOf(coach: string): Promise<string[]> {
  return (await app.store.repos.cases.listForCoach(DEMO.corpsId, coach)).filter((c) => ["referred", "clarifying", "active"].includes(c.status)).map((c) => c.code).sort();
}

beforeEach(async () => {
  clock.set(new Date("2026-11-25T09:00:00Z"));
  [app, connector] = await Promise.all([startTestApp({ clock, env: { SCHEDULER_INTERVAL_SECONDS: "0" } }), startFakeConnector()]);
  for (const u of [demoMentor, demoMentor2, demoRelativeCoach, demoCoordinator]) await post(app.url, message(u, connector.serviceUrl, "hej"));
  await connector.waitFor(4);
  connector.clear();
});
afterEach(() => Promise.all([app?.close(), connector?.close()]));

/** A second app instance on the same store: its own bot, messenger and scheduler. */
function secondInstance() {
  const bot = createBot(loadConfig({}), { repos: app.store.repos, clock, log: app.log });
  return createScheduler({ repos: app.store.repos, clock, log: app.log, handlers: bot.jobHandlers, plan: bot.plan });
}

test("two instances racing on one store: every status card once, one summary", async () => {
  const other = secondInstance();
  clock.set(ASK);
  await Promise.all([app.scheduler.tick(), other.tick(), app.scheduler.tick()]);
  for (const u of [demoMentor, demoMentor2, demoRelativeCoach]) expect(cardsIn(chatOf(u))).toEqual(await activeCodesOf(u.aadObjectId));
  clock.set(CHECK_IN);
  await Promise.all([app.scheduler.tick(), other.tick()]);
  expect(summariesPosted()).toHaveLength(1);
  // And nothing more at the next hour, from either.
  clock.advance(3_600_000);
  await Promise.all([app.scheduler.tick(), other.tick()]);
  expect(summariesPosted()).toHaveLength(1);
  for (const u of [demoMentor, demoMentor2, demoRelativeCoach]) expect(cardsIn(chatOf(u))).toEqual(await activeCodesOf(u.aadObjectId));
});

test("Teams throttles (429, Retry-After: 1): the cards arrive after the wait, each once", async () => {
  connector.refuse(chatOf(demoMentor), 429, 2, 1);
  clock.set(ASK);
  await app.scheduler.tick();
  const throttled = connector.calls.filter((c) => c.conversationId === chatOf(demoMentor) && c.status === 429);
  expect(throttled).toHaveLength(2);
  expect(cardsIn(chatOf(demoMentor))).toEqual(await activeCodesOf(DEMO.mentor));
});

test("Teams fails beyond the client's retries (500): the job tries again at a later tick; nobody gets a card twice", async () => {
  connector.refuse(chatOf(demoMentor2), 500);
  clock.set(ASK);
  await app.scheduler.tick();
  expect(cardsIn(chatOf(demoMentor2))).toEqual([]);
  expect(cardsIn(chatOf(demoMentor))).toEqual(await activeCodesOf(DEMO.mentor));
  // The step is done (every card is owed); mentor 2's cards wait in the outbox: the first was tried once, the rest not
  // (they would fail the same way), and none is marked as sent.
  expect(await app.store.repos.jobs.get(DEMO.corpsId, "checkin-2026-12-ask")).toBeUndefined();
  const mentor2Cases = (await app.store.repos.cases.listForCoach(DEMO.corpsId, DEMO.mentor2)).filter((c) => ["referred", "clarifying", "active"].includes(c.status));
  const owed = await Promise.all(mentor2Cases.map((c) => app.store.repos.jobs.get(DEMO.corpsId, `msg-checkin-2026-12-ask-${c.id}`)));
  expect(owed.map((j) => [j?.doc.status, j?.doc.kind === "message" ? j.doc.sendingAt : "not a message"])).toEqual(mentor2Cases.map(() => ["pending", undefined]));
  expect(connector.calls.filter((c) => c.conversationId === chatOf(demoMentor2) && c.status === 500).length).toBeGreaterThanOrEqual(1);

  connector.allow(chatOf(demoMentor2));
  clock.advance(60_000);
  await app.scheduler.tick();
  await app.scheduler.tick(); // the cards that waited for the first
  expect(cardsIn(chatOf(demoMentor2))).toEqual(await activeCodesOf(DEMO.mentor2));
  expect(cardsIn(chatOf(demoMentor))).toEqual(await activeCodesOf(DEMO.mentor));
}, 60_000);

test("a coach who blocked Løft (403): not tried again, and the summary names them for the coordinator", async () => {
  connector.refuse(chatOf(demoRelativeCoach), 403);
  clock.set(ASK);
  await app.scheduler.tick();
  const refused = connector.calls.filter((c) => c.conversationId === chatOf(demoRelativeCoach));
  expect(refused).toHaveLength(1); // the first card; the rest are not tried
  expect((await app.store.repos.members.get(DEMO.corpsId, DEMO.relativeCoach))?.conversation).toBeUndefined();
  clock.set(CHECK_IN);
  await app.scheduler.tick();
  const posted = summariesPosted()[0].body.attachments[0].content;
  // The channel counts the cases whose mentor Løft could not reach, and names no one …
  expect(cardText(posted)).toMatch(/Mentor ikke nået i Teams\n\d+/);
  expect(cardText(posted)).not.toContain("Demo Pårørendecoach");
  // … the coordinator's own view of the card names them.
  const view = await post(app.url, {
    ...execute(demoCoordinator, connector.serviceUrl, "summary.view", posted.refresh.action.data),
    conversation: { id: `${DEMO.teamId};messageid=1`, conversationType: "channel", isGroup: true, tenantId: DEMO.tenantId },
    channelData: { tenant: { id: DEMO.tenantId }, team: { id: DEMO.teamId }, channel: { id: DEMO.teamId } },
  });
  expect(cardText(view.body.value)).toMatch(/Løft kunne ikke nå [^\n]*Demo Pårørendecoach/);
  expect(connector.calls.filter((c) => c.conversationId === chatOf(demoRelativeCoach))).toHaveLength(1); // no reminder either
});

test("three months on a fake clock: one ask, one reminder and one summary a month; a month no instance ran for is missed and the next summary says so", async () => {
  const summaryTitles = () => summariesPosted().map((c) => /Månedlig status · (\S+ \d{4})/.exec(cardText(c.body.attachments[0].content))![1]);
  const reminders = () => connector.calls.filter((c) => c.conversationId === chatOf(demoMentor) && cardText(c.body.attachments?.[0]?.content ?? {}).includes("Påmindelse"));
  // Every six hours from 25 November to 10 January: December and January as planned.
  for (let t = Date.parse("2026-11-25T09:00:00Z"); t <= Date.parse("2027-01-10T09:00:00Z"); t += 6 * 3_600_000) {
    clock.set(new Date(t));
    await app.scheduler.tick();
  }
  expect(summaryTitles()).toEqual(["december 2026", "januar 2027"]);
  expect(reminders()).toHaveLength(2);
  // Each active case asked about once a month: twice.
  const codes = await activeCodesOf(DEMO.mentor);
  expect(cardsIn(chatOf(demoMentor))).toEqual(codes.flatMap((c) => [c, c]));
  // No instance runs from 10 January to 15 February: February's check-in (1 February) is more than seven days late.
  for (let t = Date.parse("2027-02-15T09:00:00Z"); t <= Date.parse("2027-03-02T09:00:00Z"); t += 6 * 3_600_000) {
    clock.set(new Date(t));
    await app.scheduler.tick();
  }
  expect(summaryTitles()).toEqual(["december 2026", "januar 2027", "marts 2027"]);
  expect(cardText(summariesPosted()[2].body.attachments[0].content)).toContain("Statussen for februar 2027 blev ikke sendt, fordi Løft ikke kørte på dagen.");
}, 360_000); // some 60 s alone; three times that on a loaded 2-core machine
