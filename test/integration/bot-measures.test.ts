// WHO-5 and General Self-Efficacy over the Bot Framework protocol (issue 4).
import { startTestApp } from "../helpers/app";
import { TeamsSession } from "../helpers/bot";
import { actionTitles, cardText, findAction, inputById } from "../helpers/cards";
import { demoMentor } from "../helpers/teams";
import type { RunningApp } from "../../src/app";
import { DEMO } from "../../src/domain/demo";
import { addCoachWithCase } from "../helpers/seed";
import { measureSummary } from "../../src/domain/measures";
import { localDate } from "../../src/domain/time";

let app: RunningApp;
let mentor: TeamsSession;
const NEW = "0000000d-0000-0000-0000-0000000000bb";
let fresh: TeamsSession;

beforeAll(async () => {
  app = await startTestApp();
  mentor = new TeamsSession(app.url, "http://127.0.0.1:9/", demoMentor);
  // A mentor with a brand-new case: no measures yet.
  await addCoachWithCase(app.store, { aad: NEW, name: "Ny Mentor", code: "ME-NEW2" });
  fresh = new TeamsSession(app.url, "http://127.0.0.1:9/", { aadObjectId: NEW, name: "Ny Mentor" });
});
afterAll(() => app?.close());

/** The WHO-5 sums the leaders' dashboard is computed from: every case's latest measures, as stored. */
const who5Sums = async () => measureSummary("who5", (await app.store.repos.cases.list(DEMO.corpsId)).map((c) => c.measures?.who5));

const who5 = (items: number[]) => Object.fromEntries(items.map((v, i) => [`item${i + 1}`, String(v)]));

test("Mine forløb → WHO-5 opens the measure for that case; answers 5,4,3,2,1 show 60", async () => {
  const list = await fresh.press("cases.list");
  const own = await fresh.submit(list, "cases.open"); // the case's own card holds the measures
  expect(actionTitles(own)).toEqual(expect.arrayContaining(["WHO-5", "Mestringstro (GSE)"]));
  const card = await fresh.submit(own, "measure.open", {}, (d) => d.instrument === "who5");
  const text = cardText(card);
  expect(text).toContain("WHO-5 · ME-NEW2");
  expect(text).toContain("Førmåling");
  expect(text).toContain("1. … har jeg været glad og i godt humør");
  expect(inputById(card, "item1").choices.map((c: any) => [c.title, c.value])).toEqual([
    ["Hele tiden", "5"],
    ["Det meste af tiden", "4"],
    ["Lidt mere end halvdelen af tiden", "3"],
    ["Lidt mindre end halvdelen af tiden", "2"],
    ["Lidt af tiden", "1"],
    ["På intet tidspunkt", "0"],
  ]);
  const done = await fresh.submit(card, "measure.submit", who5([5, 4, 3, 2, 1]));
  expect(cardText(done)).toContain("✓ WHO-5 gemt · ME-NEW2");
  expect(cardText(done)).toMatch(/WHO-5\n60/);
  // 60 is not low; an answer of 1 gets the softer note only, and no one is told
  expect(cardText(done)).toContain("Et eller flere svar er »Lidt af tiden« eller »På intet tidspunkt«");
  expect(cardText(done)).not.toContain("Tal med din koordinator");
});

test("GSE with every answer 3 shows 30", async () => {
  const card = await fresh.press("measure.open", { instrument: "gse", caseId: "case-me-new2" });
  expect(cardText(card)).toContain("Jeg kan altid løse vanskelige problemer, hvis jeg prøver ihærdigt nok");
  const done = await fresh.submit(card, "measure.submit", who5(Array(10).fill(3)));
  expect(cardText(done)).toMatch(/Mestringstro \(GSE\)\n30/);
  expect(cardText(done)).not.toContain("Tal med din koordinator");
});

test("the post measure shows the change since the pre measure, and the dashboard's sums follow", async () => {
  const sumsBefore = await who5Sums();
  const card = await fresh.press("measure.open", { instrument: "who5", caseId: "case-me-new2" });
  // there is a start measure: the mentor says which this is, and sees what each choice would replace
  expect(inputById(card, "phase").choices.map((x: any) => x.title)).toEqual(["Slutmåling (eftermåling)", expect.stringMatching(/^Startmåling \(førmåling\) – erstatter målingen fra \d+\.\d+\.\d{4} \(60\)$/)]);
  const unchosen = await fresh.submit(card, "measure.submit", who5([5, 5, 4, 3, 3]));
  expect(cardText(unchosen)).toContain("»Er det start- eller slutmålingen?« skal udfyldes.");
  expect(await who5Sums()).toEqual(sumsBefore); // nothing replaced silently
  // The case is active, not being closed: an end measure asks whether it is ending, and keeps the answers meanwhile.
  const asked = await fresh.submit(unchosen, "measure.submit", { phase: "post" });
  expect(cardText(asked)).toContain("Slutmålingen tages, når forløbet slutter. Sæt flueben ved »Ja, forløbet er ved at slutte«");
  expect(inputById(asked, "item1").value).toBe("5");
  expect(await who5Sums()).toEqual(sumsBefore);
  const done = await fresh.submit(asked, "measure.submit", { phase: "post", ending: "true" }); // 80, pre was 60
  expect(cardText(done)).toContain("Steget 20 point – en betydelig forbedring");
  const after = await who5Sums();
  expect(after).toEqual({
    pre: sumsBefore.pre,
    post: { n: sumsBefore.post.n + 1, sum: sumsBefore.post.sum + 80 },
    pairs: sumsBefore.pairs + 1,
    improved: sumsBefore.improved + 1,
  });

  // pressing Gem again changes nothing
  await fresh.submit(asked, "measure.submit", { phase: "post", ending: "true" });
  expect(await who5Sums()).toEqual(after);

  // a redone post replaces the earlier one — the card said so
  const again = await fresh.press("measure.open", { instrument: "who5", caseId: "case-me-new2" });
  expect(inputById(again, "phase").choices[0].title).toMatch(/^Slutmåling \(eftermåling\) – erstatter målingen fra .* \(80\)$/);
  const redo = await fresh.submit(again, "measure.submit", { ...who5([3, 3, 3, 3, 3]), phase: "post", ending: "true" }); // 60: no change
  expect(cardText(redo)).toContain("Ændring siden førmålingen\nUændret");
  const redone = await who5Sums();
  expect(redone.post).toEqual({ n: after.post.n, sum: after.post.sum - 80 + 60 });
  expect(redone.improved).toBe(after.improved - 1);
});

test("an unanswered item is named, and the answers given are kept", async () => {
  const [c] = (await app.store.repos.cases.listForCoach(DEMO.corpsId, DEMO.mentor)).filter((x) => x.status === "active");
  const card = await mentor.press("measure.open", { instrument: "who5", caseId: c.id });
  const back = await mentor.submit(card, "measure.submit", { item1: "4", item2: "3", item3: "", item4: "2", item5: "9" });
  expect(cardText(back)).toContain("»… har min dagligdag været fyldt med ting der interesserer mig« har en ugyldig værdi.");
  expect(cardText(back)).toContain("»… har jeg følt mig aktiv og energisk« skal udfyldes.");
  expect(inputById(back, "item1").value).toBe("4");
  expect(findAction(back, "measure.submit").data.submissionId).toBe(findAction(card, "measure.submit").data.submissionId);
});

test("a new case's first preparation reminds of the pre measures, with a button for each", async () => {
  const card = await fresh.press("prepare.open");
  // the NEW mentor has done both pre measures above; use a case without them instead
  expect(cardText(card)).toContain("ME-NEW2");
  const [c] = (await app.store.repos.cases.listForCoach(DEMO.corpsId, DEMO.mentor)).filter((x) => x.status === "active");
  const got = (await app.store.repos.cases.get(DEMO.corpsId, c.id))!;
  await app.store.repos.cases.update(DEMO.corpsId, c.id, (x) => ({ ...x, measures: undefined }), got);
  const prep = await mentor.press("prepare.open", { caseId: c.id });
  const done = await mentor.submit(prep, "prepare.submit", { q1: "Plan", plannedDate: "2026-12-01", plannedTime: "10:00" });
  expect(cardText(done)).toContain("Husk førmålingerne");
  expect(actionTitles(done)).toEqual(["Reflektér over samtalen", "WHO-5", "Mestringstro (GSE)", "Menu", "Akut bekymring"]);
});

test("Mine forløb shows progress and measures over time", async () => {
  const card = await mentor.press("cases.list");
  // each score on its scale: "WHO-5: 48 → 64 af 100"
  expect(cardText(card)).toMatch(/Progression: \d+( → \d+)+ af 10\n/);
  expect(cardText(card)).toMatch(/WHO-5: \d+( → \d+)? af 100\n/);
  expect(cardText(card)).toMatch(/Mestringstro \(GSE\): \d+( → \d+)? af 40\n/);
});

test("Mine forløb puts a conversation held and not reflected on first, marked, with the reflection as its one next step", async () => {
  const cases = (await app.store.repos.cases.listForCoach(DEMO.corpsId, DEMO.mentor)).filter((c) => c.status === "active");
  const last = cases[cases.length - 1]; // by code: the last one, moved to the top by its prepared conversation
  const prep = await mentor.press("prepare.open", { caseId: last.id });
  const yesterday = localDate(new Date(app.clock().getTime() - 86_400_000));
  await mentor.submit(prep, "prepare.submit", { q1: "Plan", plannedDate: yesterday, plannedTime: "08:00" });
  const list = await mentor.press("cases.list");
  const first = list.body[1]; // after the title
  expect(cardText(first)).toContain(`**${last.code}**`);
  expect(cardText(first)).toMatch(/Samtalen \S+ \d+\. \S+ kl\. 08:00 mangler refleksion/);
  expect(actionTitles({ body: [first] })).toEqual(["Reflektér over samtalen", "Åbn forløbet"]);
  const picker = await mentor.press("reflect.open");
  expect(cardText(picker).indexOf(last.code)).toBeLessThan(cardText(picker).indexOf(cases[0].code));
});
