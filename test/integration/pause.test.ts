// A pause has a reason and an expected end; the morning it ends, the case's coordinator is asked to resume the case or
// pause it again — unless it was resumed (or paused anew) before.
import { startTestApp } from "../helpers/app";
import { TeamsSession } from "../helpers/bot";
import { actionTitles, cardText, messageText } from "../helpers/cards";
import { startFakeConnector, type FakeConnector } from "../helpers/connector";
import { demoCoordinator, message, post } from "../helpers/teams";
import type { RunningApp } from "../../src/app";
import { manualClock } from "../../src/domain/clock";
import { DEMO } from "../../src/domain/demo";

const clock = manualClock(new Date("2026-11-24T09:00:00Z"));
let app: RunningApp;
let connector: FakeConnector;
let coordinator: TeamsSession;
const coordinatorChat = `a:personal-${DEMO.coordinator}`;
const pauseMessages = () => connector.calls.filter((c) => c.conversationId === coordinatorChat && messageText(c.body).includes("Pausen slutter i dag"));

beforeAll(async () => {
  [app, connector] = await Promise.all([startTestApp({ clock, env: { SCHEDULER_INTERVAL_SECONDS: "0" } }), startFakeConnector()]);
  coordinator = new TeamsSession(app.url, connector.serviceUrl, demoCoordinator);
  await post(app.url, message(demoCoordinator, connector.serviceUrl, "hej"));
  await connector.waitFor(1);
});
afterAll(() => Promise.all([app?.close(), connector?.close()]));

async function pause(caseId: string, until: string) {
  const card = await coordinator.submit(await coordinator.press("coord.case", { caseId }), "coord.pauseOpen");
  return coordinator.submit(card, "coord.pauseSubmit", { reason: "citizenUnavailable", until });
}

test("the morning the pause was expected to end, the coordinator is asked about the case — once", async () => {
  const c = (await app.store.repos.cases.list(DEMO.corpsId)).find((x) => x.status === "active" && x.coordinatorId === DEMO.coordinator)!;
  expect(cardText(await pause(c.id, "2026-12-03"))).toContain("forventet slut 3.12.2026");
  clock.set(new Date("2026-12-03T07:59:00Z")); // 08:59 in Copenhagen
  await app.scheduler.tick();
  expect(pauseMessages()).toHaveLength(0);
  clock.set(new Date("2026-12-03T08:00:00Z"));
  await app.scheduler.tick();
  await app.drain();
  const sent = pauseMessages();
  expect(sent).toHaveLength(1);
  expect(messageText(sent[0].body)).toContain(`Forløb ${c.code} har været på pause siden 24.11.2026 (borgeren er ikke til at få fat på)`);
  expect(actionTitles(sent[0].body.attachments[0].content)).toEqual([`Åbn ${c.code}`, "Menu"]);
  clock.set(new Date("2026-12-03T10:00:00Z"));
  await app.scheduler.tick();
  expect(pauseMessages()).toHaveLength(1);
});

test("a case resumed before its pause ends owes no reminder", async () => {
  clock.set(new Date("2026-12-04T09:00:00Z"));
  const c = (await app.store.repos.cases.list(DEMO.corpsId)).find((x) => x.status === "active" && x.coordinatorId === DEMO.coordinator)!;
  await pause(c.id, "2026-12-10");
  const admin = await coordinator.press("coord.case", { caseId: c.id });
  await coordinator.submit(admin, "coord.resume");
  connector.clear();
  clock.set(new Date("2026-12-10T09:00:00Z"));
  await app.scheduler.tick();
  await app.drain();
  expect(pauseMessages()).toHaveLength(0);
});
