// Lending a mentor between corps (issue 24), over the Bot Framework protocol, across two tenants: the demo corps (A)
// borrows a mentor from a corps in another tenant (B). A's coordinator asks from a case; B's coordinator is told in
// their chat, sees no case, agrees and names Mette; Mette gets that one case in her chat and reaches nothing else of A
// (bot and tab API); both coordinators see the lending; it ends when either ends it or the case closes — Mette loses
// the case at once, the case is flagged for a new mentor, and everyone concerned is told. Each message once.
import { startTestApp } from "../helpers/app";
import { TeamsSession } from "../helpers/bot";
import { cardText, findAction } from "../helpers/cards";
import { startFakeConnector, type FakeConnector } from "../helpers/connector";
import { demoCoordinator, demoMentor, message, post, type TeamsUser } from "../helpers/teams";
import type { RunningApp } from "../../src/app";
import { devToken } from "../../src/auth/tokens";
import { LOCAL_AUDIENCE } from "../../src/config";
import { DEMO } from "../../src/domain/demo";
import type { Case } from "../../src/domain/model";
import { seedSmallCorps } from "./dashboard-corps";

const TENANT_B = "0000000b-0000-0000-0000-000000000000";
const CORPS_B = "nabo";
const kaj: TeamsUser = { aadObjectId: "0000000b-0000-0000-0000-000000000001", name: "Kaj Koordinator", tenantId: TENANT_B };
const mette: TeamsUser = { aadObjectId: "0000000b-0000-0000-0000-000000000011", name: "Mette Mentor", tenantId: TENANT_B };
const per: TeamsUser = { aadObjectId: "0000000b-0000-0000-0000-000000000012", name: "Per Pårørendecoach", tenantId: TENANT_B };

let app: RunningApp & { dataDir: string };
let connector: FakeConnector;
let lent: Case; // the demo case lent for
let other: Case; // another demo case, never lent
const session = (u: TeamsUser) => new TeamsSession(app.url, connector.serviceUrl, u);

beforeAll(async () => {
  connector = await startFakeConnector();
  app = await startTestApp({ env: { SCHEDULER_INTERVAL_SECONDS: "0" } });
  await seedSmallCorps(app.store, {
    corpsId: CORPS_B,
    teamId: "19:nabo@thread.tacv2",
    name: "Nabo Kommune",
    tenantId: TENANT_B,
    municipalityCode: "0851",
    people: [
      { id: kaj.aadObjectId, name: kaj.name, roles: ["coordinator"] },
      { id: mette.aadObjectId, name: mette.name, roles: ["mentor"] },
      { id: per.aadObjectId, name: per.name, roles: ["relativeCoach"] },
    ],
    cases: [],
  });
  // Everyone has a chat with Løft (the demo corps' people and B's, each in their own tenant).
  for (const who of [demoCoordinator, demoMentor, kaj, mette, per]) await post(app.url, message(who, connector.serviceUrl, "hej"));
  await connector.waitFor(5);
  const cases = (await app.store.repos.cases.list(DEMO.corpsId)).filter((c) => c.status === "active" && c.kind === "mentor");
  lent = cases.find((c) => c.coachId === DEMO.mentor)!;
  other = cases.find((c) => c.id !== lent.id)!;
});
afterAll(async () => {
  await app?.close();
  await connector?.close();
});

const chatOf = (u: TeamsUser) => `a:personal-${u.aadObjectId}`;
const cardOf = (call: { body: any }) => call.body?.attachments?.[0]?.content;
/** What Løft sent to someone's chat since `from` (an index into the connector's calls): each card's or message's text. */
const sentTo = (u: TeamsUser, from = 0) =>
  connector.calls.slice(from).filter((c) => c.method === "POST" && c.conversationId === chatOf(u)).map((c) => (cardOf(c) ? cardText(cardOf(c)) : String(c.body?.text ?? "")));
async function settle() {
  await app.drain();
}
const api = async (u: TeamsUser, path: string, corps?: string) => {
  const token = await devToken(app.dataDir, { aadObjectId: u.aadObjectId, tenantId: u.tenantId ?? DEMO.tenantId, audience: LOCAL_AUDIENCE, now: app.clock() });
  return fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${token}`, ...(corps ? { "x-loft-corps": corps } : {}) } });
};
/** Whether Mette can open the case's preparation (a card about the case, not «findes ikke»). */
async function metteReaches(c: Case): Promise<boolean> {
  const card = await session(mette).press("prepare.open", { caseId: c.id });
  return cardText(card).includes(c.code) && !/findes ikke|ikke længere/i.test(cardText(card));
}

test("A asks from a case; a specialisation with a phone number is handed back, answers kept", async () => {
  const coord = session(demoCoordinator);
  // «Skift mentor» offers a mentor of another corps too.
  const reassign = await coord.submit(await coord.press("coord.case", { caseId: lent.id }), "coord.reassign");
  const ask = await coord.submit(reassign, "lending.ask");
  expect(cardText(ask)).toContain("Lån en mentor til");
  const refused = await coord.submit(ask, "lending.askSubmit", { lender: CORPS_B, specialisation: "Ring til mig på 20 30 40 50" });
  expect(cardText(refused)).toMatch(/telefonnummer/i);
  expect(JSON.stringify(refused)).toContain("Ring til mig på 20 30 40 50");
  const before = connector.calls.length;
  const done = await coord.submit(refused, "lending.askSubmit", { lender: CORPS_B, specialisation: "Erfaring med unge og gaming" });
  expect(cardText(done)).toContain("Nabo Kommune");
  // The same card pressed again: one request, one message.
  await coord.submit(refused, "lending.askSubmit", { lender: CORPS_B, specialisation: "Erfaring med unge og gaming" });
  await settle();
  const toKaj = sentTo(kaj, before);
  expect(toKaj).toHaveLength(1);
  expect(toKaj[0]).toContain("beder om at låne en mentor");
  expect(toKaj[0]).toContain("Erfaring med unge og gaming");
  // B sees no case: not its code, not its goals.
  expect(toKaj[0]).not.toContain(lent.code);
  expect(toKaj[0]).not.toContain(lent.goalForm.goals[0]?.text ?? "∅");
  // A case already asked for cannot be asked for again.
  expect(cardText(await coord.press("lending.ask", { caseId: lent.id }))).toMatch(/allerede et udlån/);
});

test("B agrees and names Mette: she gets the one case, and reaches nothing else of A — in the chat and the tab", async () => {
  const lending = (await app.store.repos.lendings.list(DEMO.corpsId)).find((l) => l.caseId === lent.id)!;
  const kajs = session(kaj);
  const answer = await kajs.press("lending.answer", { lendingId: lending.id, borrower: DEMO.corpsId });
  expect(cardText(answer)).toContain("Mette Mentor");
  expect(cardText(answer)).not.toContain("Per Pårørendecoach"); // a mentor is asked for
  const before = connector.calls.length;
  const agreed = await kajs.submit(answer, "lending.agree", { person: mette.aadObjectId });
  expect(cardText(agreed)).toContain("Mette Mentor er lånt ud");
  await settle();
  // «Lån ud» pressed again (a double tap, or a retry after a turn cut short): the same answer, nobody told twice.
  const told = connector.calls.length;
  expect(cardText(await kajs.submit(answer, "lending.agree", { person: mette.aadObjectId }))).toContain("Mette Mentor er lånt ud");
  await settle();
  expect(connector.calls.length).toBe(told);
  expect(sentTo(mette, before).some((t) => t.includes(lent.code))).toBe(true); // the case, in her chat
  expect(sentTo(demoMentor, before).some((t) => t.includes(lent.code))).toBe(true); // the former mentor is told
  expect(sentTo(demoCoordinator, before).some((t) => t.includes("Mette Mentor") && t.includes(lent.code))).toBe(true);
  // Mette reaches the case lent, and no other case of A.
  expect(await metteReaches(lent)).toBe(true);
  expect(await metteReaches(other)).toBe(false);
  const coordCard = cardText(await session(mette).press("coord.case", { caseId: lent.id }));
  expect(coordCard).not.toContain("Skift mentor");
  // The tab: in A, her own cases are the one lent; A's figures and cases list are not hers.
  const mine = await (await api(mette, "/api/cases", DEMO.corpsId)).json();
  expect(mine.cases.map((c: any) => c.code)).toEqual([lent.code]);
  expect((await api(mette, "/api/dashboard", DEMO.corpsId)).status).toBe(403);
  expect((await api(mette, "/api/halfyear", DEMO.corpsId)).status).toBe(403);
  // Not offered by A for anything else: not a coach for a new case, not on A's set-up card.
  const coord = session(demoCoordinator);
  expect(JSON.stringify(await coord.press("coord.new"))).not.toContain(mette.aadObjectId);
  expect(JSON.stringify(await coord.press("setup.open"))).not.toContain("Mette Mentor");
  // The case card says who coaches it and from where, and offers ending the lending instead of «Skift mentor».
  const lentCard = cardText(await coord.press("coord.case", { caseId: lent.id }));
  expect(lentCard).toContain("Mette Mentor fra Aalborg (Nabo Kommune)");
  expect(lentCard).toContain("Afslut udlån");
  expect(lentCard).not.toContain("Skift mentor");
  // Both coordinators see the lending on their lists.
  expect(cardText(await coord.press("coord.cases"))).toContain("Mette Mentor fra Aalborg (Nabo Kommune)");
  const kajList = cardText(await kajs.press("lending.list"));
  expect(kajList).toContain("Lånt ud (1)");
  expect(kajList).toContain("Mette Mentor til Odense (Demo Kommune)");
  // … and in the tab's «Forløb»: A with the case, B with whom and to which corps — never A's case.
  const aTab = await (await api(demoCoordinator, "/api/cases")).json();
  expect(aTab.lendings.borrowed).toEqual([expect.objectContaining({ code: lent.code, guest: "Mette Mentor", corps: "Aalborg (Nabo Kommune)", status: "agreed" })]);
  const bTab = await (await api(kaj, "/api/cases")).json();
  expect(bTab.lendings.lent).toEqual([expect.objectContaining({ guest: "Mette Mentor", corps: "Odense (Demo Kommune)", status: "agreed" })]);
  expect(JSON.stringify(bTab)).not.toContain(lent.code);
  expect(JSON.stringify(bTab)).not.toContain(lent.id);
});

test("B ends the lending: Mette loses the case at once, the case wants a new mentor, and both sides are told", async () => {
  const lending = (await app.store.repos.lendings.list(DEMO.corpsId)).find((l) => l.caseId === lent.id && l.status === "agreed")!;
  const before = connector.calls.length;
  // First what it does, to confirm — on the lending side without the case.
  const confirm = await session(kaj).press("lending.end", { lendingId: lending.id, borrower: DEMO.corpsId });
  expect(cardText(confirm)).toContain("Afslut udlånet af Mette Mentor?");
  expect(cardText(confirm)).toContain("Mette Mentor mister adgangen til forløbet i Odense (Demo Kommune) med det samme");
  expect(cardText(confirm)).not.toContain(lent.code);
  expect(connector.calls.length).toBe(before);
  expect((await app.store.repos.lendings.get(DEMO.corpsId, lending.id))?.status).toBe("agreed");
  expect(await metteReaches(lent)).toBe(true);
  // The borrowing side is told the case and what it needs.
  const theirs = cardText(await session(demoCoordinator).press("lending.end", { lendingId: lending.id, borrower: DEMO.corpsId }));
  expect(theirs).toContain(`Mette Mentor fra Aalborg (Nabo Kommune) mister adgangen til ${lent.code} med det samme, og forløbet skal have en ny mentor`);
  const ended = await session(kaj).press("lending.endConfirm", findAction(confirm, "lending.endConfirm").data);
  expect(cardText(ended)).toContain("Udlånet er afsluttet");
  await settle();
  expect(await metteReaches(lent)).toBe(false);
  expect((await api(mette, "/api/cases", DEMO.corpsId)).status).toBe(403);
  expect(sentTo(mette, before).some((t) => t.includes("Udlånet til Odense (Demo Kommune) er slut"))).toBe(true);
  expect(sentTo(demoCoordinator, before).some((t) => t.includes("mangler nu en mentor"))).toBe(true);
  const c = (await app.store.repos.cases.get(DEMO.corpsId, lent.id))!.doc;
  expect(c.flags.some((f) => f.kind === "coachLeft")).toBe(true);
  // Ending again changes nothing and tells no one again.
  const again = connector.calls.length;
  expect(cardText(await session(demoCoordinator).press("lending.endConfirm", { lendingId: lending.id, borrower: DEMO.corpsId }))).toContain("allerede besvaret");
  await settle();
  expect(sentTo(mette, again)).toHaveLength(0);
});

test("lent again, the lending ends with the case: closing it takes Mette's access and tells B", async () => {
  const coord = session(demoCoordinator);
  const ask = await coord.press("lending.ask", { caseId: lent.id });
  await coord.submit(ask, "lending.askSubmit", { lender: CORPS_B });
  const lending = (await app.store.repos.lendings.list(DEMO.corpsId)).find((l) => l.caseId === lent.id && l.status === "asked")!;
  const answer = await session(kaj).press("lending.answer", { lendingId: lending.id, borrower: DEMO.corpsId });
  await session(kaj).submit(answer, "lending.agree", { person: mette.aadObjectId });
  await settle();
  expect(await metteReaches(lent)).toBe(true);
  const before = connector.calls.length;
  const close = await coord.press("coord.close", { caseId: lent.id });
  await coord.submit(close, "coord.closeSubmit", { reason: "goalsReached", confirm: "true" });
  await settle();
  expect((await app.store.repos.lendings.get(DEMO.corpsId, lending.id))?.status).toBe("ended");
  expect(await metteReaches(lent)).toBe(false);
  expect(sentTo(kaj, before).some((t) => t.includes("Udlånet af Mette Mentor er slut"))).toBe(true);
  // Nothing is left under way on either list.
  expect(cardText(await session(kaj).press("lending.list"))).toContain("Ingen udlån i gang");
});

test("B says no: A is told and may ask another corps; nobody but a coordinator of the two corps can answer or end", async () => {
  const coord = session(demoCoordinator);
  const ask = await coord.press("lending.ask", { caseId: other.id });
  await coord.submit(ask, "lending.askSubmit", { lender: CORPS_B });
  const lending = (await app.store.repos.lendings.list(DEMO.corpsId)).find((l) => l.caseId === other.id)!;
  // Not Mette (a mentor of B), not A's mentor: their menu, and the lending unchanged.
  for (const u of [mette, demoMentor]) {
    const card = await session(u).press("lending.agree", { lendingId: lending.id, borrower: DEMO.corpsId, person: mette.aadObjectId });
    expect(() => findAction(card, "lending.agree")).toThrow();
    await session(u).press("lending.end", { lendingId: lending.id, borrower: DEMO.corpsId });
    await session(u).press("lending.endConfirm", { lendingId: lending.id, borrower: DEMO.corpsId });
  }
  expect((await app.store.repos.lendings.get(DEMO.corpsId, lending.id))?.status).toBe("asked");
  // A's coordinator cannot answer their own request (the lending corps answers).
  expect(cardText(await coord.press("lending.answer", { lendingId: lending.id, borrower: DEMO.corpsId }))).toMatch(/findes ikke/);
  const before = connector.calls.length;
  const answer = await session(kaj).press("lending.answer", { lendingId: lending.id, borrower: DEMO.corpsId });
  await session(kaj).submit(answer, "lending.decline");
  await settle();
  expect((await app.store.repos.lendings.get(DEMO.corpsId, lending.id))?.status).toBe("declined");
  expect(sentTo(demoCoordinator, before).some((t) => t.includes("kan ikke låne en mentor ud"))).toBe(true);
  // Another answer after that changes nothing.
  await session(kaj).press("lending.agree", { lendingId: lending.id, borrower: DEMO.corpsId, person: mette.aadObjectId });
  expect((await app.store.repos.lendings.get(DEMO.corpsId, lending.id))?.status).toBe("declined");
  expect(await metteReaches(other)).toBe(false);
});

test("a «Lån ud» cut short after its first write (kill -9) is finished by pressing it again: Mette gets the case once", async () => {
  const third = (await app.store.repos.cases.list(DEMO.corpsId)).find((c) => c.status === "active" && c.kind === "mentor" && c.id !== lent.id && c.id !== other.id)!;
  const coord = session(demoCoordinator);
  await coord.submit(await coord.press("lending.ask", { caseId: third.id }), "lending.askSubmit", { lender: CORPS_B });
  const asked = (await app.store.repos.lendings.list(DEMO.corpsId)).find((l) => l.caseId === third.id)!;
  // The turn wrote the lending as agreed and died: no membership, no case handed over, nobody told.
  await app.store.repos.lendings.update(DEMO.corpsId, asked.id, (l) => ({ ...l, status: "agreed", guest: { aadObjectId: mette.aadObjectId, name: mette.name, tenantId: TENANT_B }, answeredBy: kaj.aadObjectId, answeredAt: app.clock().toISOString() }));
  expect(await metteReaches(third)).toBe(false);
  const before = connector.calls.length;
  const card = await session(kaj).press("lending.agree", { lendingId: asked.id, borrower: DEMO.corpsId, person: mette.aadObjectId });
  expect(cardText(card)).toContain("Mette Mentor er lånt ud");
  await settle();
  expect(await metteReaches(third)).toBe(true);
  expect(sentTo(mette, before).filter((t) => t.includes(third.code))).toHaveLength(1);
  // Someone else named on the same card changes nothing: the lending is Mette's.
  await session(kaj).press("lending.agree", { lendingId: asked.id, borrower: DEMO.corpsId, person: per.aadObjectId });
  expect((await app.store.repos.cases.get(DEMO.corpsId, third.id))!.doc.coachId).toBe(mette.aadObjectId);
});

test("a lent case erased at the citizen's request: Mette loses it, and she and B are told — without the case", async () => {
  const coord = session(demoCoordinator);
  await coord.submit(await coord.press("lending.ask", { caseId: other.id }), "lending.askSubmit", { lender: CORPS_B });
  const lending = (await app.store.repos.lendings.list(DEMO.corpsId)).find((l) => l.caseId === other.id && l.status === "asked")!;
  await session(kaj).submit(await session(kaj).press("lending.answer", { lendingId: lending.id, borrower: DEMO.corpsId }), "lending.agree", { person: mette.aadObjectId });
  await settle();
  expect(await metteReaches(other)).toBe(true);
  const lentBefore = cardText(await session(kaj).press("lending.list"));
  const before = connector.calls.length;
  const erase = await coord.submit(await coord.press("coord.case", { caseId: other.id }), "coord.erase");
  expect(cardText(await coord.submit(erase, "coord.eraseSubmit", { confirmCode: other.code }))).toContain("slettet");
  await settle();
  expect(await metteReaches(other)).toBe(false);
  const toMette = sentTo(mette, before);
  const toKaj = sentTo(kaj, before);
  expect(toMette).toEqual([expect.stringContaining("Forløbet, du var lånt ud til i Odense (Demo Kommune), er slettet")]);
  expect(toKaj).toEqual([expect.stringContaining("Mette Mentor er ikke længere lånt ud til Odense (Demo Kommune): forløbet er slettet")]);
  // The case is gone from every message and from what the messages were made from.
  for (const text of [...toMette, ...toKaj]) expect(text).not.toContain(other.code);
  // (The erasure's own job stays, to sweep once more later.)
  for (const corpsId of [DEMO.corpsId, CORPS_B]) expect((await app.store.repos.jobs.listForCase(corpsId, other.id)).filter((j) => j.kind !== "erase")).toEqual([]);
  expect(JSON.stringify(connector.calls.slice(before))).not.toContain(other.id);
  // Gone from both corps' lists (B still lends Mette for the case of the test before).
  expect(await app.store.repos.lendings.get(DEMO.corpsId, lending.id)).toBeUndefined();
  expect(cardText(await session(kaj).press("lending.list"))).toContain("Lånt ud (1)");
  expect(lentBefore).toContain("Lånt ud (2)");
});
