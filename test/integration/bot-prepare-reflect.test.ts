// Preparation before and reflection after a conversation, over the Bot Framework protocol (issue 3).
import { Writable } from "node:stream";
import pino from "pino";
import { startTestApp, tempDataDir } from "../helpers/app";
import { TeamsSession } from "../helpers/bot";
import { actionTitles, cardText, findAction, findById, inputById, messageText } from "../helpers/cards";
import { startFakeConnector, type FakeConnector } from "../helpers/connector";
import { demoCoordinator, demoMentor, message, post } from "../helpers/teams";
import type { RunningApp } from "../../src/app";
import { manualClock } from "../../src/domain/clock";
import { DEMO } from "../../src/domain/demo";
import type { Case } from "../../src/domain/model";
import { addCoachWithCase } from "../helpers/seed";

const NOW = new Date("2026-11-24T09:00:00Z"); // a Tuesday, 10:00 in Copenhagen
let app: RunningApp;
let connector: FakeConnector;
let mentor: TeamsSession;
let logs = "";

const PREP_ANSWERS = {
  q1: "At vi får lagt en plan for praktikken.",
  q2: "Gåturen sidst virkede godt.",
  q3: "Spørge til weekenden.",
  q4: "Nej.",
  safety_place: "yes",
  safety_roles: "yes",
  safety_assumptions: "notRelevant",
  safety_risk: "yes",
  plannedDate: "2026-11-24",
  plannedTime: "14:00",
};

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs += chunk.toString();
      done();
    },
  });
  [app, connector] = await Promise.all([
    startTestApp({ clock: manualClock(NOW), log: pino({ level: "debug" }, sink) }),
    startFakeConnector(),
  ]);
  mentor = new TeamsSession(app.url, connector.serviceUrl, demoMentor);
});
afterAll(async () => {
  await Promise.all([app?.close(), connector?.close()]);
});
beforeEach(() => connector.clear());

async function mentorsActiveCases(): Promise<Case[]> {
  return (await app.store.repos.cases.listForCoach(DEMO.corpsId, DEMO.mentor)).filter((c) => c.status === "active");
}

async function openPreparation(c: Case) {
  const picker = await mentor.press("prepare.open");
  return mentor.submit(picker, "prepare.open", {}, (d) => d.caseId === c.id);
}

test("menu → Forbered samtale → pick the case → Gem: prepared in three presses, in Danish", async () => {
  const [c] = await mentorsActiveCases();
  const picker = await mentor.press("prepare.open"); // press 1: "Forbered samtale" on the menu
  expect(cardText(picker)).toContain("Vælg forløb");
  expect(cardText(picker)).toContain(c.code);

  const card = await mentor.submit(picker, "prepare.open", {}, (d) => d.caseId === c.id); // press 2: the case
  const text = cardText(card);
  expect(text).toContain(`Forbered samtale · ${c.code}`);
  expect(text).toContain("1. Hvad skal lykkes i dag? Hvordan vil jeg få det til at lykkes?");
  expect(text).toContain("4. Har jeg selv nogen holdninger, følelser og behov, som jeg har svært ved at håndtere professionelt?");
  expect(text).toContain("Sidst skrev du");
  expect(text).toContain(c.lastReflection!.text);
  for (const g of c.goalForm.goals) expect(text).toContain(g.text);
  expect(inputById(card, "plannedDate").value).toBe("2026-11-24"); // today, in Copenhagen
  expect(inputById(card, "plannedDate").placeholder).toBe("dd.mm.åååå");
  // the case's kind: a mentee, not "mentee/pårørende"
  expect(text).toContain("Hvad reagerede mentee positivt/negativt på?");
  expect(text).not.toContain("mentee/pårørende");
  // LØFT's prompts (001 §4.4), one press away
  expect(text).toContain("Hvad er dine bedste håb for det forløb, som du nu skal i gang med?");
  expect(text).toContain("Hvad gjorde du (eller andre), eller hvad skete, siden udfordringen ikke dukkede op?");
  // safety (004 Trin 2): each check answered ja / nej / ikke relevant, none a lone "Ja"
  const safety = ["safety_place", "safety_roles", "safety_assumptions", "safety_risk"].map((id) => inputById(card, id));
  for (const check of safety) expect(check.choices.map((x: any) => x.title)).toEqual(["Ja", "Nej", "Ikke relevant"]);
  expect(safety[1].label).toContain("roller og funktioner mellem de fagprofessionelle");
  expect(safety[2].label).toContain("fremtoning");
  expect(safety[3].label).toContain("systematisk risikovurdering");

  const done = await mentor.submit(card, "prepare.submit", { ...PREP_ANSWERS, focusGoals: c.goalForm.goals[0].id }); // press 3
  expect(cardText(done)).toContain(`✓ Forberedelse gemt · ${c.code}`);
  expect(cardText(done)).toContain("tirsdag 24. november kl. 14:00");
  expect(cardText(done)).toContain("Jeg minder dig om refleksionen tirsdag 24. november kl. 15:00.");
  expect(actionTitles(done)).toEqual(["Reflektér over samtalen", "Menu", "Akut bekymring"]);

  const stored = (await app.store.repos.entries.listForCase(DEMO.corpsId, c.id)).filter((e) => e.type === "preparation").pop()!;
  expect(stored).toMatchObject({
    type: "preparation",
    authorId: DEMO.mentor,
    answers: [PREP_ANSWERS.q1, PREP_ANSWERS.q2, PREP_ANSWERS.q3, PREP_ANSWERS.q4],
    focusGoalIds: [c.goalForm.goals[0].id],
    safety: { place: "yes", roles: "yes", assumptions: "notRelevant", risk: "yes" },
    plannedAt: "2026-11-24T13:00:00.000Z",
  });
});

test("a safety check answered nej is named on the done card; a time already past asks whether it was held, with no reminder", async () => {
  const [, c] = await mentorsActiveCases();
  const card = await openPreparation(c);
  const done = await mentor.submit(card, "prepare.submit", { ...PREP_ANSWERS, safety_risk: "no", plannedTime: "08:00" }); // 08:00 < 10:00 now
  const text = cardText(done);
  expect(text).toContain("ikke alt på plads — tal med din koordinator, hvis du er i tvivl");
  expect(text).toContain("Har samtalen allerede fundet sted? Så reflektér over den nu, mens du har den frisk i erindringen.");
  expect(text).not.toContain("Jeg minder dig om");
  expect(actionTitles(done)[0]).toBe("Reflektér over samtalen");
  const stored = (await app.store.repos.entries.listForCase(DEMO.corpsId, c.id)).filter((e) => e.type === "preparation").pop()!;
  expect(await app.store.repos.jobs.get(DEMO.corpsId, `msg-nudge-${c.id}-2026-11-24`)).toBeUndefined();
  expect(stored).toMatchObject({ safety: { risk: "no" } });
});

test("pressing Gem twice (a replayed submission) stores the preparation once", async () => {
  const [, c] = await mentorsActiveCases();
  const card = await openPreparation(c);
  const before = (await app.store.repos.entries.listForCase(DEMO.corpsId, c.id)).length;
  const first = await mentor.submit(card, "prepare.submit", PREP_ANSWERS);
  const again = await mentor.submit(card, "prepare.submit", PREP_ANSWERS);
  expect(cardText(again)).toEqual(cardText(first));
  expect(await app.store.repos.entries.listForCase(DEMO.corpsId, c.id)).toHaveLength(before + 1);
});

describe("free text with a CPR number, phone number or e-mail address", () => {
  test.each([
    ["q2", "Han gav mig sit cpr 010203-1234", "CPR-nummer"],
    ["q3", "Ring til mor på 22 33 44 55", "telefonnummer"],
    ["q1", "Skriv til ung@example.dk", "e-mailadresse"],
  ])("in %s is refused by name, with every answer kept and nothing stored or logged", async (field, bad, named) => {
    const [, , c] = await mentorsActiveCases();
    const card = await openPreparation(c);
    const before = (await app.store.repos.entries.listForCase(DEMO.corpsId, c.id)).length;
    const answers = { ...PREP_ANSWERS, [field]: bad };
    const back = await mentor.submit(card, "prepare.submit", answers);

    const text = cardText(back);
    expect(text).toContain(`indeholder et ${named}`.replace("et e-mail", "en e-mail"));
    expect(text).toContain("Intet er gemt endnu");
    for (const [id, value] of Object.entries(answers)) expect(inputById(back, id).value).toBe(value);
    // the same card: same submission, same case version
    expect(findAction(back, "prepare.submit").data).toEqual(findAction(card, "prepare.submit").data);
    expect(await app.store.repos.entries.listForCase(DEMO.corpsId, c.id)).toHaveLength(before);
    expect(logs).not.toContain(bad);
  });
});

test("a missing required answer is named and the card comes back filled in", async () => {
  const [c] = await mentorsActiveCases();
  const card = await openPreparation(c);
  const back = await mentor.submit(card, "prepare.submit", { ...PREP_ANSWERS, q1: "  ", plannedTime: "" });
  expect(cardText(back)).toContain("»Hvad skal lykkes i dag?« skal udfyldes.");
  expect(cardText(back)).toContain("»Klokkeslæt« skal udfyldes.");
  expect(inputById(back, "q2").value).toBe(PREP_ANSWERS.q2);
});

describe("reflection", () => {
  beforeAll(async () => {
    // The coordinator has opened Løft once, so the bot knows where to reach them.
    await post(app.url, message(demoCoordinator, connector.serviceUrl, "hej"));
    await connector.waitFor(1);
  });

  test("menu → Efter samtale → case → Gem: reflected, the case shows new scores, the next preparation shows it", async () => {
    const [c] = await mentorsActiveCases();
    const picker = await mentor.press("reflect.open");
    const card = await mentor.submit(picker, "reflect.open", {}, (d) => d.caseId === c.id);
    const text = cardText(card);
    expect(text).toContain(`Efter samtale · ${c.code}`);
    // What the mentor planned in the first test comes first, with the goal in focus.
    expect(text).toContain(`I dag ville du:\n${PREP_ANSWERS.q1}`);
    expect(text).toContain(`Fokus: ${c.goalForm.goals[0].text}`);
    expect(text).toContain("Lykkedes jeg med det, jeg havde tænkt inden samtalen? Hvorfor/hvorfor ikke?");
    // the case's kind, not "mentee/pårørende"
    expect(text).toContain("Er jeg det rette match for denne mentee?");
    expect(text).not.toContain("mentee/pårørende");
    expect(text).toContain("Er der noget, jeg har brug for hjælp til?");
    const goal = c.goalForm.goals[0];
    expect(inputById(card, `goal_${goal.id}`).value).toBe(String(goal.score)); // last score prefilled …
    expect(inputById(card, `goal_${goal.id}`).label).toBe(`${goal.text} · sidst ${goal.score}`); // … and named as such
    expect(inputById(card, "match").choices.map((x: any) => x.value)).toEqual(["ja", "usikker", "nej"]);
    // Questions 2–6 wait behind "Uddyb refleksionen", never required.
    const more = findById(card, "more");
    expect(more.isVisible).toBe(false);
    const behind = ["r2", "r3", "r4", "r5", "r6"].map((id) => findById(more, id));
    expect(behind.map((x) => (x ? x.isRequired === true : "missing"))).toEqual([false, false, false, false, false]);
    expect(behind[2].label).toContain("Lagde jeg som mentor mærke til dem under samtalen"); // question 4 as the seed has it
    expect(actionTitles(card)).toContain("Uddyb refleksionen");

    const other = c.goalForm.goals[1];
    const done = await mentor.submit(card, "reflect.submit", {
      r1: "Ja, vi fik lagt en plan for praktikken.",
      r6: "Positivt på planen, negativt på snak om skolen.",
      [`goal_${goal.id}`]: "7",
      match: "ja",
      progress: "6",
      lifeline: "ja",
      agreements: "Vi ses torsdag ved praktikstedet.",
    });
    expect(cardText(done)).toContain(`✓ Refleksion gemt · ${c.code}`);
    expect(cardText(done)).toContain("7/10");
    const entry = (await app.store.repos.entries.listForCase(DEMO.corpsId, c.id)).filter((e) => e.type === "reflection").pop()!;
    // A changed score and a confirmed one are told apart: each keeps the score the card started at.
    expect(entry).toMatchObject({ lifeline: "ja", agreements: "Vi ses torsdag ved praktikstedet." });
    expect(entry.type === "reflection" && entry.goalScores.slice(0, 2)).toEqual([
      { goalId: goal.id, score: 7, previous: goal.score },
      { goalId: other.id, score: other.score, previous: other.score },
    ]);
    const after = (await app.store.repos.cases.get(DEMO.corpsId, c.id))!.doc;
    expect(after.flags).toEqual([]); // no flag, nobody to notify
    expect(connector.calls).toHaveLength(0);
    expect(after.goalForm.goals[0].score).toBe(7);
    // The conversation prepared in the first test (for 14:00 today) now counts as prepared and reflected on, in time.
    expect(c.method?.pending).toMatchObject({ heldAt: "2026-11-24T13:00:00.000Z" });
    const month = (x: Case) => x.method?.months.find((m) => m.month === "2026-11");
    const was = month(c)!;
    expect(month(after)).toEqual({
      ...was,
      preparedReflected: was.preparedReflected + 1,
      reflections: was.reflections + 1,
      reflectionsPrepared: was.reflectionsPrepared + 1,
      reflectionsTimely: was.reflectionsTimely + 1,
    });
    expect(after.method?.pending).toBeUndefined();
    const next = await openPreparation(c);
    expect(cardText(next)).toContain("Sidst skrev du (24.11.2026):");
    expect(cardText(next)).toContain("Ja, vi fik lagt en plan for praktikken. · Positivt på planen, negativt på snak om skolen.");
  });

  test("an unsure match and a wish for sparring tell the coordinator at once: case code and flags only", async () => {
    const [, c] = await mentorsActiveCases();
    const card = await mentor.press("reflect.open", { caseId: c.id });
    const secret = "Jeg tvivler på, om jeg kan rumme hans vrede mod sin far.";
    const done = await mentor.submit(card, "reflect.submit", { r1: "Delvist.", r7: secret, match: "usikker", sparring: "true", progress: "4" });
    expect(cardText(done)).toContain("Din koordinator har fået besked");

    const [sent] = await connector.waitFor(1);
    expect(sent.conversationId).toBe(`a:personal-${DEMO.coordinator}`);
    expect(messageText(sent.body)).toBe(`Markering · ${c.code}\nDemo Mentor har markeret ${c.code}: i tvivl om matchet og ønsker sparring med dig.`);
    expect(JSON.stringify(sent.body)).not.toContain(secret);

    // The message's buttons: open the case, or mark the flag handled there and then — the corps' list stops showing it.
    const message = sent.body.attachments[0].content;
    expect(actionTitles(message)).toEqual([`Åbn ${c.code}`, "Marker som håndteret", "Menu"]);
    const coordinator = new TeamsSession(app.url, connector.serviceUrl, demoCoordinator);
    const opened = await coordinator.submit(message, "coord.case");
    expect(cardText(opened)).toContain(`Forløb ${c.code}`);
    expect(cardText(opened)).toContain("ønsker sparring");
    /** The case's row in the coordinator's list of the corps' cases. */
    const rowOf = async () => {
      const text = cardText(await coordinator.press("coord.cases"));
      return text.slice(text.indexOf(c.code), text.indexOf("Åbn", text.indexOf(c.code)));
    };
    expect(await rowOf()).toContain("⚑ tvivl om match: usikker");
    expect(cardText(await mentor.submit(message, "coord.flagsHandled"))).toContain("Hvad vil du gøre?"); // a mentor gets the menu
    const handled = await coordinator.submit(message, "coord.flagsHandled");
    expect(cardText(handled)).toContain(`✓ Markeringen på ${c.code} er håndteret`);
    expect(cardText(handled)).toContain("✓ Markering håndteret af Demo Koordinator");
    expect(actionTitles(handled)).not.toContain("Marker som håndteret");
    expect(await rowOf()).not.toContain("⚑");
    // Pressed again (a second coordinator, a double tap): nothing changes, the same card.
    const again = await coordinator.submit(message, "coord.flagsHandled");
    expect(cardText(again)).toContain("✓ Markering håndteret af Demo Koordinator");
  });

  test("the progress scale is asked only when due (every second month)", async () => {
    const [c] = await mentorsActiveCases(); // progress given in the first reflection test, today
    const card = await mentor.press("reflect.open", { caseId: c.id });
    expect(inputById(card, "progress")).toBeUndefined();
  });

  test("a phone number in a reflection is refused and nothing is stored", async () => {
    const [, , , c] = await mentorsActiveCases();
    const card = await mentor.press("reflect.open", { caseId: c.id });
    const before = (await app.store.repos.entries.listForCase(DEMO.corpsId, c.id)).length;
    const back = await mentor.submit(card, "reflect.submit", { r1: "Fint.", r5: "Hun gav mig +45 22334455", match: "ja", progress: "5" });
    expect(cardText(back)).toContain("Svaret på »Hvordan var samspillet mellem os?« indeholder et telefonnummer.");
    expect(inputById(back, "r5").value).toBe("Hun gav mig +45 22334455");
    expect(inputById(back, "match").value).toBe("ja");
    expect(await app.store.repos.entries.listForCase(DEMO.corpsId, c.id)).toHaveLength(before);
  });
});

describe("stale cards", () => {
  test("a card for a case whose goals changed since it was shown is refused, with a way to a new card", async () => {
    const [c] = await mentorsActiveCases();
    const card = await openPreparation(c);
    const got = (await app.store.repos.cases.get(DEMO.corpsId, c.id))!;
    await app.store.repos.cases.update(DEMO.corpsId, c.id, (x) => ({ ...x, version: x.version + 1 }), got);
    const back = await mentor.submit(card, "prepare.submit", PREP_ANSWERS);
    expect(cardText(back)).toContain("Forløbet er ændret, siden kortet blev vist");
    expect(actionTitles(back)).toEqual(["Åbn nyt kort", "Menu"]);
    const fresh = await mentor.submit(back, "prepare.open");
    expect(cardText(fresh)).toContain(`Forbered samtale · ${c.code}`);
  });

  test("a card for a closed case says so and stores nothing", async () => {
    const [, , c] = await mentorsActiveCases();
    const card = await mentor.press("reflect.open", { caseId: c.id });
    const got = (await app.store.repos.cases.get(DEMO.corpsId, c.id))!;
    await app.store.repos.cases.update(DEMO.corpsId, c.id, (x) => ({ ...x, status: "closed" }), got);
    const before = (await app.store.repos.entries.listForCase(DEMO.corpsId, c.id)).length;
    const back = await mentor.submit(card, "reflect.submit", { r1: "Fint.", match: "ja", progress: "5" });
    expect(cardText(back)).toContain("Forløbet er afsluttet");
    expect(await app.store.repos.entries.listForCase(DEMO.corpsId, c.id)).toHaveLength(before);
  });

  test("someone else's case cannot be opened or written to", async () => {
    const others = (await app.store.repos.cases.list(DEMO.corpsId)).find((c) => c.coachId !== DEMO.mentor && c.status === "active")!;
    const card = await mentor.press("prepare.open", { caseId: others.id });
    expect(cardText(card)).toContain("Forløbet findes ikke");
    expect(cardText(card)).not.toContain(others.code);
  });
});

test("a coach with a single active case goes straight to the card", async () => {
  const aad = "0000000d-0000-0000-0000-0000000000aa";
  await addCoachWithCase(app.store, { aad, name: "Ny Mentor", code: "ME-NEW1", goals: [{ id: "g1", text: "Komme i skole" }] });
  const session = new TeamsSession(app.url, connector.serviceUrl, { aadObjectId: aad, name: "Ny Mentor" });
  const card = await session.press("prepare.open");
  expect(cardText(card)).toContain("Forbered samtale · ME-NEW1");
  // a new case: the first-conversations checklist (001 §5.1) is offered
  expect(cardText(card)).toContain("Tjekliste til de første samtaler");
  expect(cardText(card)).toContain("Hvor tit skal I mødes?");
  expect(cardText(card)).toContain("hvis der er en konkret adfærd, der er bekymring for, så nævn også denne");
  expect(cardText(card)).not.toContain("Sidst skrev du");
  // «Frivilligt» is said first; the checklist stays after the first reflection, until the coach says the first
  // conversations are in place.
  expect(cardText(card).indexOf("Sig det først: forløbet er frivilligt")).toBeLessThan(cardText(card).indexOf("Om formålet med dagens samtale"));
  await session.submit(card, "prepare.submit", { ...PREP_ANSWERS, plannedDate: "2026-11-24", plannedTime: "08:00" });
  const reflection = await session.press("reflect.open");
  await session.submit(reflection, "reflect.submit", { r1: "Godt første møde.", match: "ja", progress: "5" });
  const second = await session.press("prepare.open");
  expect(cardText(second)).toContain("Tjekliste til de første samtaler");
  await session.submit(second, "prepare.submit", { ...PREP_ANSWERS, plannedDate: "2026-11-24", plannedTime: "08:00", firstDone: "true" });
  expect(cardText(await session.press("prepare.open"))).not.toContain("Tjekliste til de første samtaler");
});

test("Mine forløb lists the mentor's active cases by code with their goals", async () => {
  const card = await mentor.press("cases.list");
  const cases = await mentorsActiveCases();
  for (const c of cases) expect(cardText(card)).toContain(c.code);
  const others = (await app.store.repos.cases.list(DEMO.corpsId)).filter((c) => c.coachId !== DEMO.mentor);
  for (const c of others) expect(cardText(card)).not.toContain(c.code);
});

test("the last reflection is shown in the next preparation also after a restart", async () => {
  const dataDir = tempDataDir();
  const clock = manualClock(NOW);
  const first = await startTestApp({ dataDir, clock });
  const s1 = new TeamsSession(first.url, connector.serviceUrl, demoMentor);
  const [c] = (await first.store.repos.cases.listForCoach(DEMO.corpsId, DEMO.mentor)).filter((x) => x.status === "active");
  const card = await s1.press("reflect.open", { caseId: c.id });
  await s1.submit(card, "reflect.submit", { r1: "Skrevet før genstart.", match: "ja", progress: "5" });
  await first.close();

  const second = await startTestApp({ dataDir, clock });
  try {
    const s2 = new TeamsSession(second.url, connector.serviceUrl, demoMentor);
    const prep = await s2.press("prepare.open", { caseId: c.id });
    expect(cardText(prep)).toContain("Skrevet før genstart.");
  } finally {
    await second.close();
  }
});
