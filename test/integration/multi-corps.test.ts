// A member of two Løft corps in one tenant (issue 19 §3), over the Bot Framework protocol: the demo corps (A) and a
// second corps (B) made the real way — the app added to another team of the tenant, its coordinator's set-up card.
// The corps of a turn is the one the conversation (the team), the card or the member's own choice names — never
// whichever membership the directory lists first — and a coordinator demoted is refused at once.
import { randomUUID } from "node:crypto";
import { startTestApp } from "../helpers/app";
import { TeamsSession } from "../helpers/bot";
import { actionTitles, cardText, findAction, inputValues } from "../helpers/cards";
import { startFakeConnector, type FakeConnector } from "../helpers/connector";
import { demoCoordinator, demoMentor, execute, message, post, teamEvent, type TeamsUser } from "../helpers/teams";
import type { RunningApp } from "../../src/app";
import { corpsIdFor, roleField } from "../../src/domain/corps";
import { DEMO } from "../../src/domain/demo";
import { userKey } from "../../src/domain/model";

const TEAM_B = "19:nabo-korps@thread.tacv2";
const CORPS_B = corpsIdFor(DEMO.tenantId, TEAM_B);
const CARD = "application/vnd.microsoft.card.adaptive";
const eva: TeamsUser = { aadObjectId: "0000000d-0000-0000-0000-0000000000e1", name: "Eva Koordinator" };
/** The member of two corps: a mentor of the demo corps, added to B's team. */
const ida: TeamsUser = { aadObjectId: DEMO.mentor2, name: "Demo Mentor 2" };
const kim = demoCoordinator; // the demo corps' coordinator, in B's team too (without a role there)

let app: RunningApp;
let connector: FakeConnector;
const session = (u: TeamsUser) => new TeamsSession(app.url, connector.serviceUrl, u);

/** An Action.Execute in the personal chat: the answer as Teams gets it (a card, or a message's text). */
async function press(u: TeamsUser, verb: string, data: Record<string, unknown> = {}) {
  const res = await post(app.url, execute(u, connector.serviceUrl, verb, { verb, ...data }));
  expect(res.status).toBe(200);
  return res.body as { type: string; value: any };
}
const shown = (body: { type: string; value: any }) => (body.type === CARD ? cardText(body.value) : String(body.value));

/** A button on a card in a team's channel (the monthly summary's «Åbn forløbet»). */
async function pressInChannel(u: TeamsUser, teamId: string, verb: string, data: Record<string, unknown>) {
  const a = execute(u, connector.serviceUrl, verb, { verb, ...data });
  const res = await post(app.url, {
    ...a,
    conversation: { id: `${teamId};messageid=1`, conversationType: "channel", isGroup: true, tenantId: DEMO.tenantId },
    channelData: { tenant: { id: DEMO.tenantId }, team: { id: teamId }, channel: { id: teamId } },
  });
  return String(res.body.value);
}

/** "hej" typed in the personal chat: the reply Løft sends to the chat. */
async function hej(u: TeamsUser) {
  connector.clear();
  await post(app.url, message(u, connector.serviceUrl, "hej"));
  const [reply] = await connector.waitFor(1);
  return reply.body.text ?? reply.body.attachments?.[0]?.content;
}

/** A button on the menu: the flow starts in a message of its own (returned), the menu stays as it was. */
async function fromMenu(u: TeamsUser, menu: any, verb: string) {
  connector.clear();
  const again = await session(u).submit(menu, verb);
  expect(actionTitles(again)).toContain("Hjælp");
  const [sent] = await connector.waitFor(1);
  return sent.body.attachments[0].content;
}

/**
 * A coordinator gives `who` a role on their corps' set-up card, as in Teams. The demo's "Dennis Mentor" is a mentor
 * and a relative coach, which the card has no choice for: his field is left out (as for someone who joined the team
 * since the card was shown), so his role stays as it is.
 */
async function giveRole(coordinator: TeamsUser, who: TeamsUser, choice: string) {
  const s = session(coordinator);
  const card = await s.press("setup.open");
  const values = Object.fromEntries(Object.entries(inputValues(card)).filter(([k]) => k !== roleField(DENNIS)));
  const done = await s.press("setup.submit", { ...findAction(card, "setup.submit").data, ...values, [roleField(who.aadObjectId)]: choice });
  expect(cardText(done)).toContain("Korpset er sat op");
}
const DENNIS = "0000000d-0000-0000-0000-000000000014";

const membershipsOf = async (u: TeamsUser) =>
  (await app.store.repos.directory.get(userKey(DEMO.tenantId, u.aadObjectId)))!.memberships.map((m) => `${m.corpsId === CORPS_B ? "B" : "A"}:${m.roles.join("+")}`);
/** A case of the demo corps: ida's own (`mine`) or another mentor's, active. */
const caseOfA = async (coach: string) => (await app.store.repos.cases.listForCoach(DEMO.corpsId, coach)).find((c) => c.status === "active")!;

beforeAll(async () => {
  [app, connector] = await Promise.all([startTestApp(), startFakeConnector()]);
  connector.setRoster(TEAM_B, [eva, ida, kim].map((u) => ({ id: `29:${u.aadObjectId}`, aadObjectId: u.aadObjectId, name: u.name })));
  // Eva adds Løft to her team: it becomes corps B, with Ida and Kim in it without a role; she sets it up.
  expect((await post(app.url, teamEvent(eva, connector.serviceUrl, { id: TEAM_B, name: "Nabo Kommune", tenantId: DEMO.tenantId }))).status).toBe(200);
  const s = session(eva);
  const done = await s.submit(await s.press("setup.open"), "setup.submit", { municipality: "0751" });
  expect(cardText(done)).toContain("Korpset er sat op");
  expect(await membershipsOf(ida)).toEqual(["A:mentor", "B:"]);
});
afterAll(() => Promise.all([app?.close(), connector?.close()]));

test("(a) A's coordinator changes the role of someone who is in B without a role: she keeps her access in A", async () => {
  await giveRole(kim, ida, "coordinator+mentor");
  // A's membership moved to the end of her directory entry, behind B's (where she has no role).
  expect(await membershipsOf(ida)).toEqual(["B:", "A:coordinator+mentor"]);
  const menu = await session(ida).press("menu");
  expect(actionTitles(menu)).toEqual(expect.arrayContaining(["Forbered samtale", "Nyt forløb", "Forløb"]));
  expect(actionTitles(menu)).not.toContain("Skift korps"); // a role in one corps only: nothing to choose
  // In A's channel she is A's coordinator; in B's channel she is nobody with a role.
  const aCase = await caseOfA(DEMO.mentor);
  expect(await pressInChannel(ida, DEMO.teamId, "summary.openCase", { caseId: aCase.id })).toContain("sendt til din chat med Løft");
  expect(await pressInChannel(ida, TEAM_B, "summary.openCase", { caseId: aCase.id })).toBe("Kun korpsets koordinator kan åbne forløb og håndtere markeringer fra overblikket.");
});

test("(b) with a role in both corps, the personal chat asks which, remembers the choice, and the menu switches", async () => {
  await giveRole(eva, ida, "mentor");
  expect(await membershipsOf(ida)).toEqual(["A:coordinator+mentor", "B:mentor"]);

  const asked = await hej(ida);
  expect(cardText(asked)).toContain("Vælg korps");
  expect(actionTitles(asked)).toEqual(expect.arrayContaining(["Demo Kommune", "Nabo Kommune", "Menu"]));
  // Every card action leads somewhere: pressed, «Menu» asks again until she has chosen.
  expect(cardText(await session(ida).press("menu"))).toContain("Vælg korps");

  const inB = await session(ida).submit(asked, "corps.set", {}, (d) => d.corpsId === CORPS_B);
  expect(cardText(inB)).toContain("Korps: Nabo Kommune");
  expect(actionTitles(inB)).toEqual(expect.arrayContaining(["Forbered samtale", "Skift korps"]));
  expect(actionTitles(inB)).not.toContain("Nyt forløb"); // a mentor in B
  // Remembered: typed words and the menu are B's now.
  expect(cardText(await hej(ida))).toContain("Korps: Nabo Kommune");
  expect(cardText(await session(ida).press("menu"))).toContain("Korps: Nabo Kommune");

  // «Skift korps» on the menu asks again; A chosen, A's menu (she is A's coordinator).
  const choice = await fromMenu(ida, inB, "corps.choose");
  expect(cardText(choice)).toContain("Vælg korps");
  expect(cardText(choice)).toContain("Nu: Nabo Kommune");
  const inA = await session(ida).submit(choice, "corps.set", {}, (d) => d.corpsId === DEMO.corpsId);
  expect(cardText(inA)).toContain("Korps: Demo Kommune");
  expect(actionTitles(inA)).toEqual(expect.arrayContaining(["Nyt forløb", "Forløb", "Skift korps"]));
  expect(cardText(await hej(ida))).toContain("Korps: Demo Kommune");

  // In English when Teams says so.
  const english = await press({ ...ida, locale: "en-US" }, "corps.choose");
  expect(cardText(english.value)).toContain("Choose corps");

  // A choice of a corps she is not in changes nothing.
  expect(shown(await press(ida, "corps.set", { corpsId: "corps-0000000000000000" }))).toContain("Korps: Demo Kommune");
  // The channels still go by their team, whatever she chose.
  const aCase = await caseOfA(DEMO.mentor);
  expect(await pressInChannel(ida, DEMO.teamId, "summary.openCase", { caseId: aCase.id })).toContain("sendt til din chat med Løft");
  expect(await pressInChannel(ida, TEAM_B, "summary.openCase", { caseId: aCase.id })).toBe("Kun korpsets koordinator kan åbne forløb og håndtere markeringer fra overblikket.");
});

test("(d) demoted by A's coordinator, she is refused «Sæt på pause» the moment after, on the card she has open", async () => {
  const s = session(ida);
  const aCase = await caseOfA(DEMO.mentor);
  const caseCard = await s.press("coord.case", { caseId: aCase.id });
  expect(actionTitles(caseCard)).toContain("Sæt på pause");
  const card = await s.submit(caseCard, "coord.pauseOpen");

  await giveRole(kim, ida, "mentor");
  expect(await membershipsOf(ida)).toEqual(["B:mentor", "A:mentor"]);
  const refused = await s.submit(card, "coord.pauseSubmit", { reason: "other", until: "2026-12-20" });
  expect(actionTitles(refused)).not.toContain("Nyt forløb"); // the menu of a mentor, not the pause done
  expect(cardText(refused)).not.toContain("er sat på pause");
  expect((await app.store.repos.cases.get(DEMO.corpsId, aCase.id))!.doc.status).toBe("active");
  // A's membership moved behind B's: her choice (A) stands all the same.
  expect(cardText(await s.press("menu"))).toContain("Korps: Demo Kommune");
});

test("a card names its corps: A's case opens in A while B is chosen; A's case is never reached through B's roles", async () => {
  await giveRole(eva, ida, "coordinator+mentor"); // coordinator in B, mentor in A
  const s = session(ida);
  const bMenu = await s.submit(await s.press("corps.choose"), "corps.set", {}, (d) => d.corpsId === CORPS_B);
  expect(cardText(bMenu)).toContain("Korps: Nabo Kommune");

  // Her own case in A (as a reminder or a notice from A would name it): A's, because the case is A's.
  const mine = await caseOfA(DEMO.mentor2);
  expect(cardText(await s.press("prepare.open", { caseId: mine.id }))).toContain(`Forbered samtale · ${mine.code}`);
  // Another mentor's case in A: she is A's mentor, not its coordinator — and B's coordinator role reaches nothing of
  // A. The answer is exactly that of a case that does not exist.
  const theirs = await caseOfA(DEMO.mentor);
  const viaB = await s.press("coord.case", { caseId: theirs.id });
  const missing = await s.press("coord.case", { caseId: "case-does-not-exist" });
  expect(cardText(viaB)).toBe(cardText(missing));
  expect(cardText(viaB)).not.toContain(theirs.code);
  const pause = await press(ida, "coord.pauseSubmit", { caseId: theirs.id, cardVersion: theirs.version, submissionId: randomUUID() });
  expect(shown(pause)).not.toContain(theirs.code);
  expect((await app.store.repos.cases.get(DEMO.corpsId, theirs.id))!.doc.status).toBe("active");

  // A card Løft showed for B acts in B after she switched to A: «Forløb» on B's menu lists B's cases (none).
  const inA = await s.submit(await s.press("corps.choose"), "corps.set", {}, (d) => d.corpsId === DEMO.corpsId);
  expect(actionTitles(inA)).not.toContain("Nyt forløb"); // a mentor in A
  const bCases = await fromMenu(ida, bMenu, "coord.cases");
  expect(cardText(bCases)).toContain("Korpsets forløb");
  expect(cardText(bCases)).not.toContain(theirs.code);
  // A card naming a corps she is not in acts nowhere: the menu of her chosen corps.
  expect(cardText(await s.press("coord.cases", { corpsId: "corps-0000000000000000" }))).toContain("Korps: Demo Kommune");
});

test("members of one corps see no change: no choice, no corps line, no switch", async () => {
  const menu = await session(demoMentor).press("menu");
  expect(cardText(menu)).not.toContain("Korps:");
  expect(actionTitles(menu)).not.toContain("Skift korps");
  expect(JSON.stringify(menu)).not.toContain("corpsId");
  // Kim is in B's team without a role there: one corps with a role, as before.
  expect(actionTitles(await session(kim).press("menu"))).toEqual(expect.arrayContaining(["Nyt forløb", "Korpset"]));
});
