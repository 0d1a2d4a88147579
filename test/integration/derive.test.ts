// The entry is the commit point (issue 7, defect 3): what follows from a stored entry — the case's read model,
// the coach's case index, the coordinator's flags — is completed by the turn, by a replay, or by the durable job
// when the turn could not; many writers on one case lose nothing; a menu is one point read.
import { startTestApp } from "../helpers/app";
import { TeamsSession } from "../helpers/bot";
import { cardText, messageText } from "../helpers/cards";
import { startFakeConnector, type FakeConnector } from "../helpers/connector";
import { addCoachWithCase } from "../helpers/seed";
import { eventually } from "../helpers/until";
import { demoCoordinator, demoMentor, message, post, type TeamsUser } from "../helpers/teams";
import type { RunningApp } from "../../src/app";
import { manualClock } from "../../src/domain/clock";
import { DEMO } from "../../src/domain/demo";
import { deriveJob, DERIVE_GRACE_MS } from "../../src/domain/jobs";
import { createScheduler } from "../../src/scheduler";
import { createBot } from "../../bot/adapter";
import { loadConfig } from "../../src/config";

const clock = manualClock(new Date("2026-11-24T09:00:00Z"));
let app: RunningApp;
let connector: FakeConnector;
const coordinatorChat = `a:personal-${DEMO.coordinator}`;

beforeAll(async () => {
  [app, connector] = await Promise.all([startTestApp({ clock, env: { SCHEDULER_INTERVAL_SECONDS: "0" } }), startFakeConnector()]);
  await post(app.url, message(demoCoordinator, connector.serviceUrl, "hej")); // the bot now knows the coordinator's chat
  await connector.waitFor(1);
});
afterAll(() => Promise.all([app?.close(), connector?.close()]));
beforeEach(() => connector.clear());

/** Flag messages the coordinator received (sends Teams refused are not received). */
const flagMessages = () =>
  connector.calls.filter((c) => c.status === 200 && c.conversationId === coordinatorChat && /har markeret (ME|PC)-/.test(messageText(c.body)));
const flagsOf = async (caseId: string) => (await app.store.repos.cases.get(DEMO.corpsId, caseId))!.doc.flags;

async function newMentor(n: number): Promise<{ user: TeamsUser; caseId: string; session: TeamsSession }> {
  const aad = `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
  const user = { aadObjectId: aad, name: `Mentor ${n}` };
  const caseId = await addCoachWithCase(app.store, { aad, name: user.name, code: `ME-D${String(n).padStart(3, "0")}`, goals: [{ id: "g1", text: "Skole", score: 3 }] });
  return { user, caseId, session: new TeamsSession(app.url, connector.serviceUrl, user) };
}

test("eight reflections submitted at once on one case are all saved, applied once each, and every flag reaches the coordinator", async () => {
  const { caseId, session } = await newMentor(1);
  // Eight cards opened before any is sent (as eight devices, or eight presses), then all sent at once.
  const cards = await Promise.all(Array.from({ length: 8 }, () => session.press("reflect.open", { caseId })));
  const done = await Promise.all(
    cards.map((card, i) => session.submit(card, "reflect.submit", { r1: `Svar ${i}`, match: "nej", goal_g1: String(i % 11), progress: "5" })),
  );
  for (const d of done) expect(cardText(d)).toContain("✓ Refleksion gemt");
  for (const d of done) expect(cardText(d)).toContain("Din koordinator har fået besked");

  // The messages go out after the answers; each is recorded on the case once Teams took it.
  await eventually(async () => (await flagsOf(caseId)).filter((f) => f.delivery === "sent").length === 8, "8 flags sent");
  const c = (await app.store.repos.cases.get(DEMO.corpsId, caseId))!.doc;
  const entries = (await app.store.repos.entries.listForCase(DEMO.corpsId, caseId)).filter((e) => e.type === "reflection");
  expect(entries).toHaveLength(8);
  expect(c.applied).toEqual(expect.arrayContaining(entries.map((e) => e.id)));
  expect(c.flags.filter((f) => f.kind === "match")).toHaveLength(8);
  expect(c.flags.every((f) => f.delivery === "sent")).toBe(true);
  expect(flagMessages()).toHaveLength(8);
  // Nothing is left for the scheduler: every derive job was completed and removed.
  for (const e of entries) await eventually(async () => !(await app.store.repos.jobs.get(DEMO.corpsId, `derive-${e.id}`)), "derive job removed");
});

test("a turn that died between storing the entry and deriving from it is completed by the durable job", async () => {
  const { user, caseId } = await newMentor(2);
  // What the turn had written before it died: the derive job, then the entry. Nothing derived.
  const entry = {
    type: "reflection" as const,
    id: "reflection-crashed-turn",
    corpsId: DEMO.corpsId,
    caseId,
    authorId: user.aadObjectId,
    createdAt: clock().toISOString(),
    answers: ["Det gik godt.", "", "", "", "", "", "", ""],
    goalScores: [{ goalId: "g1", score: 6 }],
    match: "usikker" as const,
    wantsSparring: true,
  };
  await app.store.repos.jobs.create(deriveJob(entry, clock()));
  await app.store.repos.entries.create(entry);

  // A scheduler of a freshly started instance (same store), after the grace period.
  const bot = createBot(loadConfig({}), { repos: app.store.repos, clock, log: app.log });
  const scheduler = createScheduler({ repos: app.store.repos, clock, log: app.log, handlers: bot.jobHandlers });
  expect(await scheduler.tick()).toBe(0); // not due yet: the turn may still be finishing
  clock.advance(DERIVE_GRACE_MS);
  expect(await scheduler.tick()).toBe(1);

  const c = (await app.store.repos.cases.get(DEMO.corpsId, caseId))!.doc;
  expect(c.lastReflection?.entryId).toBe(entry.id);
  expect(c.goalForm.goals[0].score).toBe(6);
  expect(c.flags.map((f) => [f.kind, f.delivery])).toEqual([["match", "sent"], ["sparring", "sent"]]);
  expect(flagMessages()).toHaveLength(1);
  expect(messageText(flagMessages()[0].body)).toContain("i tvivl om matchet og ønsker sparring med dig");
  const index = await app.store.repos.caseIndex.get(DEMO.corpsId, user.aadObjectId);
  expect(index?.cases.find((i) => i.id === caseId)?.lastReflectionAt).toBe(entry.createdAt);
  expect(await app.store.repos.jobs.get(DEMO.corpsId, `derive-${entry.id}`)).toBeUndefined();

  // Running it again (another instance, a replay) changes nothing and tells no one twice.
  await bot.deriver.complete(entry);
  expect((await app.store.repos.cases.get(DEMO.corpsId, caseId))!.doc.revision).toBe(c.revision);
  expect(flagMessages()).toHaveLength(1);
});

test("a flag Teams refuses for a while is stored on the case and delivered by the job later, once", async () => {
  const { caseId, session } = await newMentor(3);
  connector.refuse(coordinatorChat, 503); // Teams' connector is down for a while: every attempt fails
  const card = await session.press("reflect.open", { caseId });
  const done = await session.submit(card, "reflect.submit", { r1: "Svært i dag.", match: "ja", sparring: "true", goal_g1: "3", progress: "4" });
  // The answer does not wait for Teams: the mentor is told it is saved and that the coordinator will hear of it.
  expect(cardText(done)).toContain("✓ Refleksion gemt");
  expect(cardText(done)).toContain("Din koordinator har fået besked");
  await eventually(async () => (await flagsOf(caseId))[0]?.delivery === "failed", "the failed delivery recorded");
  await app.drain(); // the message is back in the outbox, to be tried again a minute later
  expect(flagMessages()).toHaveLength(0);

  connector.allow(coordinatorChat);
  const bot = createBot(loadConfig({}), { repos: app.store.repos, clock, log: app.log });
  const scheduler = createScheduler({ repos: app.store.repos, clock, log: app.log, handlers: bot.jobHandlers });
  clock.advance(DERIVE_GRACE_MS);
  expect(await scheduler.tick()).toBeGreaterThanOrEqual(1);
  expect((await flagsOf(caseId)).map((f) => f.delivery)).toEqual(["sent"]);
  expect(flagMessages().filter((m) => messageText(m.body).includes("ønsker sparring"))).toHaveLength(1);
  // Done: the job is gone, and another tick sends nothing again.
  clock.advance(DERIVE_GRACE_MS);
  await scheduler.tick();
  expect(flagMessages()).toHaveLength(1);
}, 60_000); // the connector client backs off between its own retries

test("a coordinator who never talked to Løft: the mentor is told to contact them, and the flag is kept on the case", async () => {
  const { caseId, session } = await newMentor(7);
  const got = (await app.store.repos.cases.get(DEMO.corpsId, caseId))!;
  await app.store.repos.cases.update(DEMO.corpsId, caseId, (c) => ({ ...c, coordinatorId: "00000000-0000-4000-8000-00000000c0de" }), got);
  const card = await session.press("reflect.open", { caseId });
  const done = await session.submit(card, "reflect.submit", { r1: "Svært.", match: "nej", goal_g1: "2", progress: "2" });
  expect(cardText(done)).toContain("Din koordinator har ikke fået besked i Løft endnu (markeringen er gemt på forløbet)");
  await eventually(async () => (await flagsOf(caseId))[0]?.delivery === "unreachable", "the flag kept as unreachable");
  expect(flagMessages()).toHaveLength(0);
});

test("a replayed submission id is answered with the saved card only for its author and case", async () => {
  const a = await newMentor(4);
  const b = await newMentor(5);
  const card = await a.session.press("reflect.open", { caseId: a.caseId });
  const values = { r1: "Min egen refleksion.", match: "ja", goal_g1: "9", progress: "7" };
  expect(cardText(await a.session.submit(card, "reflect.submit", values))).toContain("9/10");
  // B takes A's submission id onto a card for B's own case: nothing of A's is shown, nothing is stored.
  const bCard = await b.session.press("reflect.open", { caseId: b.caseId });
  const submissionId = card.actions.find((x: any) => x.verb === "reflect.submit").data.submissionId;
  const answer = await b.session.submit(bCard, "reflect.submit", { ...values, goal_g1: "1" }, undefined);
  expect(cardText(answer)).not.toContain("9/10");
  const hijack = await b.session.press("reflect.submit", {
    ...card.actions.find((x: any) => x.verb === "reflect.submit").data,
    caseId: b.caseId,
    cardVersion: "1",
    submissionId,
    ...values,
  });
  expect(cardText(hijack)).not.toContain("9/10");
  expect(cardText(hijack)).toContain("Forløbet findes ikke (længere).");
  expect((await app.store.repos.cases.get(DEMO.corpsId, b.caseId))!.doc.goalForm.goals[0].score).toBe(1);
});

test("someone else's case answers exactly like a case that does not exist", async () => {
  const other = await newMentor(6);
  const me = new TeamsSession(app.url, connector.serviceUrl, demoMentor);
  const theirs = await me.press("prepare.open", { caseId: other.caseId });
  const missing = await me.press("prepare.open", { caseId: "case-me-zzzz" });
  expect(cardText(theirs)).toBe(cardText(missing));
});

test("the menu and the case picker are one point read of the coach's case index (and one of the directory entry; the picker writes its access-log line)", async () => {
  const mentor = new TeamsSession(app.url, connector.serviceUrl, demoMentor);
  await mentor.press("menu"); // the corps and member documents are now remembered, while the directory entry stays as it is
  const before = app.store.requestCount()!;
  const menu = await mentor.press("menu");
  // The directory entry is read on every turn, so a role change counts at once on every instance; the case index.
  expect(app.store.requestCount()! - before).toBe(2);
  expect(cardText(menu)).not.toContain("Du har ingen aktive forløb");
  const before2 = app.store.requestCount()!;
  const picker = await mentor.press("prepare.open");
  // The picker shows the cases' codes: who saw them is written to the access log (one write, issue 22).
  expect(app.store.requestCount()! - before2).toBe(3);
  const active = (await app.store.repos.cases.listForCoach(DEMO.corpsId, DEMO.mentor)).filter((c) => c.status === "active");
  for (const c of active) expect(cardText(picker)).toContain(c.code);
});

test("the same reflection pressed five times at once (Teams retries, a double tap) tells the coordinator once", async () => {
  const { caseId, session } = await newMentor(9);
  const card = await session.press("reflect.open", { caseId });
  const done = await Promise.all(Array.from({ length: 5 }, () => session.submit(card, "reflect.submit", { r1: "Svar", match: "usikker", goal_g1: "4", progress: "5" })));
  for (const d of done) expect(cardText(d)).toContain("✓ Refleksion gemt");
  await eventually(async () => (await flagsOf(caseId)).every((f) => f.delivery === "sent"), "the flag sent");
  await new Promise((r) => setTimeout(r, 300)); // a second send, if any, would land by now
  expect(await flagsOf(caseId)).toHaveLength(1);
  expect(flagMessages().filter((m) => messageText(m.body).includes("ME-D009"))).toHaveLength(1);
});

test("a low WHO-5 tells the coordinator once — the case code and the score, never the answers — and the mentor is told so", async () => {
  const { caseId, session } = await newMentor(21);
  const card = await session.press("measure.open", { caseId, instrument: "who5" });
  expect(cardText(card)).toContain("Borgeren svarer selv");
  const answers = { item1: "2", item2: "2", item3: "1", item4: "1", item5: "1" }; // 7 × 4 = 28
  const [done, again] = await Promise.all([session.submit(card, "measure.submit", answers), session.submit(card, "measure.submit", answers)]);
  for (const d of [done, again]) {
    expect(cardText(d)).toContain("Scoren er meget lav (28 eller derunder)");
    expect(cardText(d)).toContain("Din koordinator har fået besked");
    expect(cardText(d)).toContain("Et eller flere svar er »Lidt af tiden« eller »På intet tidspunkt«");
  }
  await eventually(async () => (await flagsOf(caseId)).some((f) => f.kind === "lowWho5" && f.delivery === "sent"), "the flag sent");
  const told = flagMessages().filter((m) => messageText(m.body).includes("ME-D021"));
  expect(told.map((m) => messageText(m.body))).toEqual(["Markering · ME-D021\nMentor 21 har markeret ME-D021: borgerens WHO-5-score er lav (28 af 100)."]);
  expect(await flagsOf(caseId)).toEqual([expect.objectContaining({ kind: "lowWho5", score: 28 })]);
});

test("a WHO-5 above 50 with one answer of 1 raises no flag: only the softer note", async () => {
  const { caseId, session } = await newMentor(22);
  const card = await session.press("measure.open", { caseId, instrument: "who5" });
  const done = await session.submit(card, "measure.submit", { item1: "3", item2: "3", item3: "3", item4: "3", item5: "1" }); // 52
  expect(cardText(done)).toContain("Et eller flere svar er »Lidt af tiden« eller »På intet tidspunkt«");
  expect(cardText(done)).not.toContain("Scoren er");
  expect(cardText(done)).not.toContain("koordinator");
  await app.drain();
  expect(await flagsOf(caseId)).toEqual([]);
  expect(flagMessages().filter((m) => messageText(m.body).includes("ME-D022"))).toEqual([]);
});
