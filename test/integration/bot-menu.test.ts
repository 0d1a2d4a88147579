// The bot over the Bot Framework protocol: activities POSTed to /api/messages, replies read at a local connector.
import { startTestApp } from "../helpers/app";
import { actionTitles, cardProblems, cardText, findAction } from "../helpers/cards";
import { startFakeConnector, type FakeConnector } from "../helpers/connector";
import { demoCoordinator, demoLeader, demoMentor, execute, installed, message, post, teamEvent } from "../helpers/teams";
import type { RunningApp } from "../../src/app";
import { DEMO } from "../../src/domain/demo";

let app: RunningApp;
let connector: FakeConnector;

beforeAll(async () => {
  [app, connector] = await Promise.all([startTestApp(), startFakeConnector()]);
});
afterAll(async () => {
  await Promise.all([app?.close(), connector?.close()]);
});
beforeEach(() => connector.clear());

function cardOf(call: { body: any }) {
  const att = call.body.attachments?.[0];
  expect(att?.contentType).toBe("application/vnd.microsoft.card.adaptive");
  return att.content;
}

test('a personal-chat "hej" from the demo mentor gets the Danish menu card', async () => {
  const res = await post(app.url, message(demoMentor, connector.serviceUrl, "hej"));
  expect(res.status).toBe(200);
  const [reply] = await connector.waitFor(1);
  expect(reply.method).toBe("POST");
  expect(reply.conversationId).toBe(`a:personal-${demoMentor.aadObjectId}`);
  const card = cardOf(reply);
  expect(cardProblems(card)).toEqual([]);
  expect(actionTitles(card)).toEqual(["Forbered samtale", "Efter samtale", "Mine forløb", "Hjælp", "Akut bekymring"]);
  expect(cardText(card)).toContain("Hej Demo. Hvad vil du gøre?");
});

test("the menu speaks English when Teams says the user's locale is English", async () => {
  await post(app.url, message({ ...demoMentor, locale: "en-US" }, connector.serviceUrl, "hello"));
  const [reply] = await connector.waitFor(1);
  expect(actionTitles(cardOf(reply))).toEqual(["Prepare conversation", "After conversation", "My cases", "Help", "Urgent concern"]);
});

test("a typed question Løft cannot answer gets the help card, with buttons on and back to the menu", async () => {
  await post(app.url, message(demoMentor, connector.serviceUrl, "Hvordan retter jeg en refleksion?"));
  const [reply] = await connector.waitFor(1);
  const card = cardOf(reply);
  expect(cardText(card)).toContain("Sådan bruger du Løft");
  expect(cardText(card)).toContain("rette eller slette");
  // What a mentor needs to know beyond the buttons: measures, the conversation form, the status, who sees what, and
  // where supervision and advice are (the national centre's line).
  for (const s of ["**Målinger**", "**Samtaleskema**", "**Månedlig status**", "**Hvem ser hvad**", "Rådgivningstelefon".toLowerCase()]) expect(cardText(card).toLowerCase()).toContain(s.toLowerCase());
  expect(cardText(card)).toContain("72 14 22 14");
  expect(actionTitles(card)).toEqual(["Forbered samtale", "Efter samtale", "Menu"]);
});

test("a button on the menu leaves the menu in the chat and starts the flow in a new message below it", async () => {
  await post(app.url, message(demoMentor, connector.serviceUrl, "hej"));
  const menuCard = cardOf((await connector.waitFor(1))[0]);
  connector.clear();
  const pressed = findAction(menuCard, "reflect.open");
  const res = await post(app.url, execute(demoMentor, connector.serviceUrl, "reflect.open", pressed.data));
  expect(res.body.value).toEqual(menuCard); // the menu, unchanged, where it was
  const [flow] = await connector.waitFor(1);
  expect(flow.method).toBe("POST"); // a new message, not an update of the menu
  expect(cardText(cardOf(flow))).toContain("Vælg forløb");
});

test("installing the app introduces the menu", async () => {
  await post(app.url, installed(demoMentor, connector.serviceUrl));
  const [reply] = await connector.waitFor(1);
  expect(actionTitles(cardOf(reply))).toContain("Forbered samtale");
});

test("a leader, who holds no cases, gets a menu without the case actions that says where the figures are and who adds the tab", async () => {
  await post(app.url, message(demoLeader, connector.serviceUrl, "hej"));
  const [reply] = await connector.waitFor(1);
  expect(actionTitles(cardOf(reply))).toEqual(["Hjælp", "Opbevaring"]);
  const text = cardText(cardOf(reply));
  expect(text).toContain("Som leder ser du korpsets samlede tal i **Løft-fanen**");
  expect(text).toContain("kan koordinatoren eller en ejer af teamet tilføje den");
});

test("someone who is not in any corps is told, in Danish, to contact their coordinator", async () => {
  const stranger = { aadObjectId: "11111111-2222-3333-4444-555555555555", name: "Ukendt Person" };
  await post(app.url, message(stranger, connector.serviceUrl, "hej"));
  const [reply] = await connector.waitFor(1);
  expect(reply.body.text).toMatch(/ikke tilknyttet .* Er du koordinator: tilføj Løft til korpsets team .* Ellers: kontakt din koordinator/);
  expect(reply.body.attachments ?? []).toHaveLength(0);
});

test("the Help button (Action.Execute) answers in the invoke response with the help card", async () => {
  const res = await post(app.url, execute(demoMentor, connector.serviceUrl, "help", { verb: "help" }));
  expect(res.status).toBe(200);
  expect(res.body.statusCode).toBe(200);
  expect(res.body.type).toBe("application/vnd.microsoft.card.adaptive");
  expect(cardProblems(res.body.value)).toEqual([]);
  expect(cardText(res.body.value)).toContain("Sådan bruger du Løft");
  expect(connector.calls).toHaveLength(0); // answered in place, no extra message
});

test("the bot remembers where to reach the member proactively", async () => {
  await post(app.url, message(demoMentor, connector.serviceUrl, "hej"));
  await connector.waitFor(1);
  const member = await app.store.repos.members.get("demo-kommune", demoMentor.aadObjectId);
  expect(member?.conversation).toEqual({
    serviceUrl: connector.serviceUrl,
    conversationId: `a:personal-${demoMentor.aadObjectId}`,
    botId: "28:loft-bot",
  });
});

test("in a team channel nothing about cases is shown: the bot points to the personal chat", async () => {
  const activity = message(demoMentor, connector.serviceUrl, "<at>Løft</at> mine forløb");
  const inChannel = {
    ...activity,
    conversation: { id: "19:demo-korps@thread.tacv2;messageid=1", conversationType: "channel", tenantId: activity.conversation.tenantId },
  };
  await post(app.url, inChannel);
  const [reply] = await connector.waitFor(1);
  expect(reply.body.text).toContain("personlige chat med Løft");
  expect(reply.body.attachments ?? []).toHaveLength(0);
});

test("a coordinator's help says what Løft does for coordinators", async () => {
  const res = await post(app.url, execute(demoCoordinator, connector.serviceUrl, "help", { verb: "help" }));
  expect(cardText(res.body.value)).toContain("Som koordinator opretter du forløb under **Nyt forløb**");
  expect(cardText(res.body.value)).not.toContain("Forbered samtale");
});

test("a malformed request gets a short JSON answer, no stack trace", async () => {
  const res = await fetch(`${app.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
  expect(res.status).toBe(400);
  expect(await res.json()).toEqual({ error: "invalid JSON" });
});

test("a card action with nonsense data is answered as a case that does not exist, with the way back to the menu", async () => {
  const res = await post(app.url, execute(demoMentor, connector.serviceUrl, "prepare.open", { verb: "prepare.open", caseId: 42 }));
  expect(cardText(res.body.value)).toBe("Kortet kan ikke bruges længere\nForløbet findes ikke (længere).\nMenu");
  // A submit whose data names no case at all: the same, never "Noget gik galt".
  const submit = await post(app.url, execute(demoMentor, connector.serviceUrl, "reflect.submit", { verb: "reflect.submit", r1: "Tekst" }));
  expect(cardText(submit.body.value)).toContain("Forløbet findes ikke (længere).");
});

test("a coordinator's verb pressed by a mentor answers with the mentor's menu, changing nothing", async () => {
  const [c] = await app.store.repos.cases.listForCoach(DEMO.corpsId, DEMO.mentor);
  const res = await post(app.url, execute(demoMentor, connector.serviceUrl, "coord.pauseSubmit", { verb: "coord.pauseSubmit", caseId: c.id, cardVersion: c.version, submissionId: "00000000-0000-4000-8000-00000000f00d" }));
  expect(cardText(res.body.value)).toContain("Forbered samtale");
  expect((await app.store.repos.cases.get(DEMO.corpsId, c.id))?.doc.status).toBe(c.status);
});

test("typed words work for a coordinator too: «forløb» is the corps' cases, «nyt forløb» a new case, «korpset» the set-up", async () => {
  const said = async (user: typeof demoMentor, text: string) => {
    connector.clear();
    await post(app.url, message(user, connector.serviceUrl, text));
    return cardText(cardOf((await connector.waitFor(1))[0]));
  };
  expect(await said(demoCoordinator, "forløb")).toContain("Korpsets forløb");
  expect(await said(demoCoordinator, "nyt forløb")).toContain("Forløbstype");
  expect(await said(demoCoordinator, "korpset")).toContain("Kommune");
  expect(await said(demoCoordinator, "status")).toContain("Dag i måneden");
  // The same words from a mentor: their own cases; a coordinator's word gets their menu.
  expect(await said(demoMentor, "forløb")).toContain("Mine forløb");
  expect(await said(demoMentor, "nyt forløb")).toContain("Hvad vil du gøre?");
});

test("adding Løft to the demo team's channel (the local Teams client does) finds the demo corps and changes nothing", async () => {
  const before = await app.store.repos.corps.list();
  const res = await post(app.url, teamEvent(demoCoordinator, connector.serviceUrl, { id: DEMO.teamId, name: "Demo Kommune", tenantId: DEMO.tenantId }));
  expect(res.status).toBe(200);
  expect((await app.store.repos.corps.list()).map((c) => c.corpsId)).toEqual(before.map((c) => c.corpsId));
  // No set-up card to anyone: the corps is set up already.
  expect(connector.calls.filter((c) => JSON.stringify(c.body).includes("Sæt korpset op"))).toEqual([]);
});
