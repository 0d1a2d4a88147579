// The tab's API (issue 10, server side): the Teams SSO token checked as Teams' would be — signature, issuer and tenant,
// audience, scope, time — with the local dev issuer's key pair; then the caller's role decides what they get. Every
// figure a dashboard answer carries is built from at least five cases (or none), directly and by subtraction; that no
// set of answers gives a hidden figure away is dashboard-attack.test.ts's.
import { generateKeyPair, importJWK, SignJWT } from "jose";
import { startTestApp } from "../helpers/app";
import type { RunningApp } from "../../src/app";
import { devKeys, devToken, DEV_ISSUER } from "../../src/auth/tokens";
import { LOCAL_AUDIENCE } from "../../src/config";
import { manualClock } from "../../src/domain/clock";
import { DEMO } from "../../src/domain/demo";
import { MIN_CASES } from "../../src/domain/dashboard";
import { CSV_HIDDEN } from "../../src/api/labels";

const clock = manualClock(new Date("2026-11-25T09:00:00Z"));
let app: RunningApp & { dataDir: string };

const tokenFor = (aadObjectId: string, over: { tenantId?: string; audience?: string; lifetimeSeconds?: number; now?: Date; scope?: string } = {}) =>
  devToken(app.dataDir, { aadObjectId, tenantId: over.tenantId ?? DEMO.tenantId, audience: over.audience ?? LOCAL_AUDIENCE, now: over.now ?? clock(), lifetimeSeconds: over.lifetimeSeconds, scope: over.scope });

async function get(path: string, token?: string) {
  const res = await fetch(`${app.url}${path}`, { headers: token === undefined ? {} : { authorization: token.startsWith("Bearer") ? token : `Bearer ${token}` } });
  return { status: res.status, body: await res.json().catch(() => undefined) };
}

beforeAll(async () => {
  app = await startTestApp({ clock, env: { SCHEDULER_INTERVAL_SECONDS: "0" } });
});
afterAll(() => app?.close());

describe("token faults", () => {
  test("no token, not a bearer token, garbage → 401", async () => {
    expect((await get("/api/dashboard")).status).toBe(401);
    expect((await get("/api/dashboard", "Basic dXNlcjpwdw==")).status).toBe(401);
    expect((await get("/api/dashboard", "Bearer not.a.token")).status).toBe(401);
  });

  test("a token signed by another key (forged) → 401", async () => {
    const { privateKey } = await generateKeyPair("RS256");
    const forged = await new SignJWT({ tid: DEMO.tenantId, oid: DEMO.leader, scp: "access_as_user" })
      .setProtectedHeader({ alg: "RS256" })
      .setIssuer(`${DEV_ISSUER}/${DEMO.tenantId}/v2.0`)
      .setAudience(LOCAL_AUDIENCE)
      .setIssuedAt(Math.floor(clock().getTime() / 1000))
      .setExpirationTime(Math.floor(clock().getTime() / 1000) + 3600)
      .sign(privateKey);
    expect((await get("/api/dashboard", forged)).status).toBe(401);
  });

  test("a valid token altered (a mentor's, made into the leader's) → 401", async () => {
    const [h, p, s] = (await tokenFor(DEMO.mentor)).split(".");
    const claims = JSON.parse(Buffer.from(p, "base64url").toString());
    const altered = Buffer.from(JSON.stringify({ ...claims, oid: DEMO.leader })).toString("base64url");
    expect((await get("/api/dashboard", `${h}.${altered}.${s}`)).status).toBe(401);
  });

  test("expired, for another audience, without the scope, or an issuer not of the token's tenant → 401", async () => {
    expect((await get("/api/dashboard", await tokenFor(DEMO.leader, { now: new Date(clock().getTime() - 3 * 3600_000), lifetimeSeconds: 3600 }))).status).toBe(401);
    expect((await get("/api/dashboard", await tokenFor(DEMO.leader, { audience: "api://elsewhere/other-app" }))).status).toBe(401);
    expect((await get("/api/dashboard", await tokenFor(DEMO.leader, { scope: "User.Read" }))).status).toBe(401);
    // Signed by the right key, but tid says the demo tenant and iss another tenant's: refused.
    const { privateJwk } = await devKeys(app.dataDir);
    const now = Math.floor(clock().getTime() / 1000);
    const mixed = await new SignJWT({ tid: DEMO.tenantId, oid: DEMO.leader, scp: "access_as_user" })
      .setProtectedHeader({ alg: "RS256", kid: privateJwk.kid })
      .setIssuer(`${DEV_ISSUER}/9b1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4e/v2.0`)
      .setAudience(LOCAL_AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + 3600)
      .sign(await importJWK(privateJwk, "RS256"));
    expect((await get("/api/dashboard", mixed)).status).toBe(401);
    // The same with the issuer of its own tenant passes: the refusal above is the issuer's.
    const right = await new SignJWT({ tid: DEMO.tenantId, oid: DEMO.leader, scp: "access_as_user" })
      .setProtectedHeader({ alg: "RS256", kid: privateJwk.kid })
      .setIssuer(`${DEV_ISSUER}/${DEMO.tenantId}/v2.0`)
      .setAudience(LOCAL_AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + 3600)
      .sign(await importJWK(privateJwk, "RS256"));
    expect((await get("/api/dashboard", right)).status).toBe(200);
  });

  test("a valid token for someone in no corps, or from another tenant → 403", async () => {
    expect((await get("/api/dashboard", await tokenFor("7e0c6a52-0000-4000-8000-000000000099"))).status).toBe(403);
    expect((await get("/api/me", await tokenFor(DEMO.leader, { tenantId: "9b1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4e" }))).status).toBe(403);
  });
});

describe("roles", () => {
  test("the leader: the dashboard, no cases", async () => {
    const t = await tokenFor(DEMO.leader);
    expect((await get("/api/me", t)).body).toMatchObject({ name: "Demo Leder", roles: ["leader"], corps: { name: "Demo Kommune" } });
    expect((await get("/api/dashboard", t)).status).toBe(200);
    expect((await get("/api/cases", t)).status).toBe(403);
  });

  test("the coordinator: the dashboard and the corps' cases; a mentor: only their own cases", async () => {
    const all = await app.store.repos.cases.list(DEMO.corpsId);
    const coordinator = await tokenFor(DEMO.coordinator);
    expect((await get("/api/dashboard", coordinator)).status).toBe(200);
    expect((await get("/api/cases", coordinator)).body.cases).toHaveLength(all.length);
    const mentor = await tokenFor(DEMO.mentor);
    expect((await get("/api/dashboard", mentor)).status).toBe(403);
    const own = (await get("/api/cases", mentor)).body.cases.map((c: any) => c.code).sort();
    expect(own).toEqual(all.filter((c) => c.coachId === DEMO.mentor).map((c) => c.code).sort());
  });

  test("a bad query is answered 400 with what is wrong: only the fixed periods of the window, never a chosen window", async () => {
    const t = await tokenFor(DEMO.leader);
    expect((await get("/api/dashboard?period=2026-13", t)).status).toBe(400);
    expect((await get("/api/dashboard?kind=citizen", t)).status).toBe(400);
    const windowed = await get("/api/dashboard?from=2026-01&to=2026-10", t);
    expect(windowed.status).toBe(400);
    expect(windowed.body.periods).toContain("2026-H1"); // what may be asked instead
    expect((await get("/api/dashboard?period=2027", t)).status).toBe(400); // not begun
    expect((await get("/api/dashboard?x=1", t)).status).toBe(400);
  });
});

/** Every `{total, parts}` group and every figure in an answer. */
function walk(node: any, groups: any[], figures: any[]) {
  if (!node || typeof node !== "object") return;
  if ("total" in node && "parts" in node) groups.push(node);
  if ("suppressed" in node || ("value" in node && "n" in node)) figures.push(node);
  for (const v of Object.values(node)) walk(v, groups, figures);
}

test("the demo corps' dashboard: the seeded counts, no figure from 1–4 cases, none recoverable by subtraction within the answer", async () => {
  const { status, body } = await get("/api/dashboard?period=2026", await tokenFor(DEMO.leader));
  expect(status).toBe(200);
  expect(body.period).toMatchObject({ id: "2026", from: "2026-01", to: "2026-12", quarters: ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"] });
  const cases = await app.store.repos.cases.list(DEMO.corpsId);
  const active = cases.filter((c) => c.status !== "closed");
  expect(body.overview.active.total).toEqual({ value: active.length, n: active.length });
  const year = (iso: string) => new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Copenhagen", year: "numeric" }).format(new Date(iso));
  const opened = cases.filter((c) => year(c.openedAt) === "2026").length;
  if (!body.overview.newPerQuarter.total.suppressed) expect(body.overview.newPerQuarter.total.value).toBe(opened);
  const groups: any[] = [];
  const figures: any[] = [];
  walk(body, groups, figures);
  expect(figures.length).toBeGreaterThan(10);
  // Every shown figure says what it rests on: none, or at least five cases.
  for (const f of figures) if (!("suppressed" in f)) expect(f.n === 0 || f.n >= MIN_CASES).toBe(true);
  for (const g of groups) {
    const hidden = Object.values(g.parts).filter((f: any) => f.suppressed).length;
    if (hidden === 0 || g.total.suppressed) continue;
    const shownSum = Object.values(g.parts).reduce((s: number, f: any) => s + (f.suppressed ? 0 : f.value), 0);
    expect(g.total.value - shownSum).toBeGreaterThanOrEqual(MIN_CASES);
  }
  // Some figures are small in a corps this size: they are hidden, not zero.
  expect(figures.some((f) => f.suppressed)).toBe(true);
});

test("method fidelity on the demo dashboard: the shares its entries and check-in rounds give, with the coaches they rest on", async () => {
  const { body } = await get("/api/dashboard?period=2026", await tokenFor(DEMO.leader));
  // Worked out here from the entries themselves (the server counts them on write, per case and month).
  const entries = await app.store.repos.entries.listSince(DEMO.corpsId, new Date(0));
  const cases = await app.store.repos.cases.list(DEMO.corpsId);
  const byCase = new Map<string, typeof entries>();
  for (const e of [...entries].sort((a, b) => a.createdAt.localeCompare(b.createdAt))) byCase.set(e.caseId, [...(byCase.get(e.caseId) ?? []), e]);
  const month = (iso: string) => new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Copenhagen", year: "numeric", month: "2-digit" }).format(new Date(iso));
  const inPeriod = (iso: string) => month(iso).startsWith("2026-");
  let reflections = 0;
  let prepared = 0;
  const casesReflecting = new Set<string>();
  for (const [caseId, list] of byCase) {
    list.forEach((e, i) => {
      if (e.type !== "reflection" || !inPeriod(e.createdAt)) return;
      reflections++;
      casesReflecting.add(caseId);
      const before = list.slice(0, i).filter((x) => x.type === "preparation" || x.type === "reflection").pop();
      if (before?.type === "preparation") prepared++;
    });
  }
  const coaches = new Set(cases.filter((c) => casesReflecting.has(c.id)).map((c) => c.coachId));
  expect(body.method.preparedShare).toEqual({ value: Math.round((100 * prepared) / reflections), n: casesReflecting.size, practitioners: coaches.size });
  expect(body.method.preparedShare.value).toBeLessThan(100); // the demo has conversations held unprepared

  const rounds = await app.store.repos.checkIns.listRounds(DEMO.corpsId, "2026-01", "2026-12");
  const asked = rounds.flatMap((r) => Object.keys(r.asked ?? {}).map((caseId) => ({ caseId, month: r.month })));
  const answered = asked.filter((a) => entries.some((e) => e.id === `checkin-${a.month}-${a.caseId}`));
  expect(asked.length).toBeGreaterThan(0);
  const askedCases = new Set(asked.map((a) => a.caseId));
  expect(body.method.checkInsAnsweredShare).toEqual({
    value: Math.round((100 * answered.length) / asked.length),
    n: askedCases.size,
    practitioners: new Set(cases.filter((c) => askedCases.has(c.id)).map((c) => c.coachId)).size,
  });
  for (const f of Object.values(body.method) as any[]) if (typeof f === "object" && !f.suppressed && f.value !== null) expect(f.n >= MIN_CASES && f.practitioners >= 3).toBe(true);

  // One quarter of one kind with few cases in it: hidden, and the answer says why in one word.
  const one = (await get("/api/dashboard?period=2025-Q4&kind=relativeCoach", await tokenFor(DEMO.leader))).body;
  expect(Object.values(one.method).filter((f: any) => typeof f === "object").every((f: any) => f.suppressed || f.value === null)).toBe(true);
  expect(["practitioners", "hidden"]).toContain(one.method.why);
});

test("the CSV export: the same figures with the cases they rest on, hidden ones said to be hidden, for leaders and coordinators only", async () => {
  const t = await tokenFor(DEMO.leader);
  const json = (await get("/api/dashboard?period=2026-H2", t)).body;
  const res = await fetch(`${app.url}/api/dashboard.csv?period=2026-H2`, { headers: { authorization: `Bearer ${t}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/csv");
  expect(res.headers.get("content-disposition")).toContain(`attachment; filename="loft-${DEMO.corpsId}-2026-H2.csv"`);
  const lines = (await res.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
  const groups: any[] = [];
  const figures: any[] = [];
  walk(json, groups, figures);
  expect(lines[0]).toBe("Periode;2. halvår 2026;Alle forløb");
  expect(lines[1]).toBe("Område;Tal;Værdi;Antal forløb (n)");
  expect(lines).toHaveLength(2 + figures.length); // the period, the header, one line per figure
  expect(lines.filter((l) => l.endsWith(`;${CSV_HIDDEN};`))).toHaveLength(figures.filter((f) => f.suppressed).length);
  expect(lines).toContain(`Overblik;Aktive forløb i dag;${json.overview.active.total.value};${json.overview.active.total.n}`);
  expect(lines.some((l) => l.includes("Henvist for: Voldsparathed"))).toBe(true);
  expect((await fetch(`${app.url}/api/dashboard.csv`, { headers: { authorization: `Bearer ${await tokenFor(DEMO.mentor)}` } })).status).toBe(403);
  expect((await fetch(`${app.url}/api/dashboard.csv`)).status).toBe(401);
});

test("the learning for the infohus: the after-reflections' learning and themes as CSV, newest first, for the corps' coordinators only", async () => {
  const res = await fetch(`${app.url}/api/learning.csv`, { headers: { authorization: `Bearer ${await tokenFor(DEMO.coordinator)}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/csv");
  const lines = (await res.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
  expect(lines[0]).toBe("Forløbskode;Forløbstype;Afsluttet;Temaer;Læring til infohuset");
  // Independently: the demo's closed cases whose coordinator wrote the joint after-reflection, newest closing first.
  const cases = (await app.store.repos.cases.list(DEMO.corpsId)).filter((c) => c.status === "closed");
  const withLearning = [];
  for (const c of cases) {
    const parts = (await app.store.repos.entries.listForCase(DEMO.corpsId, c.id)).filter((e) => e.type === "afterReflection" && e.role === "coordinator");
    if (parts.length) withLearning.push(c);
  }
  expect(withLearning.length).toBeGreaterThan(2);
  withLearning.sort((a, b) => b.closedAt!.localeCompare(a.closedAt!));
  expect(lines.slice(1).map((l) => l.split(";")[0])).toEqual(withLearning.map((c) => c.code));
  expect(lines[1]).toMatch(/^[A-Z]{2}-[0-9A-Z]{4};(Mentorforløb|Pårørendecoachforløb);\d{1,2}\.\d{1,2}\.\d{4};[^;]*;Tidlig kontakt til skolen gjorde en forskel\.$/);
  // Leaders see the themes as counts, never the text; coaches nothing of it; no parameters.
  for (const who of [DEMO.leader, DEMO.mentor]) expect((await fetch(`${app.url}/api/learning.csv`, { headers: { authorization: `Bearer ${await tokenFor(who)}` } })).status).toBe(403);
  expect((await fetch(`${app.url}/api/learning.csv?since=2020-01-01`, { headers: { authorization: `Bearer ${await tokenFor(DEMO.coordinator)}` } })).status).toBe(400);
  expect((await fetch(`${app.url}/api/learning.csv`)).status).toBe(401);
});

describe("the implementation plan and the checklists", () => {
  const send = async (method: string, path: string, token: string | undefined, body?: unknown) => {
    const res = await fetch(`${app.url}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), "content-type": "application/json" },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json().catch(() => undefined) };
  };
  const row = { timeline: "1. kvartal 2027", area: "involvement", activities: "Læringsmøde med mentorerne", milestones: "Første møde holdt", responsible: "Koordinatoren", status: "notStarted", evaluation: "" };
  const rowId = (i: number) => `6f1c2a52-4a0e-4c39-9d7e-${String(i).padStart(12, "0")}`;

  test("a leader adds a row, the coordinator changes it; the leader's edit of the old version is refused and shows theirs", async () => {
    const leader = await tokenFor(DEMO.leader);
    const coordinator = await tokenFor(DEMO.coordinator);
    const created = await send("PUT", `/api/implementation/rows/${rowId(1)}`, leader, row);
    expect(created.status).toBe(200);
    expect(created.body.row).toMatchObject({ ...row, version: 1, updatedBy: DEMO.leader });
    // Sent again (a retried request): still one row.
    expect((await send("PUT", `/api/implementation/rows/${rowId(1)}`, leader, row)).status).toBe(200);
    const seen = await get("/api/implementation", coordinator);
    expect(seen.body.rows.filter((r: any) => r.id === rowId(1))).toHaveLength(1);
    const theirs = await send("PUT", `/api/implementation/rows/${rowId(1)}`, coordinator, { ...row, status: "underway", version: 1 });
    expect(theirs.body.row).toMatchObject({ status: "underway", version: 2 });
    const stale = await send("PUT", `/api/implementation/rows/${rowId(1)}`, leader, { ...row, status: "done", version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.row).toMatchObject({ status: "underway", version: 2 });
    // Deleting: only the version seen.
    expect((await send("DELETE", `/api/implementation/rows/${rowId(1)}?version=1`, leader)).status).toBe(409);
    expect((await send("DELETE", `/api/implementation/rows/${rowId(1)}?version=2`, leader)).status).toBe(204);
    expect((await send("DELETE", `/api/implementation/rows/${rowId(1)}?version=2`, leader)).status).toBe(204);
    expect((await get("/api/implementation", leader)).body.rows.some((r: any) => r.id === rowId(1))).toBe(false);
  });

  test("a phone number, CPR number or e-mail in the plan is refused, naming the field and the kind, and nothing is stored", async () => {
    const leader = await tokenFor(DEMO.leader);
    const res = await send("PUT", `/api/implementation/rows/${rowId(2)}`, leader, { ...row, responsible: "Anne, ring 22 33 44 55" });
    expect(res.status).toBe(400);
    expect(res.body.problems).toEqual([{ field: "responsible", code: "phone" }]);
    expect((await get("/api/implementation", leader)).body.rows.some((r: any) => r.id === rowId(2))).toBe(false);
    for (const bad of [{ ...row, area: "vejret" }, { ...row, activities: "" }, { ...row, version: "1" }, { ...row, extra: 1 }]) {
      expect((await send("PUT", `/api/implementation/rows/${rowId(2)}`, leader, bad)).status).toBe(400);
    }
    expect((await send("PUT", "/api/implementation/rows/not-a-uuid", leader, row)).status).toBe(400);
    expect((await send("PUT", `/api/implementation/rows/${rowId(2)}`, leader, '{"timeline": ')).status).toBe(400);
    expect((await send("PUT", `/api/implementation/rows/${rowId(2)}`, leader, { ...row, evaluation: "x".repeat(20_000) })).status).toBe(413);
  });

  test("twenty rows saved at once by two people, and every checklist question answered at once: nothing is lost", async () => {
    const leader = await tokenFor(DEMO.leader);
    const coordinator = await tokenFor(DEMO.coordinator);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => send("PUT", `/api/implementation/rows/${rowId(100 + i)}`, i % 2 ? leader : coordinator, { ...row, activities: `Aktivitet ${i}` })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    const { checklists } = (await get("/api/implementation", leader)).body;
    const items: string[] = [...checklists.preparation, ...checklists.ongoing];
    expect(items).toHaveLength(15);
    const answers = ["ja", "delvist", "nej"];
    await Promise.all(items.map((item, i) => send("PUT", `/api/implementation/checklist/${item}`, i % 2 ? leader : coordinator, { answer: answers[i % 3] })));
    const after = (await get("/api/implementation", coordinator)).body;
    for (let i = 0; i < 20; i++) expect(after.rows.filter((r: any) => r.activities === `Aktivitet ${i}`)).toHaveLength(1);
    expect(after.checklist).toEqual(Object.fromEntries(items.map((item, i) => [item, answers[i % 3]])));
    // Cleared again; a question that does not exist or an answer that is not Ja / Delvist / Nej is refused.
    expect((await send("PUT", `/api/implementation/checklist/${items[0]}`, leader, { answer: null })).status).toBe(200);
    expect((await get("/api/implementation", leader)).body.checklist[items[0]]).toBeUndefined();
    expect((await send("PUT", "/api/implementation/checklist/p99", leader, { answer: "ja" })).status).toBe(400);
    expect((await send("PUT", `/api/implementation/checklist/${items[1]}`, leader, { answer: "måske" })).status).toBe(400);
  });

  test("mentors cannot read or change it (403); without a token, 401", async () => {
    const mentor = await tokenFor(DEMO.mentor);
    expect((await get("/api/implementation", mentor)).status).toBe(403);
    expect((await send("PUT", `/api/implementation/rows/${rowId(3)}`, mentor, row)).status).toBe(403);
    expect((await send("PUT", "/api/implementation/checklist/p1", mentor, { answer: "ja" })).status).toBe(403);
    expect((await send("DELETE", `/api/implementation/rows/${rowId(3)}?version=1`, mentor)).status).toBe(403);
    expect((await get("/api/implementation")).status).toBe(401);
    expect((await send("PUT", "/api/implementation/checklist/p1", undefined, { answer: "ja" })).status).toBe(401);
  });
});
