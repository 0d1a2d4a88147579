// «Akut bekymring» (001 §3.3): from the menu, the case and the card after a conversation, a mentor tells the
// coordinator at once that something cannot wait — the case code only — after reading what the duties mean; it is
// recorded on the case as a flag the coordinator marks handled. Never refused for an old card or a paused case.
import { startTestApp } from "../helpers/app";
import { TeamsSession } from "../helpers/bot";
import { actionTitles, cardText, inputById, messageText } from "../helpers/cards";
import { startFakeConnector, type FakeConnector } from "../helpers/connector";
import { demoCoordinator, demoMentor, message, post } from "../helpers/teams";
import type { RunningApp } from "../../src/app";
import { DEMO } from "../../src/domain/demo";
import type { Case } from "../../src/domain/model";

let app: RunningApp;
let connector: FakeConnector;
let mentor: TeamsSession;
let coordinator: TeamsSession;
let active: Case[];
const coordinatorChat = `a:personal-${DEMO.coordinator}`;
const urgentMessages = () => connector.calls.filter((c) => c.status === 200 && c.conversationId === coordinatorChat && messageText(c.body).includes("Akut bekymring"));

beforeAll(async () => {
  [app, connector] = await Promise.all([startTestApp(), startFakeConnector()]);
  mentor = new TeamsSession(app.url, connector.serviceUrl, demoMentor);
  coordinator = new TeamsSession(app.url, connector.serviceUrl, demoCoordinator);
  await post(app.url, message(demoMentor, connector.serviceUrl, "hej"));
  await post(app.url, message(demoCoordinator, connector.serviceUrl, "hej"));
  await connector.waitFor(2);
  active = (await app.store.repos.cases.listForCoach(DEMO.corpsId, DEMO.mentor)).filter((c) => c.status === "active");
});
afterAll(() => Promise.all([app?.close(), connector?.close()]));

test("the menu offers «Akut bekymring»; the card says what the duties mean before anything is sent", async () => {
  const menu = await mentor.press("menu");
  expect(actionTitles(menu)).toContain("Akut bekymring");
  const pick = await mentor.press("concern.open");
  for (const c of active) expect(cardText(pick)).toContain(c.code);
  const card = await mentor.submit(pick, "concern.open", {}, (d) => d.caseId === active[0].id);
  const text = cardText(card);
  expect(text).toContain(`Akut bekymring · ${active[0].code}`);
  expect(text).toContain("Ring 112");
  expect(text).toContain("Afværgepligt");
  expect(text).toContain("Skærpet underretningspligt");
  expect(text).toContain("Løft giver din koordinator, Demo Koordinator, besked nu: kun forløbskoden");
  expect(actionTitles(card)).toEqual(["Giv koordinatoren besked nu", "Menu"]);
  expect(urgentMessages()).toHaveLength(0); // opening it sends nothing
});

test("one press tells the coordinator at once — the code, never more — and is recorded on the case; pressed twice, once", async () => {
  const c = active[0];
  const card = await mentor.press("concern.open", { caseId: c.id });
  const [done, again] = await Promise.all([mentor.submit(card, "concern.submit"), mentor.submit(card, "concern.submit")]);
  for (const d of [done, again]) {
    expect(cardText(d)).toContain(`⚠ Din koordinator har fået besked · ${c.code}`);
    expect(cardText(d)).toContain("Ring til Demo Koordinator nu.");
    expect(cardText(d)).toContain("handl nu");
  }
  await app.drain();
  const sent = urgentMessages();
  expect(sent.map((m) => messageText(m.body))).toEqual([
    `⚠ Akut bekymring · ${c.code}\nLøft: Demo Mentor har meldt akut bekymring på forløb ${c.code} og har brug for dig nu. Ring til Demo Mentor — hvad det drejer sig om, tales der om direkte, ikke i Løft.`,
  ]);
  expect(actionTitles(sent[0].body.attachments[0].content)).toEqual([`Åbn ${c.code}`, "Marker som håndteret", "Menu"]);
  const entries = (await app.store.repos.entries.listForCase(DEMO.corpsId, c.id)).filter((e) => e.type === "concern");
  expect(entries).toHaveLength(1);
  expect(Object.keys(entries[0]).sort()).toEqual(["authorId", "caseId", "corpsId", "createdAt", "id", "type"]); // no content
  const caseCard = await coordinator.press("coord.case", { caseId: c.id });
  expect(cardText(caseCard)).toContain("AKUT BEKYMRING");
  // Handled by the coordinator: off the lists, with who and when.
  const handled = await coordinator.submit(sent[0].body.attachments[0].content, "coord.flagsHandled");
  expect(cardText(handled)).toContain("✓ Markering håndteret af Demo Koordinator");
});

test("never refused for a card grown old (the goals changed) or a paused case; someone else's case answers as not found", async () => {
  const c = active[1];
  const card = await mentor.press("concern.open", { caseId: c.id });
  // The coordinator changes the goals and pauses the case after the mentor opened the card.
  await app.store.repos.cases.update(DEMO.corpsId, c.id, (x) => ({ ...x, status: "paused", version: x.version + 1 }));
  const done = await mentor.submit(card, "concern.submit");
  expect(cardText(done)).toContain(`⚠ Din koordinator har fået besked · ${c.code}`);
  await app.drain();
  expect(urgentMessages().filter((m) => messageText(m.body).includes(c.code))).toHaveLength(1);
  // A coach with no such case: not found, and nothing sent.
  const other = (await app.store.repos.cases.list(DEMO.corpsId)).find((x) => x.coachId !== DEMO.mentor && x.status === "active")!;
  const before = urgentMessages().length;
  expect(cardText(await mentor.press("concern.open", { caseId: other.id }))).toContain("Forløbet findes ikke");
  expect(cardText(await mentor.press("concern.submit", { caseId: other.id, submissionId: "5f0c3a1e-8a4b-4c2d-9e7f-1a2b3c4d5e6f" }))).toContain("Forløbet findes ikke");
  await app.drain();
  expect(urgentMessages()).toHaveLength(before);
});

test("the case card and the card after a reflection carry the button", async () => {
  const c = active[2];
  expect(actionTitles(await mentor.press("cases.open", { caseId: c.id }))).toContain("Akut bekymring");
  const reflection = await mentor.press("reflect.open", { caseId: c.id });
  const done = await mentor.submit(reflection, "reflect.submit", { r1: "Det gik.", match: "ja", progress: "5" });
  expect(actionTitles(done)).toContain("Akut bekymring");
});

test("«Bed om et møde» on the case tells the coordinator at once that the mentor wants a meeting — once per card", async () => {
  const c = active[3];
  const card = await mentor.press("cases.open", { caseId: c.id });
  expect(actionTitles(card)).toContain("Bed om et møde");
  const before = connector.calls.length;
  const [done, again] = await Promise.all([mentor.submit(card, "meeting.request"), mentor.submit(card, "meeting.request")]);
  for (const d of [done, again]) {
    expect(cardText(d)).toContain(`✓ Du har bedt om et møde · ${c.code}`);
    expect(cardText(d)).toContain("Demo Koordinator har fået besked og finder en tid med dig.");
  }
  await app.drain();
  const told = connector.calls.slice(before).filter((x) => x.conversationId === coordinatorChat && messageText(x.body).includes(c.code));
  expect(told.map((x) => messageText(x.body))).toEqual([`Markering · ${c.code}\nDemo Mentor har markeret ${c.code}: ønsker sparring med dig.`]);
  expect((await app.store.repos.entries.listForCase(DEMO.corpsId, c.id)).filter((e) => e.type === "meetingRequest")).toHaveLength(1);
});

test("«Foreslå et mål»: refused with an identifier (the words kept), else the coordinator is told and sees it when editing the målskema", async () => {
  const c = active[4] ?? active[0];
  const card = await mentor.submit(await mentor.press("cases.open", { caseId: c.id }), "proposal.open");
  expect(cardText(card)).toContain("Koordinatoren beslutter, om det skal med i målskemaet.");
  const refused = await mentor.submit(card, "proposal.submit", { proposal: "Ring til mor på 22 33 44 55" });
  expect(cardText(refused)).toContain("Svaret på »Dit forslag« indeholder et telefonnummer.");
  expect(inputById(refused, "proposal").value).toBe("Ring til mor på 22 33 44 55");
  const before = connector.calls.length;
  const done = await mentor.submit(refused, "proposal.submit", { proposal: "Komme i praktik inden sommer" });
  expect(cardText(done)).toContain(`✓ Forslaget er sendt · ${c.code}`);
  expect(cardText(done)).toContain("Demo Koordinator har fået besked");
  await app.drain();
  const told = connector.calls.slice(before).filter((x) => x.conversationId === coordinatorChat && messageText(x.body).includes(c.code));
  expect(told.map((x) => messageText(x.body))).toEqual([`Markering · ${c.code}\nDemo Mentor har markeret ${c.code}: foreslår et nyt mål til målskemaet.`]);
  const goals = await coordinator.press("coord.goals", { caseId: c.id });
  expect(cardText(goals)).toContain("Forslag fra mentoren:\n- Komme i praktik inden sommer");
  expect(cardText(await coordinator.press("coord.case", { caseId: c.id }))).toContain("forslag til nyt mål");
});
