// A real corps from nothing (issue 8, first part): the app is added to a team on an empty store; the team becomes a
// corps, its roster the members, the one who added the app the coordinator, who gives everyone a role on a card.
import { startTestApp } from "../helpers/app";
import { TeamsSession } from "../helpers/bot";
import { actionTitles, cardText, inputById } from "../helpers/cards";
import { startFakeConnector, type FakeConnector } from "../helpers/connector";
import { message, post, teamEvent, type TeamsUser } from "../helpers/teams";
import type { RunningApp } from "../../src/app";
import { corpsIdFor, roleField } from "../../src/domain/corps";

const TENANT = "3f0c6a52-1d4e-4c1b-9a57-7d2f5e8b9c01";
const OTHER_TENANT = "8a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
const TEAM = "19:forebyggelse@thread.tacv2";
const GENERAL = "19:forebyggelse@thread.tacv2"; // the General channel's conversation id is the team's id
const STATUS = "19:status-forebyggelse@thread.tacv2";
const person = (n: number, name: string): TeamsUser & { id: string } => ({
  aadObjectId: `5e0c6a52-0000-4000-8000-00000000000${n}`,
  name,
  tenantId: TENANT,
  id: `29:user-${n}`,
});
const anne = person(1, "Anne Koordinator");
const bo = person(2, "Bo Mentor");
const cai = person(3, "Cai Leder");
const dan = person(4, "Dan Uden Rolle");
const roster = [anne, bo, cai, dan].map(({ id, aadObjectId, name }) => ({ id, aadObjectId, name }));

let app: RunningApp;
let connector: FakeConnector;
beforeAll(async () => {
  [app, connector] = await Promise.all([startTestApp({ env: { SEED_DEMO: "false", SCHEDULER_INTERVAL_SECONDS: "0" } }), startFakeConnector()]);
  connector.setRoster(TEAM, roster);
  connector.setChannels(TEAM, [{ id: GENERAL }, { id: STATUS, name: "Status og overblik" }]);
});
afterAll(() => Promise.all([app?.close(), connector?.close()]));
beforeEach(() => connector.clear());

/** What Teams sends when someone adds the app to a team. */
const installed = (by: TeamsUser, tenantId = TENANT, teamName = "Forebyggelse Aarhus") =>
  teamEvent(by, connector.serviceUrl, { id: TEAM, name: teamName, tenantId });

const text = (reply: { body: any }) => reply.body.text ?? cardText(reply.body.attachments?.[0]?.content);
const sentTo = (conversationId: string) => connector.calls.filter((c) => c.method === "POST" && c.conversationId === conversationId && c.path.includes("/activities"));

test("added to a team on an empty store: a welcome in the channel, the set-up card in the coordinator's own chat", async () => {
  const res = await post(app.url, installed(anne));
  expect(res.status).toBe(200);

  const welcome = sentTo(GENERAL);
  expect(welcome).toHaveLength(1);
  expect(text(welcome[0])).toContain("Velkommen til Løft");
  expect(text(welcome[0])).toContain("Anne Koordinator vælger kommune");

  // Anne had never written to Løft: the bot starts the personal chat with her and sends the card there.
  const started = connector.calls.find((c) => c.method === "POST" && c.path === "/v3/conversations");
  expect(started?.body.members).toEqual([expect.objectContaining({ id: anne.id })]);
  const card = connector.calls.find((c) => c.path.includes("/activities") && c.body.attachments)?.body.attachments[0].content;
  expect(cardText(card)).toContain("Sæt korpset op · Forebyggelse Aarhus");
  for (const p of [anne, bo, cai, dan]) expect(inputById(card, roleField(p.aadObjectId)).label).toBe(p.name);
  expect(inputById(card, roleField(anne.aadObjectId)).value).toBe("coordinator");
  expect(inputById(card, roleField(bo.aadObjectId)).value).toBe("none");

  const corps = await app.store.repos.corps.get(corpsIdFor(TENANT, TEAM));
  expect(corps).toMatchObject({ name: "Forebyggelse Aarhus", setup: "pending", tenantId: TENANT, teamId: TEAM, channelId: GENERAL });
});

test("someone in the team without a role is told who their coordinator is, and reaches nothing", async () => {
  await post(app.url, message(bo, connector.serviceUrl, "hej"));
  const [reply] = await connector.waitFor(1);
  expect(reply.body.text).toBe("Du er med i korpsets team, men har endnu ingen rolle i Løft. Din koordinator er Anne Koordinator.");
});

test("the set-up card refuses to leave the corps without a coordinator, and keeps the answers", async () => {
  const coordinator = new TeamsSession(app.url, connector.serviceUrl, anne);
  // Until the corps is set up, the coordinator's menu is the set-up card.
  expect(cardText(await coordinator.press("menu"))).toContain("Sæt korpset op · Forebyggelse Aarhus");
  const card = await coordinator.press("setup.open");
  const back = await coordinator.submit(card, "setup.submit", { municipality: "0751", [roleField(anne.aadObjectId)]: "mentor", [roleField(bo.aadObjectId)]: "mentor" });
  expect(cardText(back)).toContain("Mindst én skal være koordinator");
  expect(inputById(back, "municipality").value).toBe("0751");
  expect(inputById(back, roleField(bo.aadObjectId)).value).toBe("mentor");
});

test("the coordinator gives roles and the municipality; each member then gets what their role allows", async () => {
  const coordinator = new TeamsSession(app.url, connector.serviceUrl, anne);
  const card = await coordinator.press("setup.open");
  const done = await coordinator.submit(card, "setup.submit", {
    municipality: "0751",
    [roleField(anne.aadObjectId)]: "coordinator+mentor",
    [roleField(bo.aadObjectId)]: "mentor",
    [roleField(cai.aadObjectId)]: "leader",
    [roleField(dan.aadObjectId)]: "none",
  });
  expect(cardText(done)).toContain("✓ Korpset er sat op · Forebyggelse Aarhus");
  expect(cardText(done)).toContain("Kommune: Aarhus. 3 personer har fået en rolle.");
  expect(await app.store.repos.corps.get(corpsIdFor(TENANT, TEAM))).toMatchObject({ municipalityCode: "0751", setup: "done" });

  const mentorMenu = await new TeamsSession(app.url, connector.serviceUrl, bo).press("menu");
  expect(actionTitles(mentorMenu)).toEqual(["Forbered samtale", "Efter samtale", "Mine forløb", "Hjælp", "Akut bekymring"]);
  expect(cardText(mentorMenu)).toContain("Du har ingen aktive forløb");
  const leaderMenu = await new TeamsSession(app.url, connector.serviceUrl, cai).press("menu");
  expect(actionTitles(leaderMenu)).toEqual(["Hjælp", "Opbevaring"]);
  const coordinatorMenu = await coordinator.press("menu");
  expect(actionTitles(coordinatorMenu)).toContain("Korpset");
  // Reopened once the corps is set up, the card is where roles and municipality change.
  expect(cardText(await coordinator.press("setup.open"))).toContain("Korpset · roller og kommune · Forebyggelse Aarhus");
  // Only a coordinator can open or submit the set-up card.
  expect(cardText(await new TeamsSession(app.url, connector.serviceUrl, cai).press("setup.open"))).not.toMatch(/Sæt korpset op|roller og kommune/);
  connector.clear();
  await post(app.url, message(dan, connector.serviceUrl, "hej"));
  expect((await connector.waitFor(1))[0].body.text).toContain("ingen rolle i Løft");
});

test("the coordinator chooses the team's channel for the monthly status; only the team's channels; a deleted one hands it back to General", async () => {
  const coordinator = new TeamsSession(app.url, connector.serviceUrl, anne);
  const card = await coordinator.press("setup.open");
  const channel = inputById(card, "channel");
  expect(channel.label).toBe("Kanal til den månedlige status");
  expect(channel.value).toBe(GENERAL); // where the app was added
  expect(channel.choices.map((c: any) => [c.title, c.value])).toEqual([["Generelt", GENERAL], ["Status og overblik", STATUS]]);
  expect(cardText(card)).toContain("Løft skriver kun samlede tal dér, aldrig forløb eller navne");
  const refused = await coordinator.submit(card, "setup.submit", { channel: "19:someone-elses@thread.tacv2" });
  expect(cardText(refused)).toContain("»Kanal til den månedlige status« har en ugyldig værdi.");
  expect((await app.store.repos.corps.get(corpsIdFor(TENANT, TEAM)))?.channelId).toBe(GENERAL);
  await coordinator.submit(card, "setup.submit", { channel: STATUS });
  expect((await app.store.repos.corps.get(corpsIdFor(TENANT, TEAM)))?.channelId).toBe(STATUS);

  // The channel is deleted in Teams: the summary goes to General again, and the card offers what is left.
  const deleted = { ...installed(anne), membersAdded: undefined, channelData: { tenant: { id: TENANT }, team: { id: TEAM, name: "Forebyggelse Aarhus" }, eventType: "channelDeleted", channel: { id: STATUS, name: "Status og overblik" } } };
  expect((await post(app.url, deleted)).status).toBe(200);
  expect((await app.store.repos.corps.get(corpsIdFor(TENANT, TEAM)))?.channelId).toBe(GENERAL);
  const created = { ...deleted, channelData: { ...deleted.channelData, eventType: "channelCreated", channel: { id: "19:ny@thread.tacv2", name: "Koordinering" } } };
  await post(app.url, created);
  const after = await coordinator.press("setup.open");
  expect(inputById(after, "channel").choices.map((c: any) => c.title)).toEqual(["Generelt", "Koordinering"]);
});

test("adding the app to the same team again changes nothing and posts nothing", async () => {
  const before = await app.store.repos.members.list(corpsIdFor(TENANT, TEAM));
  expect((await post(app.url, installed(cai))).status).toBe(200);
  expect(sentTo(GENERAL)).toHaveLength(0);
  expect(await app.store.repos.members.list(corpsIdFor(TENANT, TEAM))).toEqual(before);
});

test("a team with the same id in another tenant is another corps, and nothing of the first is reachable from it", async () => {
  const eve: TeamsUser & { id: string } = { aadObjectId: "7b0c6a52-0000-4000-8000-000000000009", name: "Eve Koordinator", tenantId: OTHER_TENANT, id: "29:user-9" };
  connector.setRoster(TEAM, [{ id: eve.id, aadObjectId: eve.aadObjectId, name: eve.name }]);
  await post(app.url, installed(eve, OTHER_TENANT, "Andet korps"));
  const other = corpsIdFor(OTHER_TENANT, TEAM);
  expect(other).not.toBe(corpsIdFor(TENANT, TEAM));
  expect((await app.store.repos.members.list(other)).map((m) => m.name)).toEqual(["Eve Koordinator"]);
  // Bo, a mentor of the first corps, writing from the other tenant is nobody there.
  connector.clear();
  await post(app.url, message({ ...bo, tenantId: OTHER_TENANT }, connector.serviceUrl, "hej"));
  expect((await connector.waitFor(1))[0].body.text).toContain("ikke tilknyttet");
  connector.setRoster(TEAM, roster);
  connector.setChannels(TEAM, [{ id: GENERAL }, { id: STATUS, name: "Status og overblik" }]);
});
