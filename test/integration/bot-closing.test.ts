// The closing dialogue (001 §5.3), offered when a case is closing.
import { startTestApp } from "../helpers/app";
import { TeamsSession } from "../helpers/bot";
import { actionTitles, cardText, inputById } from "../helpers/cards";
import { demoRelativeCoach } from "../helpers/teams";
import type { RunningApp } from "../../src/app";
import { DEMO } from "../../src/domain/demo";

let app: RunningApp;
let coach: TeamsSession;

beforeAll(async () => {
  app = await startTestApp();
  coach = new TeamsSession(app.url, "http://127.0.0.1:9/", demoRelativeCoach);
});
afterAll(() => app?.close());

async function casesOf(status: string) {
  return (await app.store.repos.cases.listForCoach(DEMO.corpsId, DEMO.relativeCoach)).filter((c) => c.status === status);
}

test("a closing case offers the closing dialogue after the reflection and in Mine forløb", async () => {
  const [c] = await casesOf("closing");
  const card = await coach.press("reflect.open", { caseId: c.id });
  const done = await coach.submit(card, "reflect.submit", { r1: "Sidste samtale gik godt.", match: "ja", progress: "8" });
  expect(cardText(done)).toContain("Forløbet er ved at blive afsluttet");
  expect(actionTitles(done)).toContain("Afslutningssamtale");
  const list = await coach.press("cases.list");
  expect(actionTitles(list).filter((t) => t === "Afslutningssamtale")).toHaveLength((await casesOf("closing")).length);
});

test("the closing dialogue asks the questions of 001 §5.3 and stores the answers", async () => {
  const [c] = await casesOf("closing");
  const card = await coach.press("closing.open", { caseId: c.id });
  const text = cardText(card);
  expect(text).toContain("1. Hvordan er det gået i forhold til de mål, du har haft?");
  expect(text).toContain("6. Hvad har jeg som pårørendecoach set, at du har gennemført eller klaret godt?"); // the case's kind: a relative coach
  expect(text).toContain("Må borgeren kontakte dig igen — i hvilke tilfælde og hvordan?");
  // «Er målene nået?» left unanswered is not read as «Nej»: the card comes back with the answers kept.
  const unanswered = await coach.submit(card, "closing.submit", { c1: "De fleste mål er nået.", c5: "Storebror.", clear1: "true", clear3: "true" });
  expect(cardText(unanswered)).not.toContain("✓ Afslutningssamtale gemt");
  expect(inputById(unanswered, "c1").value).toBe("De fleste mål er nået.");
  expect(inputById(unanswered, "goalsReached").value ?? "").toBe("");
  const done = await coach.submit(unanswered, "closing.submit", { c1: "De fleste mål er nået.", c5: "Storebror.", goalsReached: "true", clear1: "true", clear3: "true" });
  expect(cardText(done)).toContain(`✓ Afslutningssamtale gemt · ${c.code}`);
  const stored = (await app.store.repos.entries.listForCase(DEMO.corpsId, c.id)).filter((e) => e.type === "closing").pop();
  expect(stored).toMatchObject({ goalsReached: true, madeClear: [true, false, true], answers: ["De fleste mål er nået.", "", "", "", "Storebror.", ""] });
});

test("an e-mail address in the closing dialogue is refused with the answers kept", async () => {
  const [c] = await casesOf("closing");
  const card = await coach.press("closing.open", { caseId: c.id });
  const back = await coach.submit(card, "closing.submit", { c1: "Fint.", c4: "Skriv til mor@example.dk" });
  expect(cardText(back)).toContain("indeholder en e-mailadresse");
  expect(inputById(back, "c4").value).toBe("Skriv til mor@example.dk");
});

test("an active case is not closed by accident: the closing dialogue points to the coordinator", async () => {
  const [c] = await casesOf("active");
  const card = await coach.press("closing.open", { caseId: c.id });
  expect(cardText(card)).toContain("Tal med din koordinator om at afslutte forløbet");
});

test("the whole reflection works in English when Teams speaks English", async () => {
  const [c] = await casesOf("active");
  const en = new TeamsSession(app.url, "http://127.0.0.1:9/", { ...demoRelativeCoach, locale: "en-GB" });
  const card = await en.press("reflect.open", { caseId: c.id });
  expect(cardText(card)).toContain("Did I succeed with what I had planned before the conversation? Why/why not?");
  const back = await en.submit(card, "reflect.submit", { r1: "", match: "ja" });
  expect(cardText(back)).toContain("“Did I succeed with what I had planned before the conversation?” is required.");
});
