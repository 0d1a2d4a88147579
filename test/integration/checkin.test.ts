// The monthly status check-in (issue 9), over the Bot Framework protocol with the demo corps and a clock the test
// moves: mentors are asked three working days before the check-in day, reminded the working day before, the corps'
// channel gets one summary on the day, and answers that come later update that same message.
import { startTestApp } from "../helpers/app";
import { TeamsSession } from "../helpers/bot";
import { actionTitles, cardProblems, cardText, inputById, messageText } from "../helpers/cards";
import { startFakeConnector, type ConnectorCall, type FakeConnector } from "../helpers/connector";
import { demoCoordinator, demoMentor, execute, message, post } from "../helpers/teams";
import type { RunningApp } from "../../src/app";
import { manualClock } from "../../src/domain/clock";
import { DEMO } from "../../src/domain/demo";

// Wednesday 25 November 2026, 10:00 in Copenhagen. December's check-in: Tuesday 1 December 09:00; mentors asked
// Thursday 26 November 09:00 (three working days before); reminded Monday 30 November 09:00.
const clock = manualClock(new Date("2026-11-25T09:00:00Z"));
const ASK = new Date("2026-11-26T08:00:00Z");
const REMIND = new Date("2026-11-30T08:00:00Z");
const CHECK_IN = new Date("2026-12-01T08:00:00Z");

let app: RunningApp;
let connector: FakeConnector;
let mentor: TeamsSession;

const mentorChat = `a:personal-${DEMO.mentor}`;
const sentTo = (conversationId: string, method = "POST") =>
  connector.calls.filter((c) => c.conversationId === conversationId && c.method === method && c.path.includes("/activities") && c.status === 200);
const cardOf = (call: ConnectorCall) => call.body.attachments?.[0]?.content;
const statusCards = () => sentTo(mentorChat).map(cardOf).filter((c) => c && cardText(c).includes("Månedlig status ·"));
const channelPosts = () => sentTo(DEMO.teamId);
const channelUpdates = () => connector.calls.filter((c) => c.method === "PUT" && c.conversationId === DEMO.teamId && c.status === 200);

async function activeCodes(): Promise<string[]> {
  return (await app.store.repos.cases.listForCoach(DEMO.corpsId, DEMO.mentor)).filter((c) => ["referred", "clarifying", "active"].includes(c.status)).map((c) => c.code).sort();
}

beforeAll(async () => {
  [app, connector] = await Promise.all([startTestApp({ clock, env: { SCHEDULER_INTERVAL_SECONDS: "0" } }), startFakeConnector()]);
  mentor = new TeamsSession(app.url, connector.serviceUrl, demoMentor);
  // The mentor and the coordinator have written to Løft: it knows their chats, and where the corps' team is.
  await post(app.url, message(demoMentor, connector.serviceUrl, "hej"));
  await post(app.url, message(demoCoordinator, connector.serviceUrl, "hej"));
  await connector.waitFor(2);
});
afterAll(() => Promise.all([app?.close(), connector?.close()]));

test("nothing is sent before the day mentors are asked", async () => {
  connector.clear();
  clock.set(new Date("2026-11-25T09:00:00Z"));
  await app.scheduler.tick();
  expect(connector.calls).toHaveLength(0);
  const jobs = ["checkin-2026-12-ask", "checkin-2026-12-remind", "checkin-2026-12-summary"];
  for (const id of jobs) expect((await app.store.repos.jobs.get(DEMO.corpsId, id))?.doc.status).toBe("pending");
});

test("three working days before, the mentor gets one status card per active case, with the goals and the questions", async () => {
  clock.set(ASK);
  await app.scheduler.tick();
  const codes = await activeCodes();
  expect(codes.length).toBeGreaterThan(1);
  const cards = statusCards();
  expect(cards.map((c) => /Månedlig status · (\S+)/.exec(cardText(c))![1]).sort()).toEqual(codes);
  for (const card of cards) expect(cardProblems(card)).toEqual([]);
  const text = cardText(cards[0]);
  expect(text).toContain("til statusmødet med Demo Koordinator tirsdag 1. december kl. 09:00");
  expect(text).toContain("Er de opstillede mål fortsat relevante og realistiske?");
  expect(text).toContain("Hvordan går det for dig som mentor i forløbet?");
  expect(text).toMatch(/\/10/); // the goals' latest scores
  expect(actionTitles(cards[0])).toEqual(["Send status", "Menu"]);
  // Asked again (another tick, the hourly plan): nothing more.
  clock.advance(2 * 3_600_000);
  await app.scheduler.tick();
  expect(statusCards()).toHaveLength(codes.length);
});

test("an identifier in the optional line is refused in Danish with every answer kept; a clean answer is stored once", async () => {
  const card = statusCards()[0];
  const refused = await mentor.submit(card, "checkin.submit", { goalsStillRelevant: "false", state: "needsHelp", feeling: "hard", note: "Ring på 22 33 44 55" });
  expect(cardText(refused)).toContain("indeholder et telefonnummer");
  expect(inputById(refused, "state").value).toBe("needsHelp");
  expect(inputById(refused, "goalsStillRelevant").value).toBe("false");
  expect(inputById(refused, "note").value).toBe("Ring på 22 33 44 55");

  const saved = await mentor.submit(refused, "checkin.submit", { note: "Vi bør tale om målene" });
  expect(cardText(saved)).toContain("Status sendt");
  expect(cardText(saved)).toContain("Din koordinator har fået besked.");
  const again = await mentor.submit(refused, "checkin.submit", { note: "Vi bør tale om målene" });
  expect(cardText(again)).toContain("Status sendt");
  const code = /Månedlig status · (\S+)/.exec(cardText(card))![1];
  const c = (await app.store.repos.cases.list(DEMO.corpsId)).find((x) => x.code === code)!;
  const entries = (await app.store.repos.entries.listForCase(DEMO.corpsId, c.id)).filter((e) => e.type === "statusCheckIn" && e.month === "2026-12");
  expect(entries).toEqual([expect.objectContaining({ state: "needsHelp", goalsStillRelevant: false, feeling: "hard", note: "Vi bør tale om målene", authorId: DEMO.mentor })]);
  // An answer before the check-in day goes into the summary then, not to the channel now.
  await app.drain();
  expect(channelPosts()).toHaveLength(0);
  // «Jeg har brug for sparring» tells the coordinator at once, in their chat — the case code, never the line or the feeling.
  const told = sentTo(`a:personal-${DEMO.coordinator}`).filter((x) => messageText(x.body).includes(code));
  expect(told.map((x) => messageText(x.body))).toEqual([`Markering · ${code}\nDemo Mentor har markeret ${code}: ønsker sparring med dig.`]);
});

test("the working day before, one reminder names the cases still unanswered, with a button for each", async () => {
  clock.set(REMIND);
  await app.scheduler.tick();
  const reminders = sentTo(mentorChat).map(cardOf).filter((c) => c && cardText(c).includes("Påmindelse"));
  expect(reminders).toHaveLength(1);
  const codes = await activeCodes();
  const answered = /Månedlig status · (\S+)/.exec(cardText(statusCards()[0]))![1];
  const open = codes.filter((c) => c !== answered);
  expect(actionTitles(reminders[0])).toEqual([...open.map((c) => `Svar for ${c}`), "Menu"]);
  expect(cardText(reminders[0])).not.toContain(answered);
  // The button opens that case's status card.
  const card = await mentor.press("checkin.open", { caseId: (await app.store.repos.cases.list(DEMO.corpsId)).find((c) => c.code === open[0])!.id, month: "2026-12" });
  expect(cardText(card)).toContain(`Månedlig status · ${open[0]}`);
  clock.advance(3_600_000);
  await app.scheduler.tick();
  expect(sentTo(mentorChat).map(cardOf).filter((c) => c && cardText(c).includes("Påmindelse"))).toHaveLength(1);
});

/** A button pressed on the summary in the channel (an Action.Execute from a channel conversation). */
function pressInChannel(user: typeof demoMentor, verb: string, data: Record<string, unknown>) {
  const a = execute(user, connector.serviceUrl, verb, { verb, ...data });
  return post(app.url, {
    ...a,
    conversation: { id: `${DEMO.teamId};messageid=1`, conversationType: "channel", isGroup: true, tenantId: DEMO.tenantId },
    channelData: { tenant: { id: DEMO.tenantId }, team: { id: DEMO.teamId }, channel: { id: DEMO.teamId } },
  });
}
const latestSummary = () => cardOf(channelUpdates().at(-1) ?? channelPosts()[0]);
/** What someone's Teams client shows of the channel's card: it fetches their own view (the card's refresh). */
async function viewOf(user: typeof demoMentor): Promise<any> {
  const res = await pressInChannel(user, "summary.view", latestSummary().refresh.action.data);
  expect(res.body.type).toBe("application/vnd.microsoft.card.adaptive");
  return res.body.value;
}
const CASE_CODE = /\b(ME|PC)-[0-9A-Z]{4}\b/;

test("on the check-in day the channel gets one summary with totals only; the coordinators' own view has the cases", async () => {
  clock.set(CHECK_IN);
  await app.scheduler.tick();
  expect(channelPosts()).toHaveLength(1);
  const posted = cardOf(channelPosts()[0]);
  expect(cardProblems(posted)).toEqual([]); // ≤ v1.5, under Teams' size, every action a verb
  const channel = cardText(posted);
  expect(channel).toContain("Månedlig status · december 2026");
  expect(channel).toMatch(/1 af \d+ forløb har svaret/);
  expect(channel).toMatch(/Brug for sparring\n1\n/);
  // The whole team reads the channel: no case code, no one's name, no flag, never the mentor's words.
  expect(channel).not.toMatch(CASE_CODE);
  for (const name of ["Demo Mentor", "Demo Pårørendecoach", "Demo Koordinator"]) expect(channel).not.toContain(name);
  expect(channel).not.toContain("Vi bør tale om målene");
  // Teams fetches the coordinators' own view: the card names them (their Teams user ids), nobody else.
  const coordinatorIds = (await app.store.repos.members.list(DEMO.corpsId)).filter((m) => m.roles.includes("coordinator")).map((m) => m.teamsUserId);
  expect(posted.refresh.userIds).toEqual(coordinatorIds);

  const mine = await viewOf(demoCoordinator);
  const text = cardText(mine);
  expect(text).toContain("Denne visning med forløbene ser kun korpsets koordinatorer");
  const answered = /Månedlig status · (\S+)/.exec(cardText(statusCards()[0]))![1];
  // The case whose mentor asked for help is the first case shown.
  expect(/\*\*([A-Z]{2}-[0-9A-Z]{4})\*\*/.exec(text)![1]).toBe(answered);
  expect(text).toContain("Brug for sparring · målene bør justeres");
  // The relative coach never wrote to Løft: Løft started the chat from the team's roster, so they were asked too.
  expect(text).not.toContain("Løft kunne ikke nå");
  expect(text).not.toContain("Vi bør tale om målene");
  // The cases the coordinator's view names are in their access logs as seen by the coordinator, through the summary.
  const first = (await app.store.repos.cases.list(DEMO.corpsId)).find((c) => c.code === answered)!;
  expect((await app.store.repos.access.listForCase(DEMO.corpsId, first.id)).find((l) => l.flow === "summary.view")).toMatchObject({ by: DEMO.coordinator, role: "coordinator", action: "read" });
  // A mentor's client, asking the same, gets the totals — and nothing is logged as seen by them.
  expect(cardText(await viewOf(demoMentor))).not.toMatch(CASE_CODE);
  expect((await app.store.repos.access.listForCase(DEMO.corpsId, first.id)).filter((l) => l.by === DEMO.mentor && l.flow === "summary.view")).toEqual([]);
  clock.advance(3_600_000);
  await app.scheduler.tick();
  expect(channelPosts()).toHaveLength(1);
  expect(channelUpdates()).toHaveLength(0); // nothing changed: nothing sent
});

test("«Vis forløbene»: the coordinator gets the cases in their chat; a mentor is told only the coordinator sees them", async () => {
  const data = latestSummary().actions.find((a: any) => a.verb === "summary.detail").data;
  const before = connector.calls.length;
  const byMentor = await pressInChannel(demoMentor, "summary.detail", data);
  expect(byMentor.body.value).toBe("Kun korpsets koordinator kan se forløbene. Her i kanalen vises kun de samlede tal.");
  expect(connector.calls.length).toBe(before);
  const byCoordinator = await pressInChannel(demoCoordinator, "summary.detail", data);
  expect(byCoordinator.body.value).toBe("Forløbene er sendt til din chat med Løft.");
  const sent = connector.calls.slice(before);
  expect(sent.map((x) => x.conversationId)).toEqual([`a:personal-${DEMO.coordinator}`]);
  const card = cardOf(sent[0]);
  expect(cardText(card)).toMatch(CASE_CODE);
  // In the chat a case's line opens it there (the coordinator's own verb), and the card asks for no refresh.
  expect((card.body as any[]).find((b) => b.selectAction)?.selectAction.verb).toBe("coord.case");
  expect(card.refresh).toBeUndefined();
});

test("a late answer updates the same summary in place, and becomes a statusCheckIn entry", async () => {
  const card = statusCards()[1];
  const code = /Månedlig status · (\S+)/.exec(cardText(card))![1];
  await mentor.submit(card, "checkin.submit", { goalsStillRelevant: "true", state: "readyToClose", feeling: "good" });
  await app.drain();
  const updates = channelUpdates();
  expect(updates.length).toBeGreaterThanOrEqual(1);
  const round = (await app.store.repos.checkIns.getRound(DEMO.corpsId, "2026-12"))!.doc;
  expect(round.channel.activityId).toMatch(/^act-/);
  expect(updates.at(-1)!.path).toBe(`/v3/conversations/${encodeURIComponent(DEMO.teamId)}/activities/${round.channel.activityId}`);
  const text = cardText(cardOf(updates.at(-1)!));
  expect(text).toMatch(/2 af \d+ forløb har svaret/);
  expect(text).toMatch(/Klar til afslutning\n1\n/);
  expect(text).not.toMatch(CASE_CODE);
  expect(channelPosts()).toHaveLength(1);
  const c = (await app.store.repos.cases.list(DEMO.corpsId)).find((x) => x.code === code)!;
  expect((await app.store.repos.entries.listForCase(DEMO.corpsId, c.id)).filter((e) => e.type === "statusCheckIn" && e.month === "2026-12")).toHaveLength(1);
  // For the leaders' share of check-ins answered: the round names every case it asked about, the case its answer.
  const asked = (await app.store.repos.cases.list(DEMO.corpsId)).filter((x) => ["referred", "clarifying", "active"].includes(x.status)) // in the contact phase too;
  expect(round.asked).toEqual(Object.fromEntries(asked.map((x) => [x.id, x.kind])));
  expect(c.method?.months.find((m) => m.month === "2026-12")?.checkInAnswered).toBe(true);
});

test("«Åbn forløbet» in the coordinator's view: the case and its status history in their chat; nothing in the channel", async () => {
  const code = /Månedlig status · (\S+)/.exec(cardText(statusCards()[0]))![1];
  const c = (await app.store.repos.cases.list(DEMO.corpsId)).find((x) => x.code === code)!;
  const mine = await viewOf(demoCoordinator);
  // Each case's line opens it (a tap on the line): Teams sends the line's action.
  const open = (mine.body as any[]).map((b) => b.selectAction).find((x: any) => x?.data?.caseId === c.id);
  expect(open).toMatchObject({ type: "Action.Execute", verb: "summary.openCase", title: "Åbn forløbet" });
  expect(cardText(mine)).toContain("Tryk på et forløb for at få det i din chat med Løft");
  const before = connector.calls.length;

  const byMentor = await pressInChannel(demoMentor, "summary.openCase", open.data);
  expect(byMentor.body).toMatchObject({ type: "application/vnd.microsoft.activity.message", value: "Kun korpsets koordinator kan åbne forløb og håndtere markeringer fra overblikket." });
  expect(connector.calls.length).toBe(before);

  const byCoordinator = await pressInChannel(demoCoordinator, "summary.openCase", open.data);
  expect(byCoordinator.body.value).toContain("sendt til din chat med Løft");
  const sent = connector.calls.slice(before);
  expect(sent.map((x) => x.conversationId)).toEqual([`a:personal-${DEMO.coordinator}`]);
  const card = cardText(cardOf(sent[0]));
  expect(card).toContain(`Forløb ${code}`);
  expect(card).toContain("Månedlig status (seneste)");
  // How it is going for the mentor is the coordinators' to see, here on the case.
  expect(card).toContain("december 2026: Brug for sparring · målene bør justeres · for mentoren: svært — »Vi bør tale om målene«");
  // A case id from another corps, or made up: not found, nothing sent.
  expect((await pressInChannel(demoCoordinator, "summary.openCase", { caseId: "case-nope" })).body.value).toBe("Forløbet findes ikke (længere).");
  expect(connector.calls.length).toBe(before + 1);
});

test("«Flyt statusmøde» on the case card the summary opened: the mentor is told, the coordinators' view shows the new time", async () => {
  const coordinator = new TeamsSession(app.url, connector.serviceUrl, demoCoordinator);
  const code = /Månedlig status · (\S+)/.exec(cardText(statusCards()[0]))![1];
  const c = (await app.store.repos.cases.list(DEMO.corpsId)).find((x) => x.code === code)!;
  const caseCard = await coordinator.press("coord.case", { caseId: c.id, month: "2026-12" });
  expect(actionTitles(caseCard)).toContain("Flyt statusmøde");
  expect(actionTitles(await coordinator.press("coord.case", { caseId: c.id }))).not.toContain("Flyt statusmøde"); // from the list: no month
  const card = await coordinator.submit(caseCard, "checkin.meeting");
  expect(cardText(card)).toContain("Flyt statusmøde · Demo Mentor");
  expect(cardText(await coordinator.submit(card, "checkin.meetingSubmit", { date: "2026-11-30", time: "10:00" }))).toContain("»Dato« har en ugyldig værdi.");
  const before = connector.calls.length;
  const done = await coordinator.submit(card, "checkin.meetingSubmit", { date: "2026-12-03", time: "10:00" });
  expect(cardText(done)).toContain("Statusmødet med Demo Mentor er flyttet til torsdag 3. december kl. 10:00");
  expect(cardText(done)).toContain("har fået besked");
  await app.drain();
  const told = connector.calls.slice(before).filter((x) => x.conversationId === mentorChat);
  expect(told.map((x) => x.body.text)).toEqual(["Løft: Demo Koordinator har flyttet jeres statusmøde til torsdag 3. december kl. 10:00."]);
  expect(cardText(await viewOf(demoCoordinator))).toContain("Statusmøde torsdag 3. december kl. 10:00");
  expect(channelPosts()).toHaveLength(1);
  // Only a coordinator can.
  expect(cardText(await mentor.press("checkin.meeting", { caseId: c.id, month: "2026-12" }))).toContain("Hvad vil du gøre?");
});

test("a reflection asking for sparring shows as a flag at the next hourly run; «Marker som håndteret» takes it out of the summary, with who and when on the case", async () => {
  // The mentor reflects on a case and asks for sparring: the summary learns of it within the hour.
  const code = /Månedlig status · (\S+)/.exec(cardText(statusCards()[2]))![1];
  const c = (await app.store.repos.cases.list(DEMO.corpsId)).find((x) => x.code === code)!;
  const reflection = await mentor.press("reflect.open", { caseId: c.id });
  await mentor.submit(reflection, "reflect.submit", { r1: "Det gik fint.", match: "ja", sparring: "true", progress: "5" });
  await app.drain();
  clock.advance(3_600_000);
  await app.scheduler.tick();
  expect(cardText(latestSummary())).not.toContain("ønsker sparring"); // the channel shows no flag …
  const mine = await viewOf(demoCoordinator);
  expect(cardText(mine)).toContain("ønsker sparring"); // … the coordinators' view does

  const actions = (mine.body as any[]).flatMap((b) => b.items ?? []).flatMap((i: any) => i.actions ?? []);
  const handle = actions.find((x: any) => x.verb === "summary.flagsHandled");
  expect(handle.title).toBe("Marker som håndteret");
  // A mentor in the channel cannot.
  expect((await pressInChannel(demoMentor, "summary.flagsHandled", handle.data)).body.value).toContain("Kun korpsets koordinator");
  expect((await app.store.repos.cases.get(DEMO.corpsId, c.id))!.doc.flags.filter((f) => !f.handled)).not.toEqual([]);
  const updates = channelUpdates().length;
  const res = await pressInChannel(demoCoordinator, "summary.flagsHandled", handle.data);
  expect(res.body.value).toContain("Markeringen er håndteret");
  await app.drain();
  expect(channelUpdates().length).toBe(updates + 1); // the card is updated, so every coordinator's view is fetched again
  const rows = ((await viewOf(demoCoordinator)).body as any[]).filter((b) => b.type === "Container" && b.items?.[0]?.text?.startsWith("**"));
  const row = rows.find((r) => r.selectAction?.data?.caseId === handle.data.caseId);
  expect(cardText({ body: row.items })).toContain("markering håndteret af koordinatoren");
  expect(cardText({ body: row.items })).not.toContain("ønsker sparring");
  // On the case: who handled it, and when; no button to handle it again.
  const caseCard = await new TeamsSession(app.url, connector.serviceUrl, demoCoordinator).press("coord.case", { caseId: c.id });
  expect(cardText(caseCard)).toMatch(/✓ Markering håndteret af Demo Koordinator \d+\.12\.2026/);
  expect(actionTitles(caseCard)).not.toContain("Marker som håndteret");
  expect((await app.store.repos.cases.get(DEMO.corpsId, c.id))!.doc.flags.every((f) => f.handled?.by === DEMO.coordinator.toLowerCase())).toBe(true);
  expect(channelPosts()).toHaveLength(1);
});

test("after the whole round, no message in the channel (post or update) holds a case code or anyone's name", async () => {
  const channel = connector.calls.filter((c) => c.conversationId === DEMO.teamId && (c.method === "POST" || c.method === "PUT") && c.path.includes("/activities"));
  expect(channel.length).toBeGreaterThanOrEqual(3); // the post and its updates
  const names = (await app.store.repos.members.list(DEMO.corpsId)).map((m) => m.name);
  const codes = (await app.store.repos.cases.list(DEMO.corpsId)).map((c) => c.code);
  for (const call of channel) {
    const text = JSON.stringify(call.body);
    expect(text).not.toMatch(CASE_CODE);
    for (const x of [...names, ...codes]) expect([x, text.includes(x)]).toEqual([x, false]);
  }
});

test("the coordinator moves the status day, the hour and skips a month: the plan follows at once; others cannot", async () => {
  const coordinator = new TeamsSession(app.url, connector.serviceUrl, demoCoordinator);
  clock.set(new Date("2026-12-02T09:00:00Z"));
  const card = await coordinator.press("checkin.settings");
  expect(cardText(card)).toContain("Næste status: mandag 4. januar kl. 09:00");
  const bad = await coordinator.submit(card, "checkin.settingsSubmit", { day: "31" });
  expect(cardText(bad)).toContain("»Dag i måneden« har en ugyldig værdi.");
  const done = await coordinator.submit(card, "checkin.settingsSubmit", { day: "15", time: "13:00", skipMonths: "2027-01" });
  expect(cardText(done)).toContain("Næste status: mandag 15. februar kl. 13:00");
  const corps = await app.store.repos.corps.get(DEMO.corpsId);
  expect(corps!.checkIn).toEqual({ day: 15, time: "13:00", skipMonths: ["2027-01"] });
  // January is skipped: its jobs, planned at the hourly run, do nothing when due.
  clock.set(new Date("2027-01-04T08:00:00Z"));
  connector.clear();
  await app.scheduler.tick();
  expect(statusCards()).toHaveLength(0);
  // February: asked three working days before the 15th at 13:00 (Wednesday 10 February).
  clock.set(new Date("2027-02-10T11:59:00Z"));
  await app.scheduler.tick();
  expect(statusCards()).toHaveLength(0);
  clock.set(new Date("2027-02-10T12:00:00Z"));
  await app.scheduler.tick();
  expect(statusCards().length).toBeGreaterThan(0);
  // A mentor pressing the coordinator's button gets their menu.
  expect(cardText(await mentor.press("checkin.settings"))).toContain("Hvad vil du gøre?");
});
