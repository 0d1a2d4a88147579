// Mentors tell their cases apart (issue 21): under each case code the pickers show the målskema's first goal (Mine
// forløb and the case list every goal already), and all three a few words the coach gave the case themselves — refused like any free text if it holds
// an identifier, seen by no one else (not the coordinator), and gone with the case when it passes to another coach.
import { startTestApp } from "../helpers/app";
import { TeamsSession } from "../helpers/bot";
import { actionTitles, cardText, inputById } from "../helpers/cards";
import { startFakeConnector, type FakeConnector } from "../helpers/connector";
import { demoCoordinator, demoMentor, message, post } from "../helpers/teams";
import { addCoachWithCase } from "../helpers/seed";
import type { RunningApp } from "../../src/app";
import { DEMO } from "../../src/domain/demo";
import type { Case } from "../../src/domain/model";

let app: RunningApp;
let connector: FakeConnector;
let mentor: TeamsSession;
let coordinator: TeamsSession;
let cases: Case[];
const LABEL = "onsdage på biblioteket";
const OTHER = { aadObjectId: "7b6f0c2e-5d1a-4f0e-9c1b-2a3d4e5f6a7b", name: "Dan Mentor" };

beforeAll(async () => {
  [app, connector] = await Promise.all([startTestApp(), startFakeConnector()]);
  mentor = new TeamsSession(app.url, connector.serviceUrl, demoMentor);
  coordinator = new TeamsSession(app.url, connector.serviceUrl, demoCoordinator);
  await post(app.url, message(demoMentor, connector.serviceUrl, "hej"));
  await connector.waitFor(1);
  cases = (await app.store.repos.cases.listForCoach(DEMO.corpsId, DEMO.mentor)).filter((c) => c.status === "active" && c.goalForm.goals.length > 0);
  await addCoachWithCase(app.store, { aad: OTHER.aadObjectId, name: OTHER.name, code: "ME-DAN1" });
});
afterAll(() => Promise.all([app?.close(), connector?.close()]));

test("the picker shows each case's first goal under its code", async () => {
  expect(cases.length).toBeGreaterThan(1);
  const picker = await mentor.press("prepare.open");
  const text = cardText(picker);
  for (const c of cases) expect(text).toContain(`**${c.code}**`);
  for (const c of cases) expect(text).toContain(`Mål: ${c.goalForm.goals[0].text.slice(0, 30)}`);
});

test("the coach names a case: an identifier is refused in Danish with the words kept; then the name shows everywhere they look", async () => {
  const c = cases[0];
  const own = await mentor.press("cases.open", { caseId: c.id });
  expect(actionTitles(own)).toContain("Dit navn for forløbet");
  const form = await mentor.submit(own, "cases.label");
  expect(cardText(form)).toContain("Kun du ser det; koordinatoren gør ikke.");
  expect(cardText(form)).toContain("Skriv aldrig borgerens navn");

  const refused = await mentor.submit(form, "cases.labelSubmit", { label: "ring 22 33 44 55" });
  expect(cardText(refused)).toContain("indeholder et telefonnummer");
  expect(inputById(refused, "label").value).toBe("ring 22 33 44 55");
  const tooLong = await mentor.submit(form, "cases.labelSubmit", { label: "x".repeat(41) });
  expect(cardText(tooLong)).toContain("»Dit navn for forløbet« må højst være 40 tegn.");

  const saved = await mentor.submit(refused, "cases.labelSubmit", { label: `  ${LABEL} ` });
  expect(cardText(saved)).toContain(`✓ Dit navn for ${c.code} er gemt — kun du ser det`);
  expect(cardText(saved)).toContain(`**${c.code}**`);
  expect(cardText(saved)).toContain(`»${LABEL}«`);
  expect(cardText(await mentor.press("cases.list"))).toContain(`»${LABEL}«`);
  const picker = cardText(await mentor.press("reflect.open"));
  expect(picker).toContain(`»${LABEL}«`);
  expect(picker).not.toContain(`Mål: ${c.goalForm.goals[0].text.slice(0, 30)}`); // the coach's own name replaces the goal
  // Opened again, the form holds the name, to change or remove.
  expect(inputById(await mentor.press("cases.label", { caseId: c.id }), "label").value).toBe(LABEL);
});

test("no one else sees the name: not the coordinator's case card nor their list, not another coach", async () => {
  const c = cases[0];
  expect(cardText(await coordinator.press("coord.case", { caseId: c.id }))).not.toContain(LABEL);
  expect(JSON.stringify(await coordinator.press("coord.cases"))).not.toContain(LABEL);
  const dan = new TeamsSession(app.url, connector.serviceUrl, OTHER);
  expect(cardText(await dan.press("cases.label", { caseId: c.id }))).toContain("Forløbet findes ikke");
  expect(cardText(await dan.press("cases.labelSubmit", { caseId: c.id, label: "mit nu" }))).toContain("Forløbet findes ikke");
  expect((await app.store.repos.caseIndex.get(DEMO.corpsId, DEMO.mentor))!.labels[c.id]).toBe(LABEL);
});

test("an empty field removes the name: the first goal shows again", async () => {
  const c = cases[1];
  await mentor.press("cases.labelSubmit", { caseId: c.id, label: "torsdage" });
  expect(cardText(await mentor.press("cases.list"))).toContain("»torsdage«");
  const removed = await mentor.press("cases.labelSubmit", { caseId: c.id, label: "" });
  expect(cardText(removed)).not.toContain("»torsdage«");
  expect(cardText(removed)).toContain(`✓ Dit navn for ${c.code} er fjernet`);
  expect(cardText(await mentor.press("prepare.open"))).toContain(`Mål: ${c.goalForm.goals[0].text.slice(0, 30)}`);
});

test("when the case passes to another mentor, the name goes with it from the old coach's index — and never reaches the new one", async () => {
  const c = cases[0];
  const card = await coordinator.press("coord.reassign", { caseId: c.id });
  await coordinator.submit(card, "coord.reassignSubmit", { coachId: OTHER.aadObjectId });
  await app.drain();
  expect((await app.store.repos.caseIndex.get(DEMO.corpsId, DEMO.mentor))!.labels[c.id]).toBeUndefined();
  const dan = new TeamsSession(app.url, connector.serviceUrl, OTHER);
  const list = cardText(await dan.press("cases.list"));
  expect(list).toContain(c.code);
  expect(list).not.toContain(LABEL);
});

test("the coach sees the whole målskema on the case: what worries, what works, and what the assessment pointed at", async () => {
  const c = (await app.store.repos.cases.listForCoach(DEMO.corpsId, DEMO.mentor)).find((x) => x.status === "active" && x.goalForm.worries && x.referral.dimensions.length)!;
  const text = cardText(await mentor.press("cases.open", { caseId: c.id }));
  expect(text).toContain(`**Hvad er vi bekymrede for?** ${c.goalForm.worries}`);
  if (c.goalForm.working) expect(text).toContain(`**Hvad fungerer godt?** ${c.goalForm.working}`);
  expect(text).toContain("Infohusets vurdering pegede på");
  expect(text).toMatch(/(Risiko og trussel|Trivsel og modstandskraft): /);
});
