// A prepared conversation that did not take place (cancelled, or the citizen did not come): the mentor says so in one
// card, from the reflection or the nudge — and is then neither nudged nor shown a reflection missing; a reflection
// opened before the planned time says the conversation has not been held yet.
import { startTestApp } from "../helpers/app";
import { TeamsSession } from "../helpers/bot";
import { actionTitles, cardText, inputById } from "../helpers/cards";
import { startFakeConnector, type FakeConnector } from "../helpers/connector";
import { demoMentor, message, post } from "../helpers/teams";
import type { RunningApp } from "../../src/app";
import { manualClock } from "../../src/domain/clock";
import { DEMO } from "../../src/domain/demo";

const clock = manualClock(new Date("2026-11-24T09:00:00Z")); // Tuesday 10:00 in Copenhagen
let app: RunningApp;
let connector: FakeConnector;
let mentor: TeamsSession;
const answers = { q1: "En plan for ugen.", safety_place: "yes", safety_roles: "yes", safety_assumptions: "yes", safety_risk: "yes", plannedDate: "2026-11-24", plannedTime: "14:00" };

beforeAll(async () => {
  [app, connector] = await Promise.all([startTestApp({ clock, env: { SCHEDULER_INTERVAL_SECONDS: "0" } }), startFakeConnector()]);
  mentor = new TeamsSession(app.url, connector.serviceUrl, demoMentor);
  await post(app.url, message(demoMentor, connector.serviceUrl, "hej"));
  await connector.waitFor(1);
});
afterAll(() => Promise.all([app?.close(), connector?.close()]));

async function activeCase(i: number) {
  return (await app.store.repos.cases.listForCoach(DEMO.corpsId, DEMO.mentor)).filter((c) => c.status === "active")[i];
}
const prepared = async (caseId: string) => (await app.store.repos.cases.get(DEMO.corpsId, caseId))!.doc.method?.months.find((m) => m.month === "2026-11")?.prepared ?? 0;

test("a reflection opened before the planned time says so; «Samtalen blev ikke holdt» asks why, and then nothing is owed", async () => {
  clock.set(new Date("2026-11-24T09:00:00Z"));
  const c = await activeCase(0);
  const before = await prepared(c.id);
  const prep = await mentor.press("prepare.open", { caseId: c.id });
  await mentor.submit(prep, "prepare.submit", answers);
  await app.drain();
  expect(await prepared(c.id)).toBe(before + 1);

  const reflection = await mentor.press("reflect.open", { caseId: c.id });
  expect(cardText(reflection)).toContain("Samtalen er planlagt til tirsdag 24. november kl. 14:00 — reflektér, når den er holdt.");
  const card = await mentor.submit(reflection, "notheld.open");
  expect(cardText(card)).toContain(`Samtalen blev ikke holdt · ${c.code}`);
  expect(cardText(card)).toContain("Den planlagte samtale tirsdag 24. november kl. 14:00");
  expect(inputById(card, "reason").choices.map((x: any) => x.title)).toEqual(["Borgeren aflyste", "Jeg aflyste", "Borgeren mødte ikke op", "Andet"]);

  const refused = await mentor.submit(card, "notheld.submit");
  expect(cardText(refused)).toContain("»Hvad skete der?« skal udfyldes.");
  clock.set(new Date("2026-11-24T14:30:00Z")); // after the planned time, the citizen did not come
  const [done, again] = await Promise.all([mentor.submit(refused, "notheld.submit", { reason: "noShow" }), mentor.submit(refused, "notheld.submit", { reason: "noShow" })]);
  for (const d of [done, again]) {
    expect(cardText(d)).toContain(`✓ Noteret: samtalen tirsdag 24. november kl. 14:00 blev ikke holdt · ${c.code}`);
    expect(cardText(d)).toContain("Borgeren mødte ikke op");
    expect(actionTitles(d)).toEqual(["Forbered samtale", "Menu"]);
  }
  await app.drain();
  const entries = (await app.store.repos.entries.listForCase(DEMO.corpsId, c.id)).filter((e) => e.type === "notHeld");
  expect(entries).toEqual([expect.objectContaining({ reason: "noShow", authorId: DEMO.mentor })]);

  // Nothing owed now: no «mangler refleksion», no plan on the reflection, the method counts as if it was never planned.
  expect(cardText(await mentor.press("cases.list"))).not.toMatch(new RegExp(`${c.code}[^]*?mangler refleksion[^]*?Åbn forløbet`));
  const after = await mentor.press("reflect.open", { caseId: c.id });
  expect(actionTitles(after)).not.toContain("Samtalen blev ikke holdt");
  expect(await prepared(c.id)).toBe(before);
  expect(cardText(await mentor.press("notheld.open", { caseId: c.id }))).toContain("Der er ingen planlagt samtale på forløbet");

  // The nudge the next morning is not sent.
  connector.clear();
  clock.set(new Date("2026-11-25T09:00:00Z"));
  await app.scheduler.tick();
  await app.drain();
  expect(connector.calls.filter((x) => JSON.stringify(x.body).includes(c.code))).toEqual([]);
});

test("from the nudge: the button opens the same card", async () => {
  clock.set(new Date("2026-11-26T09:00:00Z"));
  const c = await activeCase(1);
  const prep = await mentor.press("prepare.open", { caseId: c.id });
  await mentor.submit(prep, "prepare.submit", { ...answers, plannedDate: "2026-11-26" });
  await app.drain();
  connector.clear();
  clock.set(new Date("2026-11-27T09:00:00Z"));
  await app.scheduler.tick();
  await app.drain();
  // (The month's status cards go out these days too: the nudge is the card about this conversation.)
  const nudge = connector.calls.map((x) => x.body?.attachments?.[0]?.content).find((card) => card && cardText(card).includes(`Hvordan gik samtalen? · ${c.code}`));
  expect(actionTitles(nudge)).toContain("Samtalen blev ikke holdt");
  const card = await mentor.submit(nudge, "notheld.open");
  const done = await mentor.submit(card, "notheld.submit", { reason: "citizenCancelled" });
  expect(cardText(done)).toContain("Borgeren aflyste");
});
