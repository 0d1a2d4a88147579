// A real corps runs a case from referral to closing (issue 8), over the Bot Framework protocol on an empty store:
// the app is added to a team, the coordinator sets the corps up, opens a case for a mentor who has never written to
// Løft (the mentor is told in a chat Løft starts, and prepares the first conversation), changes the goals (the
// mentor's open card is stale), hands the case over (both told), pauses and resumes it, starts closing it, and closes
// it with a reason and the after-reflection. A leader sees no case; another tenant's corps reaches nothing of it.
import { randomUUID } from "node:crypto";
import { startTestApp } from "../helpers/app";
import { TeamsSession } from "../helpers/bot";
import { actionTitles, cardText, findAction, inputById } from "../helpers/cards";
import { startFakeConnector, type FakeConnector } from "../helpers/connector";
import { execute, post, teamEvent, type TeamsUser } from "../helpers/teams";
import { eventually } from "../helpers/until";
import type { RunningApp } from "../../src/app";
import { manualClock } from "../../src/domain/clock";
import { corpsIdFor, roleField } from "../../src/domain/corps";
import { DERIVE_GRACE_MS } from "../../src/domain/jobs";
import type { Case } from "../../src/domain/model";

const TENANT = "4b1c6a52-1d4e-4c1b-9a57-7d2f5e8b9c02";
const OTHER_TENANT = "9b1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4e";
const TEAM = "19:korps-odense@thread.tacv2";
const person = (n: number, name: string, tenantId = TENANT): TeamsUser & { id: string } => ({
  aadObjectId: `6e0c6a52-0000-4000-8000-00000000001${n}`,
  name,
  tenantId,
  id: `29:odense-${n}`,
});
const anne = person(1, "Anne Koordinator");
const bo = person(2, "Bo Mentor");
const cai = person(3, "Cai Leder");
const dan = person(4, "Dan Mentor");
const eva = person(5, "Eva Pårørendecoach");
const roster = [anne, bo, cai, dan, eva].map(({ id, aadObjectId, name }) => ({ id, aadObjectId, name }));
const CORPS = corpsIdFor(TENANT, TEAM);
const clock = manualClock(new Date("2026-11-25T09:00:00Z"));

let app: RunningApp;
let connector: FakeConnector;
let coordinator: TeamsSession;

const installedBy = (by: TeamsUser & { id: string }, tenantId: string, teamName: string) =>
  teamEvent(by, connector.serviceUrl, { id: TEAM, name: teamName, tenantId });

/** What Løft sent into a member's personal chat (the chat Løft started, or the one they have). */
async function chatOf(user: TeamsUser): Promise<any[]> {
  const m = await app.store.repos.members.get(CORPS, user.aadObjectId);
  const conv = m?.conversation?.conversationId;
  return conv ? connector.calls.filter((c) => c.conversationId === conv && c.method === "POST" && c.path.includes("/activities")).map((c) => c.body) : [];
}
const textOf = (activity: any) => activity.text ?? cardText(activity.attachments?.[0]?.content);
const caseOf = async (code: string): Promise<Case> => (await app.store.repos.cases.list(CORPS)).find((c) => c.code === code)!;

beforeAll(async () => {
  [app, connector] = await Promise.all([startTestApp({ clock, env: { SEED_DEMO: "false", SCHEDULER_INTERVAL_SECONDS: "0" } }), startFakeConnector()]);
  connector.setRoster(TEAM, roster);
  // Added to the team by Anne; she gives the roles on the set-up card.
  expect((await post(app.url, installedBy(anne, TENANT, "Forebyggelse Odense"))).status).toBe(200);
  coordinator = new TeamsSession(app.url, connector.serviceUrl, anne);
  const setup = await coordinator.press("setup.open");
  const done = await coordinator.submit(setup, "setup.submit", {
    municipality: "0461",
    [roleField(anne.aadObjectId)]: "coordinator",
    [roleField(bo.aadObjectId)]: "mentor",
    [roleField(cai.aadObjectId)]: "leader",
    [roleField(dan.aadObjectId)]: "mentor",
    [roleField(eva.aadObjectId)]: "relativeCoach",
  });
  expect(cardText(done)).toContain("Korpset er sat op");
});
afterAll(() => Promise.all([app?.close(), connector?.close()]));

let code = "";

test("the coordinator's menu offers Nyt forløb and Forløb; a mentor's and a leader's do not", async () => {
  expect(actionTitles(await coordinator.press("menu"))).toEqual(expect.arrayContaining(["Nyt forløb", "Forløb", "Korpset"]));
  for (const u of [dan, cai]) {
    const titles = actionTitles(await new TeamsSession(app.url, connector.serviceUrl, u).press("menu"));
    expect(titles).not.toContain("Nyt forløb");
    expect(titles).not.toContain("Forløb");
  }
});

test("Nyt forløb refuses an identifier and a coach of the wrong kind, and hands the card back with every answer", async () => {
  const card = await coordinator.press("coord.new");
  const back = await coordinator.submit(card, "coord.create", {
    kind: "mentor",
    coachId: eva.aadObjectId, // a relative coach for a mentor case
    referralDate: "2026-11-02",
    dimensions: "1,5",
    worries: "Mor ringer fra 23 45 67 89 om ham",
    goal1: "Komme i skole hver dag",
    score1: "2",
  });
  const text = cardText(back);
  expect(text).toContain("Svaret på »Hvad er vi bekymrede for?« indeholder et telefonnummer.");
  expect(text).toContain("vælg en med den rolle, forløbet kræver");
  expect(text).toContain("Løft må ikke gemme CPR-numre");
  expect(inputById(back, "worries").value).toBe("Mor ringer fra 23 45 67 89 om ham");
  expect(inputById(back, "goal1").value).toBe("Komme i skole hver dag");
  expect(inputById(back, "dimensions").value).toBe("1,5");
  expect(await app.store.repos.cases.list(CORPS)).toEqual([]);
});

test("a case is created for Bo, who never wrote to Løft: he is told in a chat Løft starts, with the checklist, and prepares", async () => {
  const card = await coordinator.press("coord.new");
  // Only mentors and relative coaches are offered; the leader and the coordinator are not.
  const offered = inputById(card, "coachId").choices.map((c: any) => c.title);
  expect(offered).toEqual(["Bo Mentor · Mentor", "Dan Mentor · Mentor", "Eva Pårørendecoach · Pårørendecoach"]);
  const answers = {
    kind: "mentor",
    coachId: bo.aadObjectId,
    referralDate: "2026-11-02",
    dimensions: "1,4,6",
    worries: "Deler voldsforherligende indhold",
    working: "Har en god relation til sin træner",
    goal1: "Komme i skole hver dag",
    score1: "2",
    goal2: "Tilbage til fodbold",
    score2: "4",
  };
  const created = await coordinator.submit(card, "coord.create", answers);
  expect(cardText(created)).toMatch(/✓ Forløb oprettet · ME-[2-9A-HJ-NP-Z]{4}/);
  expect(cardText(created)).toContain("Bo Mentor får besked i sin chat med Løft nu");
  code = /ME-[2-9A-HJ-NP-Z]{4}/.exec(cardText(created))![0];
  // Pressing the button again (Teams retries) makes no second case and tells Bo once.
  await coordinator.submit(card, "coord.create", answers);

  const c = await caseOf(code);
  // A case starts as «henvist»: Bo seeks contact on the citizen's terms; its duration has not begun.
  expect(c).toMatchObject({ kind: "mentor", coachId: bo.aadObjectId, coordinatorId: anne.aadObjectId, status: "referred", referral: { dimensions: [1, 4, 6] } });
  expect(c.startedAt).toBeUndefined();
  expect(c.goalForm.goals.map((g) => [g.text, g.score])).toEqual([["Komme i skole hver dag", 2], ["Tilbage til fodbold", 4]]);
  expect(await app.store.repos.cases.list(CORPS)).toHaveLength(1);

  const told = await eventually(async () => (await chatOf(bo)).find((a) => textOf(a).includes(`Nyt forløb til dig · ${code}`)), "Bo told");
  const started = connector.calls.filter((x) => x.method === "POST" && x.path === "/v3/conversations" && x.body.members?.[0]?.id === bo.id);
  expect(started).toHaveLength(1);
  const card2 = told.attachments[0].content;
  expect(cardText(card2)).toContain("Anne Koordinator har givet dig et mentorforløb");
  expect(cardText(card2)).toContain("Komme i skole hver dag (2/10)");
  expect(cardText(card2)).toContain("Tjekliste til de første samtaler");
  expect((await chatOf(bo)).filter((a) => textOf(a).includes("Nyt forløb til dig"))).toHaveLength(1);
  await eventually(async () => (await caseOf(code)).notices[0].delivery === "sent", "delivery recorded");

  // Bo presses «Forbered første samtale» on the message and saves a preparation.
  const mentor = new TeamsSession(app.url, connector.serviceUrl, bo);
  const prepare = await mentor.press("prepare.open", findAction(card2, "prepare.open").data);
  expect(cardText(prepare)).toContain(`Forbered samtale · ${code}`);
  const saved = await mentor.submit(prepare, "prepare.submit", { q1: "Lære ham at kende", plannedDate: "2026-11-30", plannedTime: "14:00" });
  expect(cardText(saved)).toContain(`✓ Forberedelse gemt · ${code}`);
  // His menu counts the case.
  expect(cardText(await mentor.press("menu"))).not.toContain("ingen aktive forløb");
});

test("the coordinator's list shows the corps' cases with mentor; a leader reaches no case at all", async () => {
  const list = await coordinator.press("coord.cases");
  expect(cardText(list)).toContain(`**${code}** · mentorforløb · Bo Mentor`);
  expect(cardText(list)).toContain("Henvist (1)");

  const leader = new TeamsSession(app.url, connector.serviceUrl, cai);
  const c = await caseOf(code);
  for (const [verb, data] of [
    ["coord.cases", {}],
    ["coord.case", { caseId: c.id }],
    ["coord.close", { caseId: c.id }],
  ] as const) {
    expect(cardText(await leader.press(verb, data))).not.toContain(code);
  }
  expect(cardText(await leader.press("prepare.open", { caseId: c.id }))).toContain("Forløbet findes ikke");
  expect(cardText(await leader.press("cases.list"))).not.toContain(code);
  // A mentor cannot use the coordinator's verbs either, even with the right ids.
  const mentorTries = await new TeamsSession(app.url, connector.serviceUrl, dan).press("coord.pauseSubmit", { caseId: c.id, cardVersion: c.version, submissionId: randomUUID() });
  expect(cardText(mentorTries)).not.toContain("pause");
  expect((await caseOf(code)).status).toBe("referred");
});

test("the contact phase: «Kontakt er etableret», then «Borgeren siger ja» starts the case; Bo works on it throughout", async () => {
  const c = await caseOf(code);
  const mentor = new TeamsSession(app.url, connector.serviceUrl, bo);
  expect(cardText(await mentor.press("cases.open", { caseId: c.id }))).toContain("Henvist: find kontakt med borgeren på borgerens præmisser");
  expect(cardText(await coordinator.press("coord.cases"))).toMatch(new RegExp(`${code}\\*\\* · mentorforløb · Bo Mentor\\nOprettet \\d+\\.\\d+\\.\\d{4}`));
  const admin = await coordinator.press("coord.case", { caseId: c.id });
  expect(cardText(admin)).toContain("ikke endnu — kontakt søges");
  expect(actionTitles(admin)).toContain("Kontakt er etableret");
  expect(actionTitles(admin)).not.toContain("Sæt på pause");
  expect(actionTitles(admin)).not.toContain("Borgeren siger ja — forløbet starter");
  const made = await coordinator.submit(admin, "coord.contactMade");
  expect(cardText(made)).toContain(`✓ Kontakt med borgeren er etableret · ${code}`);
  expect(cardText(made)).toContain("ikke endnu — afklaring");
  expect((await caseOf(code)).status).toBe("clarifying");
  expect(cardText(await coordinator.press("coord.cases"))).toContain("Afklaring (1)");
  // Bo works on it as on any case: he prepares, and his case card says what the phase asks.
  expect(cardText(await mentor.press("prepare.open", { caseId: c.id }))).toContain(`Forbered samtale · ${code}`);
  expect(cardText(await mentor.press("cases.open", { caseId: c.id }))).toContain("Afklaring: I finder ud af, om et forløb giver mening for jer begge.");
  // «Borgeren takkede nej» is a reason only now, before the start.
  expect(cardText(await coordinator.press("coord.close", { caseId: c.id }))).toContain("Borgeren takkede nej");
  const yes = await coordinator.submit(made, "coord.start");
  expect(cardText(yes)).toContain(`✓ Forløb ${code} er startet`);
  const after = await caseOf(code);
  expect(after).toMatchObject({ status: "active", startedAt: clock().toISOString(), version: c.version });
  expect(cardText(await coordinator.press("coord.close", { caseId: c.id }))).not.toContain("Borgeren takkede nej");
  // The press replayed changes nothing.
  expect(cardText(await coordinator.submit(made, "coord.start"))).toContain(`✓ Forløb ${code} er startet`);
  expect((await caseOf(code)).startedAt).toBe(after.startedAt);
});

test("changing the goals makes Bo's open card stale, and says so; the new goals are on his next card", async () => {
  const mentor = new TeamsSession(app.url, connector.serviceUrl, bo);
  const open = await mentor.press("reflect.open", { caseId: (await caseOf(code)).id });

  const goals = await coordinator.press("coord.goals", { caseId: (await caseOf(code)).id });
  expect(inputById(goals, "goal1").value).toBe("Komme i skole hver dag");
  const saved = await coordinator.submit(goals, "coord.goalsSubmit", { goal2: "", score2: "", goal3: "En fritidsaktivitet", score3: "1" });
  expect(cardText(saved)).toContain(`✓ Målskema gemt · ${code}`);

  const stale = await mentor.submit(open, "reflect.submit", { r1: "Det gik fint", match: "ja" });
  expect(cardText(stale)).toContain("Forløbet er ændret, siden kortet blev vist");
  const fresh = await mentor.press("reflect.open", { caseId: (await caseOf(code)).id });
  expect(cardText(fresh)).toContain("En fritidsaktivitet");
  expect(cardText(fresh)).not.toContain("Tilbage til fodbold");
});

test("«Målskemaet er aftalt»: noted once with the date and who noted it; the mentor sees it on the case", async () => {
  const mentor = new TeamsSession(app.url, connector.serviceUrl, bo);
  const c = await caseOf(code);
  expect(cardText(await mentor.press("cases.open", { caseId: c.id }))).toContain("Endnu ikke aftalt med borgeren ved et opstartsmøde");
  const admin = await coordinator.press("coord.case", { caseId: c.id });
  expect(cardText(admin)).toContain("endnu ikke aftalt ved et opstartsmøde");
  const [done, again] = await Promise.all([coordinator.submit(admin, "coord.goalsAgreed"), coordinator.submit(admin, "coord.goalsAgreed")]);
  for (const d of [done, again]) expect(cardText(d)).toContain(`✓ Målskemaet for ${code} er noteret som aftalt med borgeren`);
  expect(cardText(done)).toMatch(/aftalt med borgeren \d+\.\d+\.\d{4} \(noteret af Anne Koordinator\)/);
  expect(actionTitles(done)).not.toContain("Målskemaet er aftalt");
  const after = await caseOf(code);
  expect(after.goalsAgreed?.by).toBe(anne.aadObjectId.toLowerCase());
  expect(after.version).toBe(c.version); // the mentor's open cards stay valid
  expect(cardText(await mentor.press("cases.open", { caseId: c.id }))).toMatch(/Aftalt med borgeren ved opstartsmødet \d+\.\d+\.\d{4}/);
});

test("pause: Bo is told and cannot save on the case; resume: he can again", async () => {
  const mentor = new TeamsSession(app.url, connector.serviceUrl, bo);
  let admin = await coordinator.press("coord.case", { caseId: (await caseOf(code)).id });
  // the case's six actions in the card (Teams shows at most six in one row), the menu in the card's own bar
  expect(actionTitles(admin)).toEqual(["Menu", "Adgangslog", "Slet forløb", "Ret målskema", "Skift mentor", "Sæt på pause", "Start afslutning", "Afslut forløb", "Alle forløb"]);
  // «Sæt på pause» asks why and until about when; the coordinator is reminded that morning.
  const pauseCard = await coordinator.submit(admin, "coord.pauseOpen");
  expect(cardText(pauseCard)).toContain(`Sæt forløb ${code} på pause`);
  const missing = await coordinator.submit(pauseCard, "coord.pauseSubmit");
  expect(cardText(missing)).toContain("»Hvorfor sættes forløbet på pause?« skal udfyldes.");
  expect(cardText(missing)).toContain("»Forventet slut« skal udfyldes.");
  const paused = await coordinator.submit(missing, "coord.pauseSubmit", { reason: "treatment", until: "2026-12-20" });
  expect(cardText(paused)).toContain(`✓ Forløb ${code} er sat på pause`);
  expect(cardText(paused)).toContain("Borgeren er i behandling eller indlagt · forventet slut 20.12.2026");
  expect(cardText(paused)).toContain("Løft minder dig om forløbet om morgenen 20.12.2026.");
  const pausedCase = await caseOf(code);
  expect(await app.store.repos.jobs.get(CORPS, `msg-pause-${pausedCase.pause!.actionId}`)).toMatchObject({ doc: { dueAt: "2026-12-20T08:00:00.000Z" } });
  expect(cardText(await coordinator.press("coord.case", { caseId: pausedCase.id }))).toContain("Pause");
  await eventually(async () => (await chatOf(bo)).some((a) => textOf(a).includes(`Anne Koordinator har sat forløb ${code} på pause`)), "Bo told of the pause");
  expect(cardText(await mentor.press("prepare.open", { caseId: (await caseOf(code)).id }))).toContain("sat på pause");
  expect(cardText(await mentor.press("cases.list"))).toContain("Sat på pause af koordinatoren");

  admin = await coordinator.press("coord.case", { caseId: (await caseOf(code)).id });
  expect(actionTitles(admin)).toContain("Genoptag");
  await coordinator.submit(admin, "coord.resume");
  await eventually(async () => (await chatOf(bo)).some((a) => textOf(a).includes(`genoptaget forløb ${code}`)), "Bo told of the resumption");
  expect(cardText(await mentor.press("prepare.open", { caseId: (await caseOf(code)).id }))).toContain(`Forbered samtale · ${code}`);
});

test("the case is handed to Dan: both are told, Dan sees it with its history, Bo no longer reaches it", async () => {
  const before = await caseOf(code);
  const card = await coordinator.press("coord.reassign", { caseId: before.id });
  // Only other mentors: not Bo (has it), not Eva (relative coach).
  expect(inputById(card, "coachId").choices.map((c: any) => c.title)).toEqual(["Dan Mentor · Mentor"]);
  const done = await coordinator.submit(card, "coord.reassignSubmit", { coachId: dan.aadObjectId });
  expect(cardText(done)).toContain(`✓ Forløb ${code} er flyttet til Dan Mentor`);
  expect(cardText(done)).toContain("Dan Mentor og Bo Mentor får besked");

  await eventually(async () => (await chatOf(bo)).some((a) => textOf(a).includes(`har flyttet forløb ${code} til Dan Mentor`)), "Bo told");
  const danTold = await eventually(async () => (await chatOf(dan)).find((a) => textOf(a).includes(`Du har overtaget forløb ${code}`)), "Dan told");
  expect(textOf(danTold)).toContain("efter Bo Mentor");
  expect(textOf(danTold)).toContain("Komme i skole hver dag");

  const bosTry = await new TeamsSession(app.url, connector.serviceUrl, bo).press("prepare.open", { caseId: before.id });
  expect(cardText(bosTry)).toContain("Forløbet findes ikke");
  expect(cardText(await new TeamsSession(app.url, connector.serviceUrl, bo).press("cases.list"))).not.toContain(code);
  const dans = await new TeamsSession(app.url, connector.serviceUrl, dan).press("cases.list");
  expect(cardText(dans)).toContain(code);
});

test("start closing asks Dan for the closing dialogue; closing with a reason tells him and asks for his after-reflection; the coordinator adds the joint one", async () => {
  const c = await caseOf(code);
  await coordinator.submit(await coordinator.press("coord.case", { caseId: c.id }), "coord.startClosing");
  const asked = await eventually(async () => (await chatOf(dan)).find((a) => textOf(a).includes(`Forløb ${code} skal afsluttes`)), "Dan asked");
  expect(actionTitles(asked.attachments[0].content)).toContain("Afslutningssamtale");

  // Before the case is closed, an after-reflection card says it comes after the closing (not that the case is gone).
  const early = await new TeamsSession(app.url, connector.serviceUrl, dan).press("after.open", { caseId: c.id });
  expect(cardText(early)).toContain("Efterrefleksionen skrives, når forløbet er afsluttet.");
  expect(cardText(await coordinator.press("coord.after", { caseId: c.id }))).toContain("Efterrefleksionen skrives, når forløbet er afsluttet.");

  const close = await coordinator.press("coord.close", { caseId: c.id });
  // Dan has not saved the closing dialogue: the card says so, and closing is still possible.
  expect(cardText(close)).toContain("Mentoren har ikke gemt afslutningssamtalen endnu");
  // The after-reflection follows the closing, held together: the card says how, and asks nothing of it.
  expect(cardText(close)).toContain("bliver mentoren bedt om at skrive sin efterrefleksion i sin chat med Løft");
  expect(cardText(close)).not.toContain("Hvad virkede godt i forløbet");
  const refused = await coordinator.submit(close, "coord.closeSubmit", { reasonText: "" });
  expect(cardText(refused)).toContain("»Hvorfor afsluttes forløbet?« skal udfyldes.");
  expect(cardText(refused)).toContain(`Sæt flueben ved »Ja, forløb ${code} afsluttes nu« for at afslutte forløbet.`);
  expect(cardText(refused)).toContain("Mentoren har ikke gemt afslutningssamtalen"); // still said on the card handed back
  // «Andet» needs a few words; an unconfirmed close is not a close.
  const other = await coordinator.submit(refused, "coord.closeSubmit", { reason: "other", confirm: "true" });
  expect(cardText(other)).toContain("Skriv kort, hvorfor forløbet afsluttes, når du vælger »Andet«.");
  const unconfirmed = await coordinator.submit(refused, "coord.closeSubmit", { reason: "goalsReached", confirm: "false" });
  expect(cardText(unconfirmed)).toContain(`Sæt flueben ved »Ja, forløb ${code} afsluttes nu«`);
  expect((await caseOf(code)).status).toBe("closing");

  const closed = await coordinator.submit(refused, "coord.closeSubmit", { reason: "goalsReached", confirm: "true" });
  expect(cardText(closed)).toContain(`✓ Forløb ${code} er afsluttet`);
  expect(cardText(closed)).toContain("Årsag: De vigtigste mål er nået.");
  expect(cardText(closed)).toContain("Mentoren bliver bedt om at skrive sin efterrefleksion først. Den fælles tilføjer du på forløbet under »Efterrefleksion« — senest 25.12.2026.");
  const after = await caseOf(code);
  expect(after).toMatchObject({ status: "closed", closeReason: "goalsReached" });
  expect(cardText(await new TeamsSession(app.url, connector.serviceUrl, dan).press("cases.list"))).not.toContain(code);

  // Dan is told, and asked for his after-reflection first: the seed's seven questions, verbatim.
  const told = await eventually(async () => (await chatOf(dan)).find((a) => textOf(a).includes(`Forløb ${code} er afsluttet`)), "Dan told");
  expect(textOf(told)).toContain("Anne Koordinator har afsluttet forløbet (de vigtigste mål er nået)");
  expect(textOf(told)).toContain("Senest 25.12.2026");
  const danSession = new TeamsSession(app.url, connector.serviceUrl, dan);
  const danCard = await danSession.submit(told.attachments[0].content, "after.open");
  expect(cardText(danCard)).toContain("Gav forløbet anledning til læring om mentee, vi skal være opmærksomme på ved et eventuelt videre forløb eller anden indsats?");
  expect(cardText(danCard)).toContain("Hvad kan vi omvendt gøre bedre til næste gang, vi har et forløb med andre borgere i samme situation?");
  expect(cardText(danCard)).not.toContain("Læring til infohuset"); // the coordinator's part
  const empty = await danSession.submit(danCard, "after.submit", {});
  expect(cardText(empty)).toContain("Skriv mindst ét svar, før du gemmer.");
  // A phone number is refused, with his answers kept.
  const withPhone = await danSession.submit(danCard, "after.submit", { a1: "Mødet på biblioteket", a6: "Ring til ham på 22 33 44 55" });
  expect(cardText(withPhone)).toContain("telefonnummer");
  expect(inputById(withPhone, "a1").value).toBe("Mødet på biblioteket");
  const danSaved = await danSession.submit(withPhone, "after.submit", { a1: "Mødet på biblioteket", a6: "Tidlig kontakt til skolen virkede" });
  expect(cardText(danSaved)).toContain(`✓ Efterrefleksionen er gemt · ${code}`);
  await app.drain();

  // The coordinator reads Dan's answers on the closed case and adds the joint after-reflection.
  const list = await coordinator.press("coord.cases");
  expect(cardText(list)).not.toContain(code);
  const closedList = await coordinator.submit(list, "coord.cases", {}, (d) => d.show === "closed");
  expect(actionTitles(list)).toContain("Afsluttede forløb (1)");
  expect(cardText(closedList)).toContain(`${code}** · mentorforløb · Dan Mentor`);
  expect(cardText(closedList)).toMatch(/Afsluttet \d+\.\d+\.\d{4} · De vigtigste mål er nået/);
  const opened = await coordinator.submit(closedList, "coord.case", {}, (d) => d.caseId === after.id);
  expect(cardText(opened)).toContain("afsluttet · De vigtigste mål er nået");
  expect(cardText(opened)).toContain("Mentorens svar");
  expect(cardText(opened)).toContain("Tidlig kontakt til skolen virkede");
  const joint = await coordinator.submit(opened, "coord.after");
  expect(cardText(joint)).toContain("Tidlig kontakt til skolen virkede"); // Dan's part above the coordinator's
  expect(cardText(joint)).toContain("Læring til infohuset");
  const cpr = await coordinator.submit(joint, "coord.afterSubmit", { learning: "Borgeren 010203-1234 ønskede ro", themes: "otherActors,nextStep" });
  expect(cardText(cpr)).toContain("CPR-nummer");
  expect(inputById(cpr, "themes").value).toBe("otherActors,nextStep");
  const saved = await coordinator.submit(cpr, "coord.afterSubmit", { learning: "Skolen tidligt med", colleagues: "Bo: spørg om fritid", themes: "otherActors,nextStep" });
  expect(cardText(saved)).toContain(`✓ Efterrefleksionen er gemt · ${code}`);
  await app.drain();
  expect((await caseOf(code)).afterReflection?.themes).toEqual(["otherActors", "nextStep"]);
  const reread = await coordinator.press("coord.case", { caseId: after.id });
  expect(cardText(reread)).toContain("Skolen tidligt med");
  expect(cardText(reread)).toContain("Samarbejde med andre fagligheder og aktører, Videre forløb eller anden indsats");
  expect(actionTitles(await coordinator.submit(closedList, "coord.cases", {}, (d) => d.show === "open"))).toContain("Afsluttede forløb (1)");

  // The same press replayed (Teams retries) answers as the first time and changes nothing; anything new is refused.
  const replay = await coordinator.submit(close, "coord.closeSubmit", { reason: "other", reasonText: "Flyttet", confirm: "true" });
  expect(cardText(replay)).toContain(`✓ Forløb ${code} er afsluttet`);
  expect((await caseOf(code)).closeReason).toBe("goalsReached");
  expect(cardText(await coordinator.press("coord.close", { caseId: c.id }))).toContain("Forløbet er afsluttet, så der kan ikke gemmes mere på det.");
  const late = await coordinator.press("coord.pauseSubmit", { caseId: c.id, cardVersion: after.version, submissionId: randomUUID() });
  expect(cardText(late)).toContain("Forløbet er afsluttet, så der kan ikke gemmes mere på det.");

  // Thirty days after the closing the after-reflection is done: neither part can be saved, nor offered.
  const now = clock();
  try {
    clock.set(new Date(Date.parse(after.closedAt!) + 31 * 86_400_000));
    expect(cardText(await danSession.submit(danCard, "after.submit", { a2: "For sent" }))).toContain("Efterrefleksionen kunne skrives i 30 dage");
    expect(cardText(await coordinator.submit(joint, "coord.afterSubmit", { learning: "For sent" }))).toContain("Efterrefleksionen kunne skrives i 30 dage");
    expect(actionTitles(await coordinator.press("coord.case", { caseId: after.id }))).not.toContain("Efterrefleksion");
    expect(cardText(await coordinator.press("coord.case", { caseId: after.id }))).toContain("Skolen tidligt med"); // still read
  } finally {
    clock.set(now);
  }
});

test("a mentor Løft cannot reach is named on the coordinator's list, so the coordinator tells them directly", async () => {
  // Eva is in the corps but not in the roster Teams gives (no Teams user id known) and never wrote to Løft.
  const member = await app.store.repos.members.get(CORPS, eva.aadObjectId);
  await app.store.repos.members.upsert({ ...member!, teamsUserId: undefined });
  const card = await coordinator.press("coord.new");
  const created = await coordinator.submit(card, "coord.create", { kind: "relativeCoach", coachId: eva.aadObjectId, referralDate: "2026-11-20", goal1: "Mere ro derhjemme", score1: "3" });
  const evaCode = /PC-[2-9A-HJ-NP-Z]{4}/.exec(cardText(created))![0];
  await eventually(async () => (await caseOf(evaCode)).notices[0].delivery === "unreachable", "delivery recorded");
  expect(cardText(await coordinator.press("coord.cases"))).toContain("⚠ Eva Pårørendecoach har ikke fået besked om det nye forløb");
});

test("ten presses of «Opret forløb» at once make one case and one message to the mentor", async () => {
  const card = await coordinator.press("coord.new");
  const answers = { kind: "mentor", coachId: bo.aadObjectId, referralDate: "2026-11-24", goal1: "Et fast holdepunkt", score1: "5" };
  const before = (await app.store.repos.cases.list(CORPS)).length;
  const replies = await Promise.all(Array.from({ length: 10 }, () => coordinator.submit(card, "coord.create", answers)));
  const codes = new Set(replies.map((r) => /ME-[2-9A-HJ-NP-Z]{4}/.exec(cardText(r))?.[0]));
  expect(codes.size).toBe(1);
  expect(await app.store.repos.cases.list(CORPS)).toHaveLength(before + 1);
  const [newCode] = [...codes];
  await eventually(async () => (await caseOf(newCode!)).notices[0].delivery === "sent", "delivery recorded");
  expect((await chatOf(bo)).filter((a) => textOf(a).includes(`Nyt forløb til dig · ${newCode}`))).toHaveLength(1);
});

test("a notice Teams refuses for a while is delivered once, later, by the job", async () => {
  const danChat = (await app.store.repos.members.get(CORPS, dan.aadObjectId))!.conversation!.conversationId;
  connector.refuse(danChat, 503);
  const created = await coordinator.submit(await coordinator.press("coord.new"), "coord.create", {
    kind: "mentor",
    coachId: dan.aadObjectId,
    referralDate: "2026-11-24",
    goal1: "Gå til træning",
    score1: "4",
  });
  const danCode = /ME-[2-9A-HJ-NP-Z]{4}/.exec(cardText(created))![0];
  await eventually(async () => (await caseOf(danCode)).notices[0].delivery === "failed", "the failure recorded");
  connector.allow(danChat);
  expect(await app.scheduler.tick()).toBe(0); // not due yet
  clock.advance(DERIVE_GRACE_MS);
  expect(await app.scheduler.tick()).toBeGreaterThanOrEqual(1); // (a replay above may have left a job with nothing to do)
  expect((await caseOf(danCode)).notices[0].delivery).toBe("sent");
  clock.advance(DERIVE_GRACE_MS);
  expect(await app.scheduler.tick()).toBe(0); // the job is gone
  const delivered = connector.calls.filter((c) => c.conversationId === danChat && c.status === 200 && cardText(c.body.attachments?.[0]?.content).includes(`Nyt forløb til dig · ${danCode}`));
  expect(delivered).toHaveLength(1);
});

test("five coordinators' cards pressing «Sæt på pause» at once: one pause, one message, the rest told the case changed", async () => {
  const c = (await app.store.repos.cases.listForCoach(CORPS, bo.aadObjectId)).find((x) => x.status === "referred")!;
  // The citizen said yes: the case is active (only an active case can be paused).
  const made = await coordinator.submit(await coordinator.press("coord.case", { caseId: c.id }), "coord.contactMade");
  await coordinator.submit(made, "coord.start");
  const cards = await Promise.all(Array.from({ length: 5 }, () => coordinator.press("coord.case", { caseId: c.id })));
  const pauseCards = await Promise.all(cards.map((card) => coordinator.submit(card, "coord.pauseOpen")));
  const replies = await Promise.all(pauseCards.map((card) => coordinator.submit(card, "coord.pauseSubmit", { reason: "citizenBreak", until: "2026-12-20" })));
  const texts = replies.map((r) => cardText(r));
  expect(texts.filter((t) => t.includes(`✓ Forløb ${c.code} er sat på pause`))).toHaveLength(1);
  expect(texts.filter((t) => t.includes("Forløbet er ændret, siden kortet blev vist"))).toHaveLength(4);
  const after = await caseOf(c.code);
  expect(after.status).toBe("paused");
  expect(after.version).toBe(c.version + 1);
  await eventually(async () => (await caseOf(c.code)).notices.filter((n) => n.kind === "paused").every((n) => n.delivery === "sent"), "delivery recorded");
  expect((await chatOf(bo)).filter((a) => textOf(a).includes(`har sat forløb ${c.code} på pause`))).toHaveLength(1);
});

test("someone added to the team appears on the set-up card without a role; someone removed loses access at once, and their cases are flagged", async () => {
  const team = { id: TEAM, name: "Forebyggelse Odense", tenantId: TENANT };
  const frida = person(6, "Frida Ny");
  connector.setRoster(TEAM, [...roster, { id: frida.id, aadObjectId: frida.aadObjectId, name: frida.name }]);
  await post(app.url, teamEvent(anne, connector.serviceUrl, team, { eventType: "teamMemberAdded", membersAdded: [{ id: frida.id, aadObjectId: frida.aadObjectId }] }));
  const setup = await coordinator.press("setup.open");
  expect(inputById(setup, roleField(frida.aadObjectId))).toMatchObject({ label: "Frida Ny", value: "none" });

  const bosOpen = (await app.store.repos.cases.listForCoach(CORPS, bo.aadObjectId)).filter((c) => c.status !== "closed");
  expect(bosOpen).toHaveLength(1);
  const mentor = new TeamsSession(app.url, connector.serviceUrl, bo);
  await mentor.press("menu"); // remembered by the identity cache
  connector.clear();
  const res = await post(app.url, teamEvent(anne, connector.serviceUrl, team, { eventType: "teamMemberRemoved", membersRemoved: [{ id: bo.id, aadObjectId: bo.aadObjectId }] }));
  expect(res.status).toBe(200);
  // At once: Bo is nobody to Løft, even though he was in the cache a moment ago.
  const denied = await post(app.url, execute(bo, connector.serviceUrl, "prepare.open", { verb: "prepare.open", caseId: bosOpen[0].id }));
  expect(denied.body.value).toContain("ikke tilknyttet");
  // Anne is told which cases need a new mentor, and the list flags them.
  const annesChat = (await app.store.repos.members.get(CORPS, anne.aadObjectId))!.conversation!.conversationId;
  // (after the event is answered, through the outbox)
  const told = await eventually(() => connector.calls.find((c) => c.conversationId === annesChat && c.body.text?.includes("Bo Mentor er fjernet fra korpsets team")), "Anne told");
  expect(told!.body.text).toContain(bosOpen[0].code);
  expect(cardText(await coordinator.press("coord.cases"))).toContain("mentoren har forladt teamet");
  // He is gone from the set-up card and from the mentors a case can be given to.
  expect(cardText(await coordinator.press("setup.open"))).not.toContain("Bo Mentor");
  const reassign = await coordinator.press("coord.reassign", { caseId: bosOpen[0].id });
  expect(inputById(reassign, "coachId").choices.map((c: any) => c.title)).toEqual(["Dan Mentor · Mentor"]);
});

test("the app removed from the team is recorded, nothing is deleted; added again, it carries on without a new welcome", async () => {
  const team = { id: TEAM, name: "Forebyggelse Odense", tenantId: TENANT };
  const cases = (await app.store.repos.cases.list(CORPS)).length;
  await post(app.url, teamEvent(anne, connector.serviceUrl, team, { eventType: "teamMemberRemoved", membersRemoved: [{ id: "28:loft-bot" }] }));
  expect((await app.store.repos.corps.get(CORPS))?.removedAt).toBe(clock().toISOString());
  expect(await app.store.repos.cases.list(CORPS)).toHaveLength(cases);
  connector.clear();
  await post(app.url, teamEvent(anne, connector.serviceUrl, team));
  expect((await app.store.repos.corps.get(CORPS))?.removedAt).toBeUndefined();
  expect(connector.calls.filter((c) => c.conversationId === TEAM && c.path.includes("/activities"))).toHaveLength(0);
  // Teams also says it with an installationUpdate.
  const removal = { ...teamEvent(anne, connector.serviceUrl, team), type: "installationUpdate", action: "remove", membersAdded: undefined };
  expect((await post(app.url, removal)).status).toBe(200);
  expect((await app.store.repos.corps.get(CORPS))?.removedAt).toBe(clock().toISOString());
  await post(app.url, teamEvent(anne, connector.serviceUrl, team));
});

test("a corps in another tenant reaches nothing of this one, even with its case ids", async () => {
  const eve = person(9, "Eve Koordinator", OTHER_TENANT);
  connector.setRoster(TEAM, [{ id: eve.id, aadObjectId: eve.aadObjectId, name: eve.name }]);
  await post(app.url, installedBy(eve, OTHER_TENANT, "Andet korps"));
  connector.setRoster(TEAM, roster);
  const other = new TeamsSession(app.url, connector.serviceUrl, eve);
  expect(cardText(await other.press("coord.cases"))).not.toContain("ME-");
  const theirs = (await app.store.repos.cases.list(CORPS))[0];
  expect(cardText(await other.press("coord.case", { caseId: theirs.id }))).toContain("Forløbet findes ikke");
  const res = await post(app.url, execute(eve, connector.serviceUrl, "coord.pauseSubmit", { verb: "coord.pauseSubmit", caseId: theirs.id, cardVersion: theirs.version, submissionId: randomUUID() }));
  expect(cardText(res.body.value)).toContain("Forløbet findes ikke");
  expect((await app.store.repos.cases.get(CORPS, theirs.id))?.doc.status).toBe(theirs.status);
});
