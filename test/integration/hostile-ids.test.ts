// Ids the store cannot hold, sent as Teams never would but anyone can: a card's case id with / \ # ?, only white
// space or a lone surrogate is answered as a case that does not exist (never "Noget gik galt"), and an activity whose
// identity, tenant or team id is such an id is refused with 400 naming the field — before it reaches the store.
import { randomUUID } from "node:crypto";
import { startTestApp } from "../helpers/app";
import { TeamsSession } from "../helpers/bot";
import { cardText } from "../helpers/cards";
import { startFakeConnector, type FakeConnector } from "../helpers/connector";
import { demoCoordinator, demoMentor, message, post } from "../helpers/teams";
import type { RunningApp } from "../../src/app";
import { devToken } from "../../src/auth/tokens";
import { LOCAL_AUDIENCE } from "../../src/config";
import { DEMO } from "../../src/domain/demo";

let app: RunningApp & { dataDir: string };
let connector: FakeConnector;
beforeAll(async () => {
  [app, connector] = await Promise.all([startTestApp(), startFakeConnector()]);
});
afterAll(async () => {
  await app?.close();
  await connector?.close();
});

const HOSTILE = ["case/x", "case\\x", "case#x", "case?x", "   ", "case-\ud800"];

test.each(HOSTILE.map((id) => [JSON.stringify(id).slice(0, 20), id]))("a card naming case %s is answered as a case that does not exist", async (_name, id) => {
  const mentor = new TeamsSession(app.url, connector.serviceUrl, demoMentor);
  const coordinator = new TeamsSession(app.url, connector.serviceUrl, demoCoordinator);
  const envelope = { cardVersion: "1", submissionId: randomUUID() };
  const missing = { prepare: await mentor.press("prepare.open", { caseId: "case-me-zzzz" }), admin: await coordinator.press("coord.case", { caseId: "case-me-zzzz" }) };
  expect(cardText(await mentor.press("prepare.open", { caseId: id }))).toBe(cardText(missing.prepare));
  expect(cardText(await mentor.press("reflect.submit", { caseId: id, ...envelope, r1: "Tekst" }))).toContain("Forløbet findes ikke");
  expect(cardText(await coordinator.press("coord.case", { caseId: id }))).toBe(cardText(missing.admin));
  expect(cardText(await coordinator.press("coord.pauseSubmit", { caseId: id, ...envelope }))).toContain("Forløbet findes ikke");
});

test.each([
  ["from.aadObjectId", (id: string) => message({ aadObjectId: id, name: "x" }, "http://127.0.0.1:9/", "hej")],
  ["channelData.tenant.id", (id: string) => message({ aadObjectId: DEMO.mentor, name: "x", tenantId: id }, "http://127.0.0.1:9/", "hej")],
  ["channelData.team.id", (id: string) => ({ ...message(demoMentor, "http://127.0.0.1:9/", "hej"), channelData: { tenant: { id: DEMO.tenantId }, team: { id } } })],
])("an activity whose %s cannot be a stored id is refused with 400 naming it", async (field, activity) => {
  for (const id of ["a/b", "a#b", "a?b", "a\\b", " ", "x\ud800"]) {
    const res = await post(app.url, activity(id));
    expect([id, res.status]).toEqual([id, 400]);
    expect(res.body.issues).toContain(`${field}: not an id the store can hold`);
  }
});

test("the tab's team header with such an id is refused as a team the caller is not in (403), never a 500", async () => {
  const token = await devToken(app.dataDir, { aadObjectId: DEMO.leader, tenantId: DEMO.tenantId, audience: LOCAL_AUDIENCE, now: app.clock() });
  for (const team of ["19:a/b@thread", "a#b", "a?b", "a\\b"]) {
    const res = await fetch(`${app.url}/api/me`, { headers: { authorization: `Bearer ${token}`, "x-loft-team": team } });
    expect([team, res.status]).toEqual([team, 403]);
  }
});
