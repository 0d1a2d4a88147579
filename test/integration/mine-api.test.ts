// A coach's own figures (issue 20 §5): GET /api/mine answers the caller's own cases over time — goal scores, progress,
// measures — and how often they prepared and reflected, to them alone. Never another person's cases; 403 for someone
// who holds no case role; small numbers shown (they are the caller's own work).
import { startTestApp } from "../helpers/app";
import type { RunningApp } from "../../src/app";
import { devToken } from "../../src/auth/tokens";
import { LOCAL_AUDIENCE } from "../../src/config";
import { DEMO } from "../../src/domain/demo";
import { addCoachWithCase } from "../helpers/seed";

let app: RunningApp & { dataDir: string };
const DENNIS = "0000000d-0000-0000-0000-000000000014"; // a demo coach with both roles
const NEW = "0000000d-0000-0000-0000-0000000000a1";

beforeAll(async () => {
  app = await startTestApp({ env: { SCHEDULER_INTERVAL_SECONDS: "0" } });
  await addCoachWithCase(app.store, { aad: NEW, name: "Ny Mentor", code: "ME-MIN1", goals: [{ id: "g1", text: "Møde op i skolen", score: 3 }] });
});
afterAll(() => app?.close());

async function mine(aad?: string) {
  const headers: Record<string, string> = aad ? { authorization: `Bearer ${await devToken(app.dataDir, { aadObjectId: aad, tenantId: DEMO.tenantId, audience: LOCAL_AUDIENCE, now: app.clock() })}` } : {};
  const res = await fetch(`${app.url}/api/mine`, { headers });
  return { status: res.status, body: await res.json().catch(() => undefined) };
}

test("the demo mentor gets exactly their own cases, with goal scores over time, progress, measures and their month-by-month method", async () => {
  const { status, body } = await mine(DEMO.mentor);
  expect(status).toBe(200);
  const all = await app.store.repos.cases.list(DEMO.corpsId);
  const own = all.filter((c) => c.coachId === DEMO.mentor);
  expect(body.name).toBe("Demo Mentor");
  expect(body.cases.map((c: any) => c.code).sort()).toEqual(own.map((c) => c.code).sort());
  // Nothing of anyone else's: no other case's code anywhere in the answer.
  const text = JSON.stringify(body);
  for (const c of all.filter((x) => x.coachId !== DEMO.mentor)) expect(text).not.toContain(c.code);
  // Open cases first.
  const statuses = body.cases.map((c: any) => c.status === "closed");
  expect(statuses).toEqual([...statuses].sort());
  const active = body.cases.find((c: any) => c.status === "active");
  const stored = own.find((c) => c.code === active.code)!;
  expect(active.progress).toEqual(stored.progress);
  expect(active.measures.who5.pre).toEqual(stored.measures!.who5!.pre);
  // Each goal's scores: where it started, then every reflection's score, the latest being the målskema's now.
  for (const g of active.goals) {
    expect(g.scores.length).toBeGreaterThan(1);
    expect(g.scores[g.scores.length - 1].score).toBe(stored.goalForm.goals.find((x) => x.id === g.id)!.score);
  }
  // The last twelve months of their own work, counted from their entries.
  expect(body.months).toHaveLength(12);
  expect(body.months[11].month).toBe("2026-11");
  const entries = (await Promise.all(own.map((c) => app.store.repos.entries.listForCase(DEMO.corpsId, c.id)))).flat();
  const month = (iso: string) => new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Copenhagen", year: "numeric", month: "2-digit" }).format(new Date(iso));
  for (const m of body.months) expect([m.month, m.reflections]).toEqual([m.month, entries.filter((e) => e.type === "reflection" && month(e.createdAt) === m.month).length]);
  expect(body.months.reduce((s: number, m: any) => s + m.prepared, 0)).toBeGreaterThan(0);
});

test("small numbers are shown to the coach: a new mentor's one case, never scored yet, starts at the målskema's score", async () => {
  const { status, body } = await mine(NEW);
  expect(status).toBe(200);
  expect(body.cases).toEqual([expect.objectContaining({ code: "ME-MIN1", kind: "mentor", status: "active", progress: [], measures: {}, goals: [{ id: "g1", text: "Møde op i skolen", scores: [{ at: "2026-11-20T10:00:00Z", score: 3 }] }] })]);
  expect(body.months.every((m: any) => m.prepared === 0 && m.reflections === 0)).toBe(true);
});

test("a coach with both roles gets their cases of both kinds", async () => {
  const { body } = await mine(DENNIS);
  const own = (await app.store.repos.cases.list(DEMO.corpsId)).filter((c) => c.coachId === DENNIS);
  expect(body.cases.map((c: any) => c.kind).sort()).toEqual(own.map((c) => c.kind).sort());
});

test("a leader or a coordinator who holds no case: 403; no token: 401", async () => {
  expect((await mine(DEMO.leader)).status).toBe(403);
  expect((await mine(DEMO.coordinator)).status).toBe(403);
  expect((await mine()).status).toBe(401);
});
