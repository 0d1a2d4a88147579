// The national view (issue 24: the guide's third level of data) over HTTP, with corps in two tenants: the demo corps
// and a corps of six and two in the demo tenant, a young corps and a corps of three cases in another tenant. The
// national centre's person (configured, in no corps) sees the figures summed over every corps and the list of corps;
// a corps' leader sees the same national figures; nobody else sees either. The attacker of issue 20 asks every
// question of the national view and every question of every corps' own dashboard, and solves them together: no
// hidden figure of 1–4 cases — of a corps, or of the country — may follow.
import { startTestApp, TEST_START } from "../helpers/app";
import { manualClock } from "../../src/domain/clock";
import { startFakeConnector, type FakeConnector } from "../helpers/connector";
import { post, teamEvent } from "../helpers/teams";
import type { RunningApp } from "../../src/app";
import { devToken } from "../../src/auth/tokens";
import { LOCAL_AUDIENCE } from "../../src/config";
import { DEMO } from "../../src/domain/demo";
import { attackAcross, type Ask } from "./dashboard-attacker";
import { seedSmallCorps, sixAndTwo, threeCases, youngCorps } from "./dashboard-corps";

const OTHER_TENANT = "0000000b-0000-0000-0000-000000000000";
const CENTRE = { tenantId: "0000000a-0000-0000-0000-000000000000", aadObjectId: "0000000a-0000-0000-0000-0000000000c1" };
const SMALL = { corpsId: "seks-og-to", teamId: "19:seks-og-to@thread.tacv2", leader: "0000000e-0000-0000-0000-000000000004", tenantId: DEMO.tenantId };
const YOUNG = { corpsId: "ung", teamId: "19:ung@thread.tacv2", leader: "0000000f-0000-0000-0000-000000000004", tenantId: OTHER_TENANT };
const THREE = { corpsId: "tre", teamId: "19:tre@thread.tacv2", leader: "0000000c-0000-0000-0000-000000000004", tenantId: OTHER_TENANT };
const CORPS = [
  { corpsId: DEMO.corpsId, leader: DEMO.leader, tenantId: DEMO.tenantId },
  SMALL,
  YOUNG,
  THREE,
];

let app: RunningApp & { dataDir: string };
const clock = manualClock(TEST_START);
let connector: FakeConnector;

beforeAll(async () => {
  connector = await startFakeConnector();
  app = await startTestApp({ clock, env: { SCHEDULER_INTERVAL_SECONDS: "0", NATIONAL_CENTRE: `${CENTRE.tenantId}/${CENTRE.aadObjectId}` } });
  await seedSmallCorps(app.store, { ...sixAndTwo(SMALL.corpsId, SMALL.teamId, SMALL.leader), municipalityCode: "0101" });
  await seedSmallCorps(app.store, { ...youngCorps(YOUNG.corpsId, YOUNG.teamId, YOUNG.leader), tenantId: OTHER_TENANT, municipalityCode: "0751" });
  await seedSmallCorps(app.store, { ...threeCases(THREE.corpsId, THREE.teamId, THREE.leader), tenantId: OTHER_TENANT, municipalityCode: "0851" });
});
afterAll(async () => {
  await app?.close();
  await connector?.close();
});

const tokenFor = (who: { aadObjectId: string; tenantId: string }) => devToken(app.dataDir, { ...who, audience: LOCAL_AUDIENCE, now: app.clock() });
async function getAs(who: { aadObjectId: string; tenantId: string }, path: string) {
  return fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${await tokenFor(who)}` } });
}
const asker = (who: { aadObjectId: string; tenantId: string }, base: string): Ask => async ({ period, kind }) => {
  const q = new URLSearchParams({ ...(period ? { period } : {}), ...(kind ? { kind } : {}) });
  return { json: await (await getAs(who, `/api/${base}?${q}`)).json(), csv: await (await getAs(who, `/api/${base}.csv?${q}`)).text() };
};

/** Every figure of an answer. */
function figures(node: any, out: any[] = []): any[] {
  if (!node || typeof node !== "object") return out;
  if ("suppressed" in node || ("value" in node && "n" in node)) out.push(node);
  else for (const v of Object.values(node)) figures(v, out);
  return out;
}

test("no set of answers — the national view's and every corps' own — determines a hidden figure of 1–4 cases", async () => {
  const cases = (await Promise.all(CORPS.map((c) => app.store.repos.cases.list(c.corpsId)))).flat();
  const { answers, hiddenSmall, found } = await attackAcross(
    [
      { ask: asker(CENTRE, "national"), scope: CORPS.map((c) => c.corpsId) },
      ...CORPS.map((c) => ({ ask: asker({ aadObjectId: c.leader, tenantId: c.tenantId }, "dashboard"), scope: [c.corpsId] })),
    ],
    cases,
  );
  console.log(`national + ${CORPS.length} corps: ${answers} answers, ${hiddenSmall} hidden figures of 1–4 cases, ${found.length} determined${found.length ? `: ${found.slice(0, 10).map((f) => `${f.label} = ${f.truth}`).join("; ")}` : ""}`);
  expect(hiddenSmall).toBeGreaterThan(0);
  expect(found).toEqual([]);
}, 900_000);

test("the national figures are the sum over every corps where shown, and never a figure of 1–4 cases", async () => {
  const res = await getAs(CENTRE, "/api/national?period=2026");
  expect(res.status).toBe(200);
  const n = await res.json();
  expect(n.corpsCount).toBe(4);
  for (const f of figures(n)) if (!f.suppressed && f.value !== null) expect(f.n === 0 || f.n >= 5).toBe(true);
  // Cases opened in 2026 over the four corps, counted here from the store: the national figure (shown: it is large).
  const cases = (await Promise.all(CORPS.map((c) => app.store.repos.cases.list(c.corpsId)))).flat();
  const opened2026 = cases.filter((c) => new Date(c.openedAt).toLocaleString("sv-SE", { timeZone: "Europe/Copenhagen" }).startsWith("2026")).length;
  expect(n.overview.newPerQuarter.total).toEqual({ value: opened2026, n: opened2026 });
  // More than any one corps has: it really is across them.
  const demo = await (await getAs({ aadObjectId: DEMO.leader, tenantId: DEMO.tenantId }, "/api/dashboard?period=2026")).json();
  expect(n.overview.newPerQuarter.total.value).toBeGreaterThan(demo.overview.newPerQuarter.total.value);
});

test("the list of corps: municipalities and coordinators, a small corps' figure hidden, departures shown — for the centre only", async () => {
  // The coordinator of the corps of six and two leaves its team: the centre's list says so.
  const team = { id: SMALL.teamId, name: "Seks og To", tenantId: SMALL.tenantId };
  const by = { aadObjectId: SMALL.leader, name: "Lene Leder" };
  const res = await post(app.url, teamEvent(by, connector.serviceUrl, team, { eventType: "teamMemberRemoved", membersRemoved: [{ id: "29:kim", aadObjectId: "0000000e-0000-0000-0000-000000000001" }] }));
  expect(res.status).toBe(200);
  // The stored figures are an hour old at most: an hour later the list is read afresh.
  clock.advance(66 * 60_000);
  const list = await (await getAs(CENTRE, "/api/national/corps")).json();
  const byId = new Map(list.corps.map((c: any) => [c.corpsId, c]));
  expect(byId.get(DEMO.corpsId)).toMatchObject({ coordinators: ["Demo Koordinator"] });
  expect(byId.get(THREE.corpsId)).toMatchObject({ municipality: "Aalborg", coordinators: ["Kaj Koordinator"], active: { suppressed: true } });
  expect(byId.get(SMALL.corpsId)).toMatchObject({ municipality: "København", coordinators: [], departures: [{ name: "Kim Koordinator", roles: ["coordinator"] }] });
  expect(byId.get(YOUNG.corpsId)).toMatchObject({ municipality: "Aarhus" });
  // Nobody but the centre reads the list; a leader reads the national figures, a mentor neither.
  expect((await getAs({ aadObjectId: DEMO.leader, tenantId: DEMO.tenantId }, "/api/national/corps")).status).toBe(403);
  expect((await getAs({ aadObjectId: DEMO.leader, tenantId: DEMO.tenantId }, "/api/national")).status).toBe(200);
  expect((await getAs({ aadObjectId: YOUNG.leader, tenantId: OTHER_TENANT }, "/api/national")).status).toBe(200);
  expect((await getAs({ aadObjectId: DEMO.mentor, tenantId: DEMO.tenantId }, "/api/national")).status).toBe(403);
  expect((await getAs({ aadObjectId: DEMO.mentor, tenantId: DEMO.tenantId }, "/api/national/corps")).status).toBe(403);
  // The same person id in another tenant is not the centre.
  expect((await getAs({ aadObjectId: CENTRE.aadObjectId, tenantId: OTHER_TENANT }, "/api/national/corps")).status).toBe(403);
  expect((await getAs({ aadObjectId: CENTRE.aadObjectId, tenantId: OTHER_TENANT }, "/api/national")).status).toBe(403);
});

test("the centre's person is in no corps: the tab knows them as the centre, and no corps' own data opens to them", async () => {
  const me = await (await getAs(CENTRE, "/api/me")).json();
  expect(me).toMatchObject({ national: true, roles: [], corps: null });
  for (const path of ["/api/dashboard", "/api/cases", "/api/halfyear", "/api/access", "/api/implementation", "/api/mine"]) {
    expect([path, (await getAs(CENTRE, path)).status]).toEqual([path, 403]);
  }
  expect((await getAs(CENTRE, "/api/national?period=2026-13")).status).toBe(400);
});
