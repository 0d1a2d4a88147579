// The one nudge to reflect after a prepared conversation, sent by the durable scheduler (issue 3).
import { startTestApp } from "../helpers/app";
import { TeamsSession } from "../helpers/bot";
import { actionTitles, cardText } from "../helpers/cards";
import { startFakeConnector, type FakeConnector } from "../helpers/connector";
import { demoMentor, message, post } from "../helpers/teams";
import type { RunningApp } from "../../src/app";
import { manualClock } from "../../src/domain/clock";
import { DEMO } from "../../src/domain/demo";
import { createScheduler } from "../../src/scheduler";

const clock = manualClock(new Date("2026-11-24T09:00:00Z")); // Tuesday 10:00 in Copenhagen
let app: RunningApp;
let connector: FakeConnector;
let mentor: TeamsSession;

const answers = { q1: "En plan for ugen.", safetyPlace: "true", safetyColleague: "true", safetyRisk: "true", plannedDate: "2026-11-24" };

beforeAll(async () => {
  [app, connector] = await Promise.all([startTestApp({ clock, env: { SCHEDULER_INTERVAL_SECONDS: "0" } }), startFakeConnector()]);
  mentor = new TeamsSession(app.url, connector.serviceUrl, demoMentor);
  await post(app.url, message(demoMentor, connector.serviceUrl, "hej")); // the bot now knows the mentor's chat
  await connector.waitFor(1);
});
afterAll(async () => {
  await Promise.all([app?.close(), connector?.close()]);
});
beforeEach(() => connector.clear());

async function activeCase(i: number) {
  return (await app.store.repos.cases.listForCoach(DEMO.corpsId, DEMO.mentor)).filter((c) => c.status === "active")[i];
}

async function prepare(caseId: string, plannedTime: string) {
  const card = await mentor.press("prepare.open", { caseId });
  const done = await mentor.submit(card, "prepare.submit", { ...answers, plannedTime });
  await app.drain(); // the nudge is owed by the preparation's derivation, after the answer
  return done;
}

test("one nudge an hour after the planned time, never more — even when the conversation is prepared twice", async () => {
  clock.set(new Date("2026-11-24T09:00:00Z"));
  const c = await activeCase(0);
  await prepare(c.id, "14:00");
  await prepare(c.id, "14:00"); // prepared again: still one nudge

  clock.set(new Date("2026-11-24T13:59:00Z")); // 14:59, not yet
  expect(await app.scheduler.tick()).toBe(0);
  expect(connector.calls).toHaveLength(0);

  clock.set(new Date("2026-11-24T14:00:00Z")); // 15:00
  expect(await app.scheduler.tick()).toBe(1);
  const [sent] = await connector.waitFor(1);
  expect(sent.conversationId).toBe(`a:personal-${DEMO.mentor}`);
  const card = sent.body.attachments[0].content;
  expect(cardText(card)).toContain(`Hvordan gik samtalen? · ${c.code}`);
  expect(actionTitles(card)).toEqual(["Reflektér over samtalen", "Samtalen blev ikke holdt", "Menu"]);

  clock.set(new Date("2026-11-24T16:00:00Z"));
  expect(await app.scheduler.tick()).toBe(0);
  expect(connector.calls).toHaveLength(1);
});

test("no nudge when the mentor has already reflected", async () => {
  clock.set(new Date("2026-11-24T09:00:00Z"));
  const c = await activeCase(1);
  await prepare(c.id, "11:00");
  clock.set(new Date("2026-11-24T10:30:00Z"));
  const card = await mentor.press("reflect.open", { caseId: c.id });
  await mentor.submit(card, "reflect.submit", { r1: "Det gik fint.", match: "ja", progress: "6" });
  await app.drain();
  clock.set(new Date("2026-11-24T12:00:00Z"));
  expect(await app.scheduler.tick()).toBe(1); // the job ran …
  expect(connector.calls).toHaveLength(0); // … and sent nothing
});

test("two app instances never send the same nudge twice", async () => {
  clock.set(new Date("2026-11-24T09:00:00Z"));
  const c = await activeCase(2);
  await prepare(c.id, "12:00");
  clock.set(new Date("2026-11-24T13:00:00Z"));
  const { createBot } = await import("../../bot/adapter");
  const { loadConfig } = await import("../../src/config");
  const other = createScheduler({
    repos: app.store.repos,
    clock,
    log: app.log,
    handlers: createBot(loadConfig({}), { repos: app.store.repos, clock, log: app.log }).jobHandlers,
  });
  const ran = await Promise.all([app.scheduler.tick(), other.tick()]);
  expect(ran[0] + ran[1]).toBe(1);
  await new Promise((r) => setTimeout(r, 200));
  expect(connector.calls).toHaveLength(1);
});

test("a nudge Teams refuses for a while (beyond the connector client's own retries) is sent at a later tick, once", async () => {
  clock.set(new Date("2026-11-25T09:00:00Z"));
  const c = await activeCase(0);
  const prep = await mentor.press("prepare.open", { caseId: c.id });
  await mentor.submit(prep, "prepare.submit", { ...answers, plannedDate: "2026-11-25", plannedTime: "11:00" });
  await app.drain();
  connector.refuse(`a:personal-${DEMO.mentor}`, 503);
  clock.set(new Date("2026-11-25T12:00:00Z"));
  expect(await app.scheduler.tick()).toBe(1);
  expect(connector.calls.filter((x) => x.status === 200)).toHaveLength(0);
  const job = await app.store.repos.jobs.get(DEMO.corpsId, `msg-nudge-${c.id}-2026-11-25`);
  expect(job?.doc.status).toBe("pending"); // kept, to be tried again after a minute
  expect(job?.doc.kind === "message" && job.doc.sendingAt).toBe(undefined); // nothing reached Teams: the mark is taken back

  connector.allow(`a:personal-${DEMO.mentor}`);
  expect(await app.scheduler.tick()).toBe(0); // not yet: it waits a minute
  clock.advance(60_000);
  expect(await app.scheduler.tick()).toBe(1);
  const delivered = connector.calls.filter((x) => x.status === 200);
  expect(delivered).toHaveLength(1);
  expect(cardText(delivered[0].body.attachments[0].content)).toContain(`Hvordan gik samtalen? · ${c.code}`);
  expect(await app.scheduler.tick()).toBe(0);
}, 60_000); // the connector client backs off between its own retries

test("a mentor who blocked the bot is not tried again", async () => {
  clock.set(new Date("2026-11-24T09:00:00Z"));
  const c = await activeCase(3);
  await prepare(c.id, "13:00");
  connector.refuse(`a:personal-${DEMO.mentor}`, 403);
  clock.set(new Date("2026-11-24T14:00:00Z"));
  expect(await app.scheduler.tick()).toBe(1);
  expect(connector.calls).toHaveLength(1); // one try, no retries on 403
  const member = await app.store.repos.members.get(DEMO.corpsId, DEMO.mentor);
  expect(member?.conversation).toBeUndefined();
  // Done with, as "gone": no later tick tries again.
  expect((await app.store.repos.jobs.get(DEMO.corpsId, `msg-nudge-${c.id}-2026-11-24`))?.doc.status).toBe("done");
  clock.advance(3_600_000);
  await app.scheduler.tick();
  expect(connector.calls).toHaveLength(1);
});
