// The access log (issue 22): every case a person reaches — in the bot, in the tab's API — is in the case's log with
// who, as what, when and through which flow, never its content; the coordinator reads it on the case. The line is
// written before the answer; one the store cannot take now is kept and written once it can.
import { startTestApp } from "../helpers/app";
import { TeamsSession } from "../helpers/bot";
import { cardText } from "../helpers/cards";
import { startFakeConnector, type FakeConnector } from "../helpers/connector";
import { demoCoordinator, demoLeader, demoMentor, message, post } from "../helpers/teams";
import { eventually } from "../helpers/until";
import { accessLinesPending } from "../../src/store/access";
import type { RunningApp } from "../../src/app";
import { devToken } from "../../src/auth/tokens";
import { LOCAL_AUDIENCE } from "../../src/config";
import { manualClock } from "../../src/domain/clock";
import { DEMO } from "../../src/domain/demo";
import type { Case } from "../../src/domain/model";

const clock = manualClock(new Date("2026-11-25T09:00:00Z"));
let app: RunningApp & { dataDir: string };
let connector: FakeConnector;
let mentor: TeamsSession;
let coordinator: TeamsSession;
let c: Case;

beforeAll(async () => {
  [app, connector] = await Promise.all([startTestApp({ clock, env: { SCHEDULER_INTERVAL_SECONDS: "0" } }), startFakeConnector()]);
  mentor = new TeamsSession(app.url, connector.serviceUrl, demoMentor);
  coordinator = new TeamsSession(app.url, connector.serviceUrl, demoCoordinator);
  await post(app.url, message(demoMentor, connector.serviceUrl, "hej"));
  await connector.waitFor(1);
  c = (await app.store.repos.cases.listForCoach(DEMO.corpsId, DEMO.mentor)).find((x) => x.status === "active")!;
});
afterAll(() => Promise.all([app?.close(), connector?.close()]));

test("the mentor opening the case is in its log: who, as what, when, through which flow — and nothing of the content", async () => {
  clock.set(new Date("2026-11-25T10:15:00Z"));
  expect(cardText(await mentor.press("cases.open", { caseId: c.id }))).toContain(c.code);
  const lines = await app.store.repos.access.listForCase(DEMO.corpsId, c.id);
  expect(lines[0]).toMatchObject({ by: DEMO.mentor, role: "coach", action: "read", flow: "cases.open", at: "2026-11-25T10:15:00.000Z", caseIds: [c.id] });
  expect(Object.keys(lines[0]).sort()).toEqual(["action", "at", "by", "caseIds", "corpsId", "flow", "id", "role", "type"]);

  // The coordinator reads it on the case, in words; reading the log is itself logged.
  clock.set(new Date("2026-11-25T11:00:00Z"));
  const log = await coordinator.submit(await coordinator.press("coord.case", { caseId: c.id }), "coord.access");
  expect(cardText(log)).toContain(`Adgangslog · ${c.code}`);
  expect(cardText(log)).toContain("- 25.11.2026 11:15 · Demo Mentor (mentor) · så forløbet · mine forløb");
  const after = await app.store.repos.access.listForCase(DEMO.corpsId, c.id);
  expect(after.map((l) => [l.by, l.flow])).toEqual(expect.arrayContaining([[DEMO.coordinator, "coord.case"], [DEMO.coordinator, "coord.access"]]));
  // The coach's own list and the case pickers (codes and first goals, from their case index) are in the log too.
  await mentor.press("cases.list");
  await mentor.press("prepare.open");
  const seen = (await app.store.repos.access.listForCase(DEMO.corpsId, c.id)).filter((l) => l.by === DEMO.mentor && l.action === "read").map((l) => l.flow);
  expect(seen).toEqual(expect.arrayContaining(["cases.list", "prepare.open"]));
  // A mentor cannot read a log (the coordinator's verb answers with the menu).
  expect(cardText(await mentor.press("coord.access", { caseId: c.id }))).not.toContain("Adgangslog");
});

test("the leaders' figures name every case they count, as counted — never as seen", async () => {
  const token = await devToken(app.dataDir, { aadObjectId: DEMO.leader, tenantId: DEMO.tenantId, audience: LOCAL_AUDIENCE, now: clock() });
  const res = await fetch(`${app.url}/api/dashboard`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  const lines = await app.store.repos.access.listForCase(DEMO.corpsId, c.id);
  expect(lines.find((l) => l.flow === "api:dashboard")).toMatchObject({ by: DEMO.leader, role: "leader", action: "aggregate" });
  expect(lines.filter((l) => l.by === DEMO.leader && l.action === "read")).toEqual([]);
  expect(demoLeader.aadObjectId).toBe(DEMO.leader);
});

test("a line the store does not take now is kept and written once it can — and the user still gets their answer", async () => {
  const add = app.store.repos.access.add;
  let refuse = true;
  app.store.repos.access.add = async (line) => {
    if (refuse) throw new Error("the store took no write");
    return add(line);
  };
  try {
    clock.set(new Date("2026-11-25T10:45:00Z"));
    expect(cardText(await mentor.press("cases.open", { caseId: c.id }))).toContain(c.code);
    expect(accessLinesPending(app.store.repos)).toBeGreaterThan(0);
    refuse = false;
    await eventually(async () => accessLinesPending(app.store.repos) === 0, "the kept line written");
    const lines = (await app.store.repos.access.listForCase(DEMO.corpsId, c.id)).filter((l) => l.at === "2026-11-25T10:45:00.000Z");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ by: DEMO.mentor, flow: "cases.open" });
  } finally {
    app.store.repos.access.add = add;
  }
});

test("GET /api/cases/{id}/access: the case's log for the corps' coordinators, with its own reading in it; 403 for anyone else, 404 for a case out of reach", async () => {
  const tokenFor = (aadObjectId: string) => devToken(app.dataDir, { aadObjectId, tenantId: DEMO.tenantId, audience: LOCAL_AUDIENCE, now: clock() });
  clock.set(new Date("2026-11-25T12:00:00Z"));
  const get = async (who: string, caseId: string) => fetch(`${app.url}/api/cases/${encodeURIComponent(caseId)}/access`, { headers: { authorization: `Bearer ${await tokenFor(who)}` } });
  const res = await get(DEMO.coordinator, c.id);
  expect(res.status).toBe(200);
  const body = await res.json();
  expect(body.code).toBe(c.code);
  expect(body.lines[0]).toMatchObject({ by: DEMO.coordinator, role: "coordinator", action: "read", flow: "adgangslog" });
  expect(body.lines).toEqual(expect.arrayContaining([expect.objectContaining({ by: DEMO.mentor, flow: "mine forløb" })]));
  for (const who of [DEMO.mentor, DEMO.leader]) expect((await get(who, c.id)).status).toBe(403);
  expect((await get(DEMO.coordinator, "case-does-not-exist")).status).toBe(404);
  // The flows in the tab's language when Teams says English; anything else asked for is refused.
  const inEnglish = async (q: string) => fetch(`${app.url}/api/cases/${encodeURIComponent(c.id)}/access${q}`, { headers: { authorization: `Bearer ${await tokenFor(DEMO.coordinator)}` } });
  const en = await (await inEnglish("?lang=en")).json();
  expect(en.lines).toEqual(expect.arrayContaining([expect.objectContaining({ by: DEMO.mentor, flow: "my cases" })]));
  expect(en.lines[0]).toMatchObject({ by: DEMO.coordinator, flow: "access log" });
  for (const q of ["?lang=de", "?lang=en&x=1"]) expect((await inEnglish(q)).status).toBe(400);
});

test("the export for an access request: the case, every entry and the access log with the export itself, as JSON and as a Danish page; coordinators only", async () => {
  clock.set(new Date("2026-11-25T13:00:00Z"));
  const tokenFor = (aadObjectId: string) => devToken(app.dataDir, { aadObjectId, tenantId: DEMO.tenantId, audience: LOCAL_AUDIENCE, now: clock() });
  const get = async (who: string, caseId: string, query = "") => fetch(`${app.url}/api/cases/${encodeURIComponent(caseId)}/export${query}`, { headers: { authorization: `Bearer ${await tokenFor(who)}` } });
  const res = await get(DEMO.coordinator, c.id);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-disposition")).toContain(`indsigt-${c.code}.json`);
  const x = await res.json();
  expect(x.case.code).toBe(c.code);
  const stored = await app.store.repos.entries.listForCase(DEMO.corpsId, c.id);
  expect(x.entries.map((e: { id: string }) => e.id).sort()).toEqual(stored.map((e) => e.id).sort());
  expect(x.accessLog).toEqual(expect.arrayContaining([expect.objectContaining({ by: DEMO.coordinator, name: "Demo Koordinator", action: "export", flow: "eksport: indsigt", at: "2026-11-25T13:00:00.000Z" })]));
  expect(x.accessLog).toEqual(expect.arrayContaining([expect.objectContaining({ by: DEMO.mentor, flow: "mine forløb" })]));

  const page = await get(DEMO.coordinator, c.id, "?format=html");
  expect(page.headers.get("content-type")).toContain("text/html");
  const html = await page.text();
  expect(html).toContain(`<h1>Indsigt: forløb ${c.code}</h1>`);
  expect(html).toContain("ingen navne og ingen CPR-numre");
  expect(html).toContain("Adgangslog (");
  expect(html).toContain("eksporterede forløbet");
  expect(html).not.toMatch(/<script/i);

  for (const who of [DEMO.mentor, DEMO.leader]) expect((await get(who, c.id)).status).toBe(403);
  expect((await get(DEMO.coordinator, "case-does-not-exist")).status).toBe(404);
  expect((await get(DEMO.coordinator, c.id, "?format=pdf")).status).toBe(400);
});
