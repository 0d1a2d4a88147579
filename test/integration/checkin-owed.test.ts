// A status card the mentor lost (scrolled away, never opened) is found again while the month takes answers: the menu,
// Mine forløb and the case offer «Svar på status», and each answer offers the next one owed.
import { startTestApp } from "../helpers/app";
import { TeamsSession } from "../helpers/bot";
import { actionTitles, cardText, inputById } from "../helpers/cards";
import { startFakeConnector, type ConnectorCall, type FakeConnector } from "../helpers/connector";
import { demoCoordinator, demoMentor, message, post } from "../helpers/teams";
import type { RunningApp } from "../../src/app";
import { manualClock } from "../../src/domain/clock";
import { DEMO } from "../../src/domain/demo";

// Wednesday 25 November 2026. December's check-in is Tuesday 1 December; mentors are asked Thursday 26 November.
const clock = manualClock(new Date("2026-11-25T09:00:00Z"));
const ASK = new Date("2026-11-26T08:00:00Z");

let app: RunningApp;
let connector: FakeConnector;
let mentor: TeamsSession;
let codeToId = new Map<string, string>();

const mentorChat = `a:personal-${DEMO.mentor}`;
const sentTo = (conversationId: string) =>
  connector.calls.filter((c) => c.conversationId === conversationId && c.method === "POST" && c.path.includes("/activities") && c.status === 200);
const cardOf = (call: ConnectorCall) => call.body.attachments?.[0]?.content;
const statusCards = () => sentTo(mentorChat).map(cardOf).filter((c) => c && cardText(c).includes("Månedlig status ·"));

async function activeCodes(): Promise<string[]> {
  return (await app.store.repos.cases.listForCoach(DEMO.corpsId, DEMO.mentor)).filter((c) => c.status === "active").map((c) => c.code).sort();
}

beforeAll(async () => {
  [app, connector] = await Promise.all([startTestApp({ clock, env: { SCHEDULER_INTERVAL_SECONDS: "0" } }), startFakeConnector()]);
  mentor = new TeamsSession(app.url, connector.serviceUrl, demoMentor);
  await post(app.url, message(demoMentor, connector.serviceUrl, "hej"));
  await connector.waitFor(1);
  codeToId = new Map((await app.store.repos.cases.list(DEMO.corpsId)).map((c) => [c.code, c.id]));
});
afterAll(() => Promise.all([app?.close(), connector?.close()]));

test("before the mentors are asked, nothing is owed and the menu says nothing of it", async () => {
  const menu = await mentor.press("menu");
  expect(cardText(menu)).not.toContain("Du mangler at svare");
  expect(actionTitles(menu)).not.toContain("Svar på status");
  expect(cardText(await mentor.press("cases.list"))).not.toContain("mangler");
});

test("the mentor answers one of the cards sent", async () => {
  clock.set(ASK);
  await app.scheduler.tick();
  const card = statusCards()[0];
  expect(card).toBeDefined();
  const saved = await mentor.submit(card, "checkin.submit", { goalsStillRelevant: "true", state: "onTrack", feeling: "good" });
  expect(cardText(saved)).toContain("Status sendt");
  await app.drain();
});

test("a time the coordinator keeps for a mentor's status meetings is kept for the months ahead and is what that mentor's status cards say", async () => {
  const coordinator = new TeamsSession(app.url, connector.serviceUrl, demoCoordinator);
  const c = (await app.store.repos.cases.listForCoach(DEMO.corpsId, DEMO.mentor)).find((x) => x.status === "active")!;
  const card = await coordinator.press("checkin.meeting", { caseId: c.id, month: "2026-12" });
  expect(cardText(card)).toContain("Brug dette klokkeslæt til statusmødet med Demo Mentor hver måned");
  const done = await coordinator.submit(card, "checkin.meetingSubmit", { date: "2026-12-01", time: "13:30", keepTime: "true" });
  expect(cardText(done)).toContain("Klokkeslættet gælder også de kommende måneder.");
  expect((await app.store.repos.corps.get(DEMO.corpsId))?.checkIn?.meetingTimes).toEqual({ [DEMO.mentor.toLowerCase()]: "13:30" });
  // Opened again, the meeting card starts at the kept time.
  const again = await coordinator.press("checkin.meeting", { caseId: c.id, month: "2026-12" });
  expect(inputById(again, "time").value).toBe("13:30");
  // The mentor's status card (one still owed) names the meeting at that time.
  const owed = (await app.store.repos.cases.listForCoach(DEMO.corpsId, DEMO.mentor)).find((x) => x.status === "active" && !cardText(statusCards()[0]).includes(x.code))!;
  expect(cardText(await mentor.press("checkin.open", { caseId: owed.id, month: "2026-12" }))).toContain("til statusmødet med Demo Koordinator tirsdag 1. december kl. 13:30");
});

test("a status card the mentor lost is found again — the menu, Mine forløb and the case offer «Svar på status» until each is answered", async () => {
  const codes = await activeCodes();
  const answered = /Månedlig status · (\S+)/.exec(cardText(statusCards()[0]))![1];
  const open = codes.filter((c) => c !== answered);
  const menu = await mentor.press("menu");
  expect(cardText(menu)).toContain(`Du mangler at svare på månedlig status for ${open.length} forløb.`);
  // More than one owed: «Svar på status» (a menu button: its card comes below the menu, which stays) offers each.
  const before = sentTo(mentorChat).length;
  expect(actionTitles(await mentor.submit(menu, "checkin.open"))).toContain("Svar på status");
  const choice = cardOf(sentTo(mentorChat).slice(before).at(-1)!);
  expect(actionTitles(choice)).toEqual([...open.map((c) => `Svar for ${c}`), "Menu"]);
  // Mine forløb marks the cases owed, and the button opens that case's card.
  const list = await mentor.press("cases.list");
  const listText = cardText(list);
  expect(listText.match(/Månedlig status for december 2026 mangler/g)).toHaveLength(open.length);
  const fromList = await mentor.submit(list, "checkin.open", {}, (d) => d.caseId === codeToId.get(open[0]));
  expect(cardText(fromList)).toContain(`Månedlig status · ${open[0]}`);
  const caseCard = await mentor.press("cases.open", { caseId: codeToId.get(answered) });
  expect(cardText(caseCard)).not.toContain("Månedlig status for december 2026 mangler");
  expect(actionTitles(caseCard)).not.toContain("Svar på status");
  // Answering one offers the next still owed; once all are answered, nothing is owed.
  let card = fromList;
  for (const [i, code] of open.entries()) {
    expect(cardText(card)).toContain(`Månedlig status · ${code}`);
    const saved = await mentor.submit(card, "checkin.submit", { goalsStillRelevant: "true", state: "onTrack", feeling: "good" });
    expect(cardText(saved)).toContain(`Status sendt · ${code}`);
    const next = open[i + 1];
    expect(actionTitles(saved)).toEqual(next ? [`Svar for ${next}`, "Menu"] : ["Menu"]);
    if (next) card = await mentor.submit(saved, "checkin.open");
  }
  const after = await mentor.press("menu");
  expect(cardText(after)).not.toContain("Du mangler at svare");
  expect(actionTitles(after)).not.toContain("Svar på status");
  expect(cardText(await mentor.press("cases.list"))).not.toContain("mangler");
  expect(cardText(await mentor.press("checkin.open"))).toContain("Du har svaret på månedlig status for alle dine aktive forløb.");
});
