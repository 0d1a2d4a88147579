// Corps gatherings (issue 24): the coordinator plans one in «Korpsmøder»; Løft posts one invitation in the corps'
// channel fourteen days before, asks each presenter in their personal chat a week before (the guide's six questions and
// the reminder about tavshedspligt and samtykke), and reminds the channel the working day before — each once, with two
// scheduler instances running. A cancelled gathering sends nothing further and its invitation is answered in the
// channel; one marked held counts in the year's figure. Bad input is refused in Danish with the card handed back.
// Real Bot Framework activities over HTTP, replies read at a fake connector, a manual clock (no wall-clock waits).
import { startTestApp } from "../helpers/app";
import { TeamsSession } from "../helpers/bot";
import { cardText, inputValues } from "../helpers/cards";
import { startFakeConnector, type FakeConnector } from "../helpers/connector";
import { demoCoordinator, demoMentor, demoRelativeCoach, message, post } from "../helpers/teams";
import type { RunningApp } from "../../src/app";
import { createBot } from "../../bot/adapter";
import { loadConfig } from "../../src/config";
import { manualClock } from "../../src/domain/clock";
import { DEMO } from "../../src/domain/demo";
import { FACILITATION_QUESTIONS } from "../../src/domain/gatherings";
import { createScheduler, type Scheduler } from "../../src/scheduler";
import { devToken } from "../../src/auth/tokens";
import { LOCAL_AUDIENCE } from "../../src/config";

// Monday 4 January 2027, 09:00 in Copenhagen.
const clock = manualClock(new Date("2027-01-04T08:00:00Z"));
let app: RunningApp & { dataDir: string };
let connector: FakeConnector;
let other: Scheduler;
let coordinator: TeamsSession;
let codes: string[];

beforeAll(async () => {
  [app, connector] = await Promise.all([startTestApp({ clock, env: { SCHEDULER_INTERVAL_SECONDS: "0" } }), startFakeConnector()]);
  for (const who of [demoCoordinator, demoMentor, demoRelativeCoach]) await post(app.url, message(who, connector.serviceUrl, "hej"));
  await connector.waitFor(3);
  const corps = (await app.store.repos.corps.get(DEMO.corpsId))!;
  await app.store.repos.corps.upsert({ ...corps, serviceUrl: connector.serviceUrl, botId: "28:loft-bot" });
  // A second instance over the same store: its own bot, messenger and scheduler.
  const bot = createBot(loadConfig({}), { repos: app.store.repos, clock, log: app.log });
  other = createScheduler({ repos: app.store.repos, clock, log: app.log, handlers: bot.jobHandlers, plan: bot.plan });
  coordinator = new TeamsSession(app.url, connector.serviceUrl, demoCoordinator);
  codes = (await app.store.repos.cases.list(DEMO.corpsId)).map((c) => c.code);
});
afterAll(() => Promise.all([app?.close(), connector?.close()]));

const cardOf = (c: { body?: any }) => c.body?.attachments?.[0]?.content ?? {};
/** The channel's posts whose card mentions `text`. */
const channel = (text: string) => connector.calls.filter((c) => c.method === "POST" && c.conversationId === DEMO.teamId && cardText(cardOf(c)).includes(text));
/** What reached a member's personal chat mentioning `text`. */
const chat = (aad: string, text: string) => connector.calls.filter((c) => c.method === "POST" && c.conversationId === `a:personal-${aad}` && cardText(cardOf(c)).includes(text));
/** Both instances tick at the same moment, then the sends under way finish. */
async function tickBoth(at: string) {
  clock.set(new Date(at));
  await Promise.all([app.scheduler.tick(), other.tick()]);
  await app.drain();
}
const gatheringAt = async (iso: string) => (await app.store.repos.gatherings.list(DEMO.corpsId)).find((g) => g.at === iso)!;

test("«Korpsmøder» is on the «Korpset» card, for coordinators only", async () => {
  const setup = await coordinator.press("setup.open");
  expect(JSON.stringify(setup)).toContain('"verb":"gatherings.open"');
  const card = await coordinator.submit(setup, "gatherings.open");
  expect(cardText(card)).toContain("Korpsmøder 2027");
  expect(cardText(card)).toContain("Holdt i år: 0 af mindst 3–4.");
  expect(cardText(await new TeamsSession(app.url, connector.serviceUrl, demoMentor).press("gatherings.open"))).not.toContain("Korpsmøder 2027");
});

test("bad input is refused in Danish, the card handed back with the answers kept", async () => {
  const card = await coordinator.press("gatherings.open");
  const past = await coordinator.submit(card, "gatherings.create", { date: "2027-01-03", time: "14:00", place: "Rådhuset, lokale 2" });
  expect(cardText(past)).toContain("»Dato«: korpsmødet skal ligge i fremtiden.");
  expect(inputValues(past)).toMatchObject({ date: "2027-01-03", time: "14:00", place: "Rådhuset, lokale 2" });
  const cpr = await coordinator.submit(card, "gatherings.create", { date: "2027-02-18", time: "14:00", place: "Hjemme hos 010190-1234" });
  expect(cardText(cpr)).toContain("Svaret på »Sted eller form« indeholder et CPR-nummer.");
  expect(cardText(cpr)).toContain("Løft må ikke gemme CPR-numre");
  expect(inputValues(cpr)).toMatchObject({ date: "2027-02-18", time: "14:00" });
  expect(await app.store.repos.gatherings.list(DEMO.corpsId)).toHaveLength(0);
});

test("a planned gathering: one invitation, one request to each presenter, one reminder — with two instances", async () => {
  const card = await coordinator.press("gatherings.open");
  const planned = await coordinator.submit(card, "gatherings.create", { date: "2027-02-18", time: "14:00", place: "Rådhuset, lokale 2" });
  expect(cardText(planned)).toContain("Korpsmødet torsdag 18. februar kl. 14:00 er planlagt. Invitationen kommer i kanalen torsdag 4. februar kl. 09:00.");
  const g = await gatheringAt("2027-02-18T13:00:00.000Z");

  // A non-coach as presenter is refused, the choice kept; two coaches are taken.
  const choose = await coordinator.submit(planned, "gatherings.presenters", {}, (d) => d.gatheringId === g.id);
  const refused = await coordinator.submit(choose, "gatherings.presentersSubmit", { presenters: `${DEMO.mentor},${DEMO.leader}` });
  expect(cardText(refused)).toContain("»Oplægsholdere (2–3 mentorer eller pårørendecoaches)«: vælg kun korpsets mentorer og pårørendecoaches.");
  expect(inputValues(refused).presenters).toBe(`${DEMO.mentor},${DEMO.leader}`);
  const chosen = await coordinator.submit(choose, "gatherings.presentersSubmit", { presenters: `${DEMO.mentor},${DEMO.relativeCoach}` });
  expect(cardText(chosen)).toContain("Oplægsholdere: Demo Mentor, Demo Pårørendecoach");

  await tickBoth("2027-02-04T07:59:00Z");
  expect(channel("Korpsmøde 18.2.2027")).toHaveLength(0);
  await tickBoth("2027-02-04T08:00:00Z");
  const invitation = channel("Korpsmøde 18.2.2027");
  expect(invitation).toHaveLength(1);
  const inviteText = cardText(cardOf(invitation[0]));
  expect(inviteText).toContain("Alle korpsets mentorer og pårørendecoaches inviteres til korpsmøde torsdag 18. februar kl. 14:00.");
  expect(inviteText).toContain("Sted: Rådhuset, lokale 2");
  // The channel is read by the whole team: no case code, no presenter, nothing about a citizen.
  expect(inviteText).not.toMatch(/\b[A-Z]{2}-[0-9A-Z]{4}\b/);
  for (const code of codes) expect(inviteText).not.toContain(code);
  expect(inviteText).not.toContain("Demo Mentor");

  const asked = (aad: string) => chat(aad, "Vil du tage et forløb med til korpsmødet 18.2.2027?");
  await tickBoth("2027-02-11T07:59:00Z");
  expect(asked(DEMO.mentor)).toHaveLength(0);
  await tickBoth("2027-02-11T08:00:00Z");
  for (const aad of [DEMO.mentor, DEMO.relativeCoach]) {
    expect(asked(aad)).toHaveLength(1);
    const text = cardText(cardOf(asked(aad)[0]));
    for (const q of FACILITATION_QUESTIONS) expect(text).toContain(q);
    expect(text).toContain("Husk tavshedspligten");
    expect(text).toContain("medmindre borgeren har givet samtykke");
    expect(text).toContain("Demo Koordinator har bedt dig");
    for (const code of codes) expect(text).not.toContain(code);
  }
  expect(chat(DEMO.leader, "Vil du tage et forløb med")).toHaveLength(0);

  // Thursday 18 February: the reminder the Wednesday before, 09:00.
  await tickBoth("2027-02-17T07:59:00Z");
  expect(channel("Påmindelse: korpsmøde 18.2.2027")).toHaveLength(0);
  await tickBoth("2027-02-17T08:00:00Z");
  await tickBoth("2027-02-17T09:00:00Z");
  await tickBoth("2027-02-18T08:00:00Z");
  expect(channel("Påmindelse: korpsmøde 18.2.2027")).toHaveLength(1);
  expect(channel("Korpsmøde 18.2.2027")).toHaveLength(1);
  for (const aad of [DEMO.mentor, DEMO.relativeCoach]) expect(asked(aad)).toHaveLength(1);

  // Held: it cannot be marked before it begins; afterwards it counts in the year's figure.
  const early = await coordinator.press("gatherings.held", { gatheringId: g.id });
  expect(cardText(early)).toContain("Korpsmødet er ikke begyndt endnu");
  clock.set(new Date("2027-02-18T15:30:00Z"));
  const held = await coordinator.press("gatherings.held", { gatheringId: g.id });
  expect(cardText(held)).toContain("Korpsmødet torsdag 18. februar kl. 14:00 er registreret som holdt. Holdt i år: 1.");
  expect(cardText(held)).toContain("Holdt i år: 1 af mindst 3–4.");
  expect((await gatheringAt(g.at)).status).toBe("held");

  // The implementation checklists' questions about gatherings show the year's figure (GET /api/implementation).
  const token = await devToken(app.dataDir, { aadObjectId: DEMO.leader, tenantId: DEMO.tenantId, audience: LOCAL_AUDIENCE, now: clock() });
  const res = await fetch(`${app.url}/api/implementation`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  expect((await res.json()).gatherings).toEqual({ year: 2027, held: 1, questions: ["o2", "o4"] });
});

test("cancelling stops the rest: the invitation is answered in the channel, no request and no reminder follow", async () => {
  clock.set(new Date("2027-03-01T08:00:00Z"));
  const card = await coordinator.press("gatherings.open");
  await coordinator.submit(card, "gatherings.create", { date: "2027-03-18", time: "10:00", place: "Teams" });
  const g = await gatheringAt("2027-03-18T09:00:00.000Z");
  await coordinator.press("gatherings.presentersSubmit", { gatheringId: g.id, presenters: DEMO.mentor });
  await tickBoth("2027-03-04T08:00:00Z");
  expect(channel("Korpsmøde 18.3.2027")).toHaveLength(1);

  // First what cancelling does: nothing changes until it is confirmed.
  const confirm = await coordinator.press("gatherings.cancel", { gatheringId: g.id });
  expect(cardText(confirm)).toContain("Aflys korpsmødet torsdag 18. marts kl. 10:00?");
  expect(cardText(confirm)).toContain("alle i kanalen får besked om aflysningen");
  expect((await app.store.repos.gatherings.get(DEMO.corpsId, g.id))?.status).toBe("planned");
  const cancelled = await coordinator.submit(confirm, "gatherings.cancelConfirm");
  expect(cardText(cancelled)).toContain("Korpsmødet torsdag 18. marts kl. 10:00 er aflyst. Løft sender ikke flere beskeder om det. Kanalen får besked om aflysningen.");
  await app.drain();
  await tickBoth("2027-03-04T08:02:00Z");
  expect(channel("Korpsmødet 18.3.2027 er aflyst")).toHaveLength(1);

  await tickBoth("2027-03-11T08:00:00Z");
  await tickBoth("2027-03-17T08:00:00Z");
  expect(chat(DEMO.mentor, "korpsmødet 18.3.2027")).toHaveLength(0);
  expect(channel("Påmindelse: korpsmøde 18.3.2027")).toHaveLength(0);
  expect(channel("Korpsmødet 18.3.2027 er aflyst")).toHaveLength(1);
  // A cancelled gathering is not held, nor cancelled twice.
  expect(cardText(await coordinator.press("gatherings.held", { gatheringId: g.id }))).toContain("kan ikke ændres");
  expect(cardText(await coordinator.press("gatherings.cancel", { gatheringId: g.id }))).toContain("kan ikke ændres");
  expect(cardText(await coordinator.submit(confirm, "gatherings.cancelConfirm"))).toContain("kan ikke ændres");
});

test("a gathering cancelled before its invitation went out: nothing at all in the channel", async () => {
  clock.set(new Date("2027-04-01T08:00:00Z"));
  const card = await coordinator.press("gatherings.open");
  await coordinator.submit(card, "gatherings.create", { date: "2027-05-20", time: "13:00", place: "Biblioteket" });
  const g = await gatheringAt("2027-05-20T11:00:00.000Z");
  const confirm = await coordinator.press("gatherings.cancel", { gatheringId: g.id });
  expect(cardText(confirm)).toContain("kanalen hører intet");
  const cancelled = await coordinator.submit(confirm, "gatherings.cancelConfirm");
  expect(cardText(cancelled)).toContain("er aflyst");
  expect(cardText(cancelled)).not.toContain("Kanalen får besked");
  for (const at of ["2027-05-06T08:00:00Z", "2027-05-19T08:00:00Z"]) await tickBoth(at);
  expect(channel("20.5.2027")).toHaveLength(0);
  expect(channel("Biblioteket")).toHaveLength(0);
});

test("a presenter whose Teams is in English is asked in English, at once when chosen less than a week before", async () => {
  const english = { aadObjectId: DEMO.mentor2, name: "Demo Mentor 2", locale: "en-US" };
  await post(app.url, message(english, connector.serviceUrl, "hello"));
  clock.set(new Date("2027-06-01T08:00:00Z"));
  const card = await coordinator.press("gatherings.open");
  await coordinator.submit(card, "gatherings.create", { date: "2027-06-04", time: "13:00", place: "Teams" });
  const g = await gatheringAt("2027-06-04T11:00:00.000Z");
  const chosen = await coordinator.press("gatherings.presentersSubmit", { gatheringId: g.id, presenters: DEMO.mentor2 });
  expect(cardText(chosen)).toContain("De bliver spurgt i deres chat nu.");
  await app.drain();
  await tickBoth("2027-06-01T08:02:00Z");
  const asked = chat(DEMO.mentor2, "Will you bring a case to the corps gathering on 4/6/2027?");
  expect(asked).toHaveLength(1);
  const text = cardText(cardOf(asked[0]));
  expect(text).toContain("What has the situation taught you?");
  expect(text).toContain("duty of confidentiality (tavshedspligt)");
  expect(text).toContain("consented (samtykke)");
});
