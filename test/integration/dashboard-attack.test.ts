// The attacker of issue 20 §2 against the running app, kept in the suite (./dashboard-attacker.ts): every question the
// API accepts for a corps, as JSON and as CSV, solved as linear equations; no hidden figure of 1–4 cases may be
// determined. For the demo corps (31 cases over a year), a corps of six mentor and two relative-coach cases, and a
// corps that began this year. Anything but the fixed periods is refused.
//
// Before issue 20 (arbitrary month windows, suppression decided per answer), the same attack on the demo corps asked
// 273 questions and determined 1,190 of the 2,599 hidden cells of 1–4 cases (89 new/closed/closing-reason cells,
// 1,101 referral-dimension cells). Fixed periods with one decision per cell but without the rules that spread it
// still left 97 (demo), 30 (six and two) and 88 (young corps) determined.
import { startTestApp } from "../helpers/app";
import type { RunningApp } from "../../src/app";
import { devToken } from "../../src/auth/tokens";
import { LOCAL_AUDIENCE } from "../../src/config";
import { DEMO } from "../../src/domain/demo";
import { attack } from "./dashboard-attacker";
import { seedSmallCorps, sixAndTwo, youngCorps } from "./dashboard-corps";

const SMALL = { corpsId: "seks-og-to", teamId: "19:seks-og-to@thread.tacv2", leader: "0000000e-0000-0000-0000-000000000004" };
const YOUNG = { corpsId: "ung", teamId: "19:ung@thread.tacv2", leader: "0000000f-0000-0000-0000-000000000004" };
let app: RunningApp & { dataDir: string };

beforeAll(async () => {
  app = await startTestApp({ env: { SCHEDULER_INTERVAL_SECONDS: "0" } });
  await seedSmallCorps(app.store, sixAndTwo(SMALL.corpsId, SMALL.teamId, SMALL.leader));
  await seedSmallCorps(app.store, youngCorps(YOUNG.corpsId, YOUNG.teamId, YOUNG.leader));
});
afterAll(() => app?.close());

test.each([
  ["the demo corps", DEMO.corpsId, DEMO.leader],
  ["a corps of six mentor and two relative-coach cases", SMALL.corpsId, SMALL.leader],
  ["a corps that began this year, three of its eight cases closed", YOUNG.corpsId, YOUNG.leader],
])("%s: no set of answers determines a hidden figure of 1–4 cases", async (name, corpsId, leader) => {
  const token = await devToken(app.dataDir, { aadObjectId: leader, tenantId: DEMO.tenantId, audience: LOCAL_AUDIENCE, now: app.clock() });
  const get = (path: string) => fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const { answers, hiddenSmall, found } = await attack(async ({ period, kind }) => {
    const q = new URLSearchParams({ ...(period ? { period } : {}), ...(kind ? { kind } : {}) });
    return { json: await (await get(`/api/dashboard?${q}`)).json(), csv: await (await get(`/api/dashboard.csv?${q}`)).text() };
  }, await app.store.repos.cases.list(corpsId));
  console.log(`${name}: ${answers} answers (JSON and CSV), ${hiddenSmall} distinct hidden figures of 1–4 cases, ${found.length} determined${found.length ? `: ${found.slice(0, 10).map((f) => `${f.label} = ${f.truth}`).join("; ")}` : ""}`);
  expect(hiddenSmall).toBeGreaterThan(0); // there is something to find
  expect(found).toEqual([]);
}, 600_000);

test("nothing but the fixed periods of the window is answered: anything else is 400", async () => {
  const token = await devToken(app.dataDir, { aadObjectId: DEMO.leader, tenantId: DEMO.tenantId, audience: LOCAL_AUDIENCE, now: app.clock() });
  const get = (q: string) => fetch(`${app.url}/api/dashboard?${q}`, { headers: { authorization: `Bearer ${token}` } });
  const { periods } = await (await get("")).json();
  const year = Number(periods[0]);
  for (const bad of ["from=2026-01&to=2026-03", "from=2026-01", "period=2026-13", "period=2026-Q5", "period=2026-H3", `period=${year - 3}`, `period=${year + 1}`, "period=2026-01", "period=2026&x=1", "period=2026&period=2025", "kind=citizen"]) {
    const res = await get(bad);
    expect([bad, res.status]).toEqual([bad, 400]);
  }
  for (const p of periods) expect((await get(`period=${p}`)).status).toBe(200);
});
