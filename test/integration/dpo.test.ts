// The corps' data protection officer (issue 22): a role on the set-up card that reads the corps' access log — who
// reached which case (by code), when, how — and never a case, an entry or a figure, in the bot or over the API.
import { startTestApp } from "../helpers/app";
import { TeamsSession } from "../helpers/bot";
import { actionTitles, cardText } from "../helpers/cards";
import { startFakeConnector, type FakeConnector } from "../helpers/connector";
import { demoMentor, message, post, type TeamsUser } from "../helpers/teams";
import type { RunningApp } from "../../src/app";
import { devToken } from "../../src/auth/tokens";
import { LOCAL_AUDIENCE } from "../../src/config";
import { manualClock } from "../../src/domain/clock";
import { withMembership } from "../../src/domain/corps";
import { DEMO } from "../../src/domain/demo";
import { memberDocId, userKey, type Case, type Member } from "../../src/domain/model";

const clock = manualClock(new Date("2026-11-25T09:00:00Z"));
const DPO: TeamsUser = { aadObjectId: "0000000d-0000-0000-0000-0000000000d9", name: "Dorte Databeskyttelse" };
let app: RunningApp & { dataDir: string };
let connector: FakeConnector;
let dpo: TeamsSession;
let c: Case;

beforeAll(async () => {
  [app, connector] = await Promise.all([startTestApp({ clock }), startFakeConnector()]);
  // Given the role as the set-up card gives it: the member document, then the directory entry.
  const member: Member = { type: "member", id: memberDocId(DPO.aadObjectId), corpsId: DEMO.corpsId, aadObjectId: DPO.aadObjectId, name: DPO.name, roles: ["dpo"] };
  await app.store.repos.members.upsert(member);
  await app.store.repos.directory.upsert(withMembership(await app.store.repos.directory.get(userKey(DEMO.tenantId, DPO.aadObjectId)), DEMO.tenantId, member));
  dpo = new TeamsSession(app.url, connector.serviceUrl, DPO);
  c = (await app.store.repos.cases.listForCoach(DEMO.corpsId, DEMO.mentor)).find((x) => x.status === "active")!;
  // The mentor opens the case: a line in the log.
  clock.set(new Date("2026-11-25T10:15:00Z"));
  await new TeamsSession(app.url, connector.serviceUrl, demoMentor).press("cases.open", { caseId: c.id });
});
afterAll(() => Promise.all([app?.close(), connector?.close()]));

const api = async (path: string) =>
  fetch(`${app.url}/api${path}`, { headers: { authorization: `Bearer ${await devToken(app.dataDir, { aadObjectId: DPO.aadObjectId, tenantId: DEMO.tenantId, audience: LOCAL_AUDIENCE, now: clock() })}` } });

test("in the chat: the DPO's menu offers the corps' access log, which names who reached which case by code — and no case opens for them", async () => {
  await post(app.url, message(DPO, connector.serviceUrl, "hej"));
  const [reply] = await connector.waitFor(1);
  const menu = reply.body.attachments[0].content;
  expect(cardText(menu)).toContain("Som databeskyttelsesrådgiver (DPO) ser du korpsets adgangslog");
  expect(actionTitles(menu)).toEqual(["Hjælp", "Adgangslog"]);

  const log = await dpo.press("privacy.log");
  expect(cardText(log)).toContain("Korpsets adgangslog");
  expect(cardText(log)).toContain(`- 25.11.2026 11:15 · Demo Mentor (mentor) · så forløbet · mine forløb · ${c.code}`);
  // The same look-up again within the minute: one line, saying how many times.
  await new TeamsSession(app.url, connector.serviceUrl, demoMentor).press("cases.open", { caseId: c.id });
  expect(cardText(await dpo.press("privacy.log"))).toContain(`- 25.11.2026 11:15 · Demo Mentor (mentor) · så forløbet · mine forløb · ${c.code} (2×)`);
  // Reading the log is not reading a case: nothing new about the case.
  const lines = await app.store.repos.access.listForCase(DEMO.corpsId, c.id);
  expect(lines.filter((l) => l.by === DPO.aadObjectId.toLowerCase())).toEqual([]);

  // The case and the coordinator's cards answer as to anyone without the role: the menu, never the case.
  for (const verb of ["coord.case", "coord.access", "cases.open", "coord.erase", "coord.cases"]) {
    const card = await dpo.press(verb, { caseId: c.id });
    expect(cardText(card)).not.toContain(c.code);
  }
  expect(cardText(await dpo.press("retention.open"))).not.toContain("Opbevaring og sletning");
});

test("over the API: the corps' log (200), and 403 for every case, the export, erasure and the figures", async () => {
  const res = await api("/access?max=50");
  expect(res.status).toBe(200);
  const body = await res.json();
  expect(body.lines).toEqual(expect.arrayContaining([expect.objectContaining({ by: DEMO.mentor, name: "Demo Mentor", role: "coach", action: "read", flow: "mine forløb", codes: [c.code] })]));
  expect((await api("/access?max=5000")).status).toBe(400);
  for (const path of ["/cases", `/cases/${c.id}/export`, `/cases/${c.id}/access`, "/dashboard", "/mine", "/learning.csv", "/implementation"]) expect([path, (await api(path)).status]).toEqual([path, 403]);
  const del = await fetch(`${app.url}/api/cases/${c.id}?confirm=${c.code}`, {
    method: "DELETE",
    headers: { authorization: `Bearer ${await devToken(app.dataDir, { aadObjectId: DPO.aadObjectId, tenantId: DEMO.tenantId, audience: LOCAL_AUDIENCE, now: clock() })}` },
  });
  expect(del.status).toBe(403);
  expect(await app.store.repos.cases.get(DEMO.corpsId, c.id)).toBeDefined();
});

test("a mentor cannot read the corps' log, in the chat or over the API", async () => {
  const mentor = new TeamsSession(app.url, connector.serviceUrl, demoMentor);
  expect(cardText(await mentor.press("privacy.log"))).not.toContain("Korpsets adgangslog");
  const token = await devToken(app.dataDir, { aadObjectId: DEMO.mentor, tenantId: DEMO.tenantId, audience: LOCAL_AUDIENCE, now: clock() });
  expect((await fetch(`${app.url}/api/access`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(403);
});
