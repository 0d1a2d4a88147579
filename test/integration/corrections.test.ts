// Correcting and deleting one's own entry within seven days (issue 11), over the Bot Framework protocol: the entry
// keeps its history, and the case's read models (goal scales, last reflection, progress, method counts, flags, the
// coach's case index) follow.
import { startTestApp } from "../helpers/app";
import { TeamsSession } from "../helpers/bot";
import { actionTitles, cardText, findAction, inputById, inputValues, messageText } from "../helpers/cards";
import { startFakeConnector, type FakeConnector } from "../helpers/connector";
import { addCoachWithCase } from "../helpers/seed";
import { demoCoordinator, demoMentor, message, post } from "../helpers/teams";
import type { RunningApp } from "../../src/app";
import { manualClock } from "../../src/domain/clock";
import { DEMO } from "../../src/domain/demo";
import type { Case, Entry } from "../../src/domain/model";

const NOW = new Date("2026-11-24T09:00:00Z");
const clock = manualClock(NOW);
const IDA = { aadObjectId: "0000000d-0000-0000-0000-0000000000a1", name: "Ida Mentor" };
let app: RunningApp;
let connector: FakeConnector;
let ida: TeamsSession;
let caseId: string;

beforeAll(async () => {
  [app, connector] = await Promise.all([startTestApp({ clock }), startFakeConnector()]);
  caseId = await addCoachWithCase(app.store, { aad: IDA.aadObjectId, name: IDA.name, code: "ME-FIX1", goals: [{ id: "g1", text: "Møde op i skolen", score: 4 }] });
  ida = new TeamsSession(app.url, connector.serviceUrl, IDA);
  await post(app.url, message(demoCoordinator, connector.serviceUrl, "hej")); // the coordinator can be reached
  await connector.waitFor(1);
});
afterAll(async () => {
  await Promise.all([app?.close(), connector?.close()]);
});
beforeEach(() => connector.clear());

const theCase = async (): Promise<Case> => (await app.store.repos.cases.get(DEMO.corpsId, caseId))!.doc;
const entriesOf = async (deleted = false): Promise<Entry[]> => app.store.repos.entries.listForCase(DEMO.corpsId, caseId, { deleted });
const readModels = (c: Case) => ({ goals: c.goalForm.goals, lastReflection: c.lastReflection, progress: c.progress, method: c.method, flags: c.flags.map((f) => f.id) });

async function reflect(answers: Record<string, string>) {
  const card = await ida.press("reflect.open"); // one active case: straight to the card
  const done = await ida.submit(card, "reflect.submit", { r1: "Vi talte om skolen.", match: "ja", progress: "5", ...answers });
  await app.drain(); // what follows from it is derived after the answer
  return done;
}

/** Mine forløb → the case → Ret eller slet: the list of Ida's entries. */
async function correctionList() {
  const list = await ida.press("cases.list");
  expect(actionTitles(list)).toEqual(["Menu", "Forbered samtale", "Åbn forløbet"]); // two per case, the rest behind it
  const card = await ida.submit(list, "cases.open");
  return ida.submit(card, "entries.list");
}

test("a reflection corrected: the same entry with its history, the case's scores and flags follow, the coordinator told once", async () => {
  await reflect({ goal_g1: "6" });
  const entry = (await entriesOf()).find((e) => e.type === "reflection")!;
  expect((await theCase()).goalForm.goals[0].score).toBe(6);

  const list = await correctionList();
  expect(cardText(list)).toContain("Refleksion");
  expect(cardText(list)).toContain("Vi talte om skolen.");
  const edit = await ida.submit(list, "entry.edit");
  expect(cardText(edit)).toContain("Ret refleksion · ME-FIX1");
  // filled in with what was saved; the scale says where it started then, not the score the reflection gave
  expect(inputById(edit, "r1").value).toBe("Vi talte om skolen.");
  expect(inputById(edit, "goal_g1")).toMatchObject({ value: "6", label: "Møde op i skolen · sidst 4" });
  expect(inputById(edit, "progress").value).toBe("5");

  const saved = await ida.submit(edit, "reflect.submit", { goal_g1: "3", match: "nej", r1: "Det gik ikke som planlagt." });
  expect(cardText(saved)).toContain("✓ Rettelse gemt · ME-FIX1");
  const again = await ida.submit(edit, "reflect.submit", { goal_g1: "3", match: "nej", r1: "Det gik ikke som planlagt." }); // replayed
  expect(cardText(again)).toContain("✓ Rettelse gemt");

  const stored = (await entriesOf()).filter((e) => e.type === "reflection");
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({ id: entry.id, createdAt: entry.createdAt, answers: expect.arrayContaining(["Det gik ikke som planlagt."]), match: "nej" });
  expect(stored[0].history).toHaveLength(1);
  expect(stored[0].history![0]).toMatchObject({ by: IDA.aadObjectId, previous: { match: "ja", goalScores: [{ goalId: "g1", score: 6, previous: 4 }] } });

  const after = await theCase();
  expect(after.goalForm.goals[0].score).toBe(3);
  expect(after.lastReflection?.text).toContain("Det gik ikke som planlagt.");
  expect(after.flags.map((f) => f.kind)).toEqual(["match"]);
  expect(after.method?.months.find((m) => m.month === "2026-11")?.reflections).toBe(1);
  await connector.waitFor(1);
  expect(connector.calls.map((x) => messageText(x.body))).toEqual(["Markering · ME-FIX1\nIda Mentor har markeret ME-FIX1: mener ikke, at matchet er det rette."]);
  const index = await app.store.repos.caseIndex.get(DEMO.corpsId, IDA.aadObjectId);
  expect(index?.cases[0].lastReflectionAt).toBe(entry.createdAt);
});

test("a reflection deleted: its words are gone and the case is as it was before it", async () => {
  clock.set(new Date("2026-11-25T09:00:00Z"));
  const before = readModels(await theCase());
  await reflect({ goal_g1: "8", r1: "Skal slettes: et svar om weekenden." });
  expect((await theCase()).goalForm.goals[0].score).toBe(8);
  const list = await correctionList();
  // newest first
  const del = await ida.submit(list, "entry.delete");
  expect(cardText(del)).toMatch(/Slet refleksion fra onsdag 25\. november kl\. 10:00\?/);
  const done = await ida.submit(del, "entry.deleteConfirm");
  expect(cardText(done)).toContain("✓ Slettet · ME-FIX1");
  const twice = await ida.submit(del, "entry.deleteConfirm"); // pressed again: the same answer, nothing more happens
  expect(cardText(twice)).toContain("✓ Slettet · ME-FIX1");

  expect(readModels(await theCase())).toEqual({ ...before, method: expect.anything() });
  expect((await theCase()).method?.months.find((m) => m.month === "2026-11")?.reflections).toBe(1);
  expect((await entriesOf()).filter((e) => e.type === "reflection")).toHaveLength(1);
  const raw = JSON.stringify(await entriesOf(true));
  expect(raw).not.toContain("weekenden");
});

test("after seven days an entry stands as it is; another mentor's entry is not found", async () => {
  const [entry] = (await entriesOf()).filter((e) => e.type === "reflection");
  clock.set(new Date(Date.parse(entry.createdAt) + 7 * 86_400_000 + 60_000));
  const late = await ida.press("entry.edit", { entryId: entry.id });
  expect(cardText(late)).toContain("Kan ikke rettes længere");
  expect(cardText(await ida.press("entry.delete", { entryId: entry.id }))).toContain("Kan ikke rettes længere");
  const list = await ida.press("entries.list", { caseId });
  expect(cardText(list)).toContain("Du har ingen registreringer på forløbet fra de sidste 7 dage.");

  const other = new TeamsSession(app.url, connector.serviceUrl, demoMentor);
  for (const verb of ["entry.edit", "entry.delete", "entry.deleteConfirm"]) {
    expect(cardText(await other.press(verb, { entryId: entry.id }))).toContain("Kortet kan ikke bruges længere");
  }
  expect(cardText(await other.press("entries.list", { caseId }))).toContain("Kortet kan ikke bruges længere");
  for (const bad of [{}, { entryId: 42 }, { entryId: "x".repeat(500) }, { entryId: "__proto__" }]) {
    expect(cardText(await ida.press("entry.edit", bad))).toContain("Kortet kan ikke bruges længere");
  }
  expect((await app.store.repos.entries.get(DEMO.corpsId, entry.id))?.deletedAt).toBeUndefined();
});

test("ten corrections of one reflection at once, and a new reflection meanwhile: nothing is lost, the case matches its entries", async () => {
  clock.set(new Date("2026-11-26T09:00:00Z"));
  await reflect({ goal_g1: "5", r1: "Udgangspunkt." });
  const target = (await entriesOf()).filter((e) => e.type === "reflection").pop()!;
  const edit = await ida.press("entry.edit", { entryId: target.id });
  const results = await Promise.all([
    ...Array.from({ length: 10 }, (_, i) => ida.press("reflect.submit", { ...findAction(edit, "reflect.submit").data, ...inputValues(edit), submissionId: crypto.randomUUID(), r1: `Rettelse ${i}.`, goal_g1: String(i) })),
    (async () => {
      clock.set(new Date("2026-11-26T10:00:00Z"));
      return reflect({ goal_g1: "9", r1: "En ny samtale." });
    })(),
  ]);
  expect(results.filter((c) => cardText(c).includes("✓"))).toHaveLength(11);
  const fixed = (await app.store.repos.entries.get(DEMO.corpsId, target.id))!;
  expect(fixed.history).toHaveLength(10);
  const c = await theCase();
  // the newest reflection is the new one, whatever order the corrections landed in
  expect(c.lastReflection?.text).toBe("En ny samtale.");
  expect(c.goalForm.goals[0].score).toBe(9);
  expect(c.applied).toEqual(expect.arrayContaining((await entriesOf()).map((e) => e.id)));
});

test("a preparation corrected: the reflection after it shows the corrected plan; deleted, no plan and no reminder", async () => {
  clock.set(new Date("2026-11-27T08:00:00Z"));
  const prep = await ida.press("prepare.open");
  await ida.submit(prep, "prepare.submit", { q1: "Tale om praktik.", plannedDate: "2026-11-27", plannedTime: "13:00" });
  const [entry] = (await entriesOf()).filter((e) => e.type === "preparation");
  const edit = await ida.press("entry.edit", { entryId: entry.id });
  expect(cardText(edit)).toContain("Ret forberedelse · ME-FIX1");
  expect(inputById(edit, "plannedTime").value).toBe("13:00");
  expect(cardText(await ida.submit(edit, "prepare.submit", { q1: "Tale om skolen.", plannedDate: "2026-11-30", plannedTime: "09:00" }))).toContain("✓ Rettelse gemt");
  expect(cardText(await ida.press("reflect.open"))).toContain("I dag ville du:\nTale om skolen.");
  expect(await app.store.repos.jobs.get(DEMO.corpsId, `msg-nudge-${caseId}-2026-11-30`)).toBeDefined();

  const del = await ida.press("entry.delete", { entryId: entry.id });
  await ida.submit(del, "entry.deleteConfirm");
  expect(cardText(await ida.press("reflect.open"))).not.toContain("I dag ville du");
  // the reminder for the deleted conversation is dropped when due
  clock.set(new Date("2026-11-30T12:00:00Z"));
  connector.clear();
  await app.scheduler.tick();
  expect((await app.store.repos.jobs.get(DEMO.corpsId, `msg-nudge-${caseId}-2026-11-30`))?.doc.status).toBe("skipped"); // it ran …
  expect(connector.calls.filter((x) => JSON.stringify(x.body).includes("Hvordan gik samtalen"))).toHaveLength(0); // … and sent nothing
});

test("a correction whose turn died after the entry was written: the scheduler's job builds the case again", async () => {
  clock.set(new Date("2026-11-28T09:00:00Z"));
  await reflect({ goal_g1: "2", r1: "Før rettelsen." });
  const entry = (await entriesOf()).filter((e) => e.type === "reflection").pop()!;
  // What the turn did before it died: the job first, then the corrected entry — and no rebuild.
  const { deriveJob } = await import("../../src/domain/jobs");
  const { correctedEntry } = await import("../../src/domain/corrections");
  await app.store.repos.jobs.create(deriveJob(entry, clock()));
  await app.store.repos.entries.update(DEMO.corpsId, entry.id, (e) =>
    correctedEntry(e, { ...e, answers: ["Efter rettelsen.", "", "", "", "", "", "", ""], goalScores: [{ goalId: "g1", score: 7, previous: 9 }] } as Entry, IDA.aadObjectId, crypto.randomUUID(), clock()),
  );
  expect((await theCase()).goalForm.goals[0].score).toBe(2); // stale until the job runs
  clock.set(new Date("2026-11-28T09:05:00Z"));
  await app.scheduler.tick();
  const c = await theCase();
  expect(c.goalForm.goals[0].score).toBe(7);
  expect(c.lastReflection?.text).toContain("Efter rettelsen.");
  expect(await app.store.repos.jobs.get(DEMO.corpsId, `derive-${entry.id}`)).toBeUndefined();
});
