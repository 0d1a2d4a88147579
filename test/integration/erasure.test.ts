// Erasure (issue 22; GDPR art. 17) and the retention period: a coordinator erases a case from its card (confirmed by
// typing its code) or over the API; everything of it goes — entries, jobs, the coaches' lists, the check-in records,
// the access log — but the one line saying who erased it and when. The mentor's open cards answer that it no longer
// exists. A closed case past the corps' retention period is erased by the scheduler, once, however many instances run.
import { startTestApp } from "../helpers/app";
import { TeamsSession } from "../helpers/bot";
import { cardText, inputValues } from "../helpers/cards";
import { startFakeConnector, type FakeConnector } from "../helpers/connector";
import { demoCoordinator, demoLeader, demoMentor, message, post } from "../helpers/teams";
import type { RunningApp } from "../../src/app";
import { createBot } from "../../bot/adapter";
import { devToken } from "../../src/auth/tokens";
import { LOCAL_AUDIENCE, loadConfig } from "../../src/config";
import { manualClock } from "../../src/domain/clock";
import { DEMO } from "../../src/domain/demo";
import { ERASE_SWEEP_MS } from "../../src/domain/jobs";
import { retentionOf } from "../../src/domain/erasure";
import type { Case, Entry } from "../../src/domain/model";
import { createScheduler } from "../../src/scheduler";

const clock = manualClock(new Date("2026-11-25T09:00:00Z"));
let app: RunningApp & { dataDir: string };
let connector: FakeConnector;
let mentor: TeamsSession;
let coordinator: TeamsSession;
let leader: TeamsSession;

beforeAll(async () => {
  [app, connector] = await Promise.all([startTestApp({ clock, env: { SCHEDULER_INTERVAL_SECONDS: "0" } }), startFakeConnector()]);
  mentor = new TeamsSession(app.url, connector.serviceUrl, demoMentor);
  coordinator = new TeamsSession(app.url, connector.serviceUrl, demoCoordinator);
  leader = new TeamsSession(app.url, connector.serviceUrl, demoLeader);
  await post(app.url, message(demoMentor, connector.serviceUrl, "hej"));
  await connector.waitFor(1);
});
afterAll(() => Promise.all([app?.close(), connector?.close()]));

const repos = () => app.store.repos;
const tokenFor = (aadObjectId: string) => devToken(app.dataDir, { aadObjectId, tenantId: DEMO.tenantId, audience: LOCAL_AUDIENCE, now: clock() });
const api = async (who: string, method: string, path: string) =>
  fetch(`${app.url}/api${path}`, { method, headers: { authorization: `Bearer ${await tokenFor(who)}` } });

/** Everything the store still holds that names the case (ids and types), the erasure's own line and job apart. */
async function traces(c: Pick<Case, "id" | "code">): Promise<string[]> {
  const found: string[] = [];
  for (const [name, container] of Object.entries(app.store.containers)) {
    const { resources } = await container.items.query({ query: "SELECT * FROM c" }).fetchAll();
    for (const doc of resources) {
      if (name === "access" && doc.action === "erase") continue;
      if (name === "jobs" && doc.kind === "erase") continue;
      const text = JSON.stringify(doc);
      if (text.includes(c.id) || text.includes(c.code)) found.push(`${name}:${doc.type}:${doc.id}`);
    }
  }
  return found;
}

test("the coordinator erases a case from its card: a wrong code erases nothing; the right one leaves only the log's line, and the mentor's open card says the case no longer exists", async () => {
  const c = (await repos().cases.listForCoach(DEMO.corpsId, DEMO.mentor)).find((x) => x.status === "active")!;
  expect((await repos().entries.listForCase(DEMO.corpsId, c.id)).length).toBeGreaterThan(0);
  // The mentor has a preparation card open for the case, and a nudge to reflect owed.
  clock.set(new Date("2026-11-25T10:00:00Z"));
  const prep = await mentor.press("prepare.open", { caseId: c.id });
  // … and their own name for it in their list.
  expect(cardText(await mentor.submit(await mentor.press("cases.label", { caseId: c.id }), "cases.labelSubmit", { label: "Fodbolddrengen" }))).toContain("Fodbolddrengen");
  expect(cardText(prep)).toContain(c.code);
  expect(await traces(c)).not.toEqual([]);

  const card = await coordinator.press("coord.case", { caseId: c.id });
  const erase = await coordinator.submit(card, "coord.erase");
  expect(cardText(erase)).toContain(`Slet forløb ${c.code}`);
  expect(cardText(erase)).toContain("kan ikke fortrydes");

  // A code that is not the case's: handed back, with what was typed, nothing erased.
  const wrong = await coordinator.submit(erase, "coord.eraseSubmit", { confirmCode: "ZZ-0000" });
  expect(cardText(wrong)).toContain("Det er ikke forløbets kode. Intet er slettet.");
  expect(inputValues(wrong).confirmCode).toBe("ZZ-0000");
  expect(await repos().cases.get(DEMO.corpsId, c.id)).toBeDefined();

  // The code typed loosely (lower case, a space) is the code.
  clock.set(new Date("2026-11-25T10:05:00Z"));
  const done = await coordinator.submit(wrong, "coord.eraseSubmit", { confirmCode: ` ${c.code.toLowerCase().replace("-", "- ")} ` });
  expect(cardText(done)).toContain(`Forløb ${c.code} er slettet`);
  expect(cardText(done)).toContain("slettet af Demo Koordinator den 25.11.2026");

  expect(await traces(c)).toEqual([]);
  const log = await repos().access.allForCase(DEMO.corpsId, c.id);
  expect(log).toHaveLength(1);
  expect(log[0]).toMatchObject({ action: "erase", by: DEMO.coordinator, role: "coordinator", code: c.code, at: "2026-11-25T10:05:00.000Z" });

  // The mentor's open card, and the case itself, answer that it no longer exists; their list no longer has it.
  const saved = await mentor.submit(prep, "prepare.submit");
  expect(cardText(saved)).toContain("Forløbet findes ikke (længere).");
  expect(cardText(await mentor.press("cases.open", { caseId: c.id }))).toContain("Forløbet findes ikke (længere).");
  expect(cardText(await mentor.press("cases.list"))).not.toContain(c.code);
  expect(cardText(await coordinator.press("coord.case", { caseId: c.id }))).toContain("Forløbet findes ikke (længere).");
  expect(await traces(c)).toEqual([]);
});

test("a submit under way while the case is erased leaves nothing behind: the erasure runs once more later and sweeps it up", async () => {
  const c = (await repos().cases.listForCoach(DEMO.corpsId, DEMO.mentor)).find((x) => x.status === "active")!;
  const [entry] = await repos().entries.listForCase(DEMO.corpsId, c.id);
  clock.set(new Date("2026-11-26T09:00:00Z"));
  const card = await coordinator.submit(await coordinator.press("coord.case", { caseId: c.id }), "coord.erase");
  await coordinator.submit(card, "coord.eraseSubmit", { confirmCode: c.code });
  // A turn that read the case just before writes its entry just after.
  const late: Entry = { ...entry, id: `${entry.id}-late`, createdAt: clock().toISOString() };
  expect(await repos().entries.create(late)).toBe("created");
  expect(await traces(c)).toEqual([`entries:${late.type}:${late.id}`]);

  clock.advance(ERASE_SWEEP_MS);
  await app.scheduler.tick();
  expect(await traces(c)).toEqual([]);
  expect(await repos().jobs.listForCase(DEMO.corpsId, c.id)).toEqual([]); // the erasure's job is done
  expect(await repos().access.allForCase(DEMO.corpsId, c.id)).toHaveLength(1);
});

test("DELETE /api/cases/{id}: the corps' coordinators only, confirmed by the case's code; afterwards the export finds nothing", async () => {
  const c = (await repos().cases.list(DEMO.corpsId)).find((x) => x.status === "closed")!;
  clock.set(new Date("2026-11-27T09:00:00Z"));
  for (const who of [DEMO.mentor, DEMO.leader]) expect((await api(who, "DELETE", `/cases/${c.id}?confirm=${c.code}`)).status).toBe(403);
  expect((await api(DEMO.coordinator, "DELETE", `/cases/${c.id}`)).status).toBe(400);
  expect((await api(DEMO.coordinator, "DELETE", `/cases/${c.id}?confirm=XX-0000`)).status).toBe(400);
  expect((await api(DEMO.coordinator, "DELETE", `/cases/case-not-there?confirm=${c.code}`)).status).toBe(404);
  expect(await repos().cases.get(DEMO.corpsId, c.id)).toBeDefined();

  expect((await api(DEMO.coordinator, "DELETE", `/cases/${c.id}?confirm=${c.code}`)).status).toBe(204);
  expect(await traces(c)).toEqual([]);
  expect((await api(DEMO.coordinator, "GET", `/cases/${c.id}/export`)).status).toBe(404);
  expect((await api(DEMO.coordinator, "DELETE", `/cases/${c.id}?confirm=${c.code}`)).status).toBe(404);
  const log = await repos().access.allForCase(DEMO.corpsId, c.id);
  expect(log.map((l) => [l.action, l.by, l.flow])).toEqual([["erase", DEMO.coordinator, "erase"]]);
});

test("the retention period: a leader shortens it on the card (confirming how many go); the scheduler erases those cases once, with two instances running; the leaders' figures no longer count them", async () => {
  const closed = (await repos().cases.list(DEMO.corpsId)).filter((x) => x.status === "closed").sort((a, b) => a.closedAt!.localeCompare(b.closedAt!));
  // Now: an hour past a year after the middle closed case closed — so some closed cases are older than a year, some not.
  const yearAfter = (iso: string) => {
    const d = new Date(iso);
    d.setUTCFullYear(d.getUTCFullYear() + 1);
    return d.getTime();
  };
  clock.set(new Date(yearAfter(closed[Math.floor(closed.length / 2)].closedAt!) + 3_600_000));
  const due = closed.filter((x) => yearAfter(x.closedAt!) < clock().getTime());
  const kept = closed.filter((x) => !due.includes(x));
  expect(due.length).toBeGreaterThan(0);
  expect(kept.length).toBeGreaterThan(0);

  // A mentor cannot open it (the menu instead); the leader can, and is asked to confirm what a year would erase now.
  expect(cardText(await mentor.press("retention.open"))).not.toContain("Opbevaring og sletning");
  const card = await leader.press("retention.open");
  expect(cardText(card)).toContain("Nu: afsluttede forløb slettes 5 år efter afslutningen.");
  const asked = await leader.submit(card, "retention.submit", { closedMonths: "12" });
  expect(cardText(asked)).toContain(`Ja, slet de ${due.length} afsluttede forløb, der er ældre end perioden, inden for en time`);
  expect(inputValues(asked).closedMonths).toBe("12");
  expect(retentionOf((await repos().corps.get(DEMO.corpsId))!).closedMonths).toBe(60);
  const saved = await leader.submit(asked, "retention.submit", { confirmErase: "true" });
  expect(cardText(saved)).toContain("Afsluttede forløb slettes nu 1 år efter afslutningen");
  expect(cardText(saved)).toContain(`${due.length} afsluttede forløb er ældre end perioden og slettes inden for en time.`);

  const bot = createBot(loadConfig({}), { repos: repos(), clock, log: app.log });
  const other = createScheduler({ repos: repos(), clock, log: app.log, handlers: bot.jobHandlers, plan: bot.plan });
  clock.advance(3_600_000); // the next hour's plan
  await Promise.all([app.scheduler.tick(), other.tick()]);
  await Promise.all([app.scheduler.tick(), other.tick()]);

  for (const c of due) {
    expect(await repos().cases.get(DEMO.corpsId, c.id)).toBeUndefined();
    expect(await traces(c)).toEqual([]);
    const log = await repos().access.allForCase(DEMO.corpsId, c.id);
    expect(log.map((l) => [l.action, l.role, l.code])).toEqual([["erase", "system", c.code]]);
  }
  for (const c of kept) expect(await repos().cases.get(DEMO.corpsId, c.id)).toBeDefined();
  // A kept closed case's card says when it goes: a year after its closing day.
  const [d, m, y] = new Date(kept[0].closedAt!).toLocaleDateString("da-DK", { timeZone: "Europe/Copenhagen", day: "2-digit", month: "2-digit", year: "numeric" }).split(".");
  expect(cardText(await coordinator.press("coord.case", { caseId: kept[0].id }))).toContain(`Slettes\n${d}.${m}.${Number(y) + 1}`);

  // The leader's figures: what they count (the access log names each case counted) no longer has the erased cases.
  expect((await api(DEMO.leader, "GET", "/dashboard")).status).toBe(200);
  const counted = (await repos().access.listForCase(DEMO.corpsId, kept[0].id, 5)).find((l) => l.flow === "api:dashboard")!;
  expect([...counted.caseIds].sort()).toEqual((await repos().cases.list(DEMO.corpsId)).map((x) => x.id).sort());
  for (const c of due) expect(counted.caseIds).not.toContain(c.id);

  // The next hour plans nothing again.
  clock.advance(3_600_000);
  await Promise.all([app.scheduler.tick(), other.tick()]);
  for (const c of due) expect(await repos().access.allForCase(DEMO.corpsId, c.id)).toHaveLength(1);
});

test("free text ages out: chosen on the card, the closed cases past it lose their words — answers, the målskema's, notes — and keep every figure", async () => {
  const closed = (await repos().cases.list(DEMO.corpsId)).filter((x) => x.status === "closed");
  const sixMonthsAfter = (iso: string) => {
    const d = new Date(iso);
    d.setUTCMonth(d.getUTCMonth() + 6);
    return d.getTime();
  };
  const due = closed.filter((x) => sixMonthsAfter(x.closedAt!) < clock().getTime());
  const kept = closed.filter((x) => !due.includes(x));
  expect(due.length).toBeGreaterThan(0);
  const withText = async (c: Case) => (await repos().entries.listForCase(DEMO.corpsId, c.id)).filter((e) => JSON.stringify(e).match(/"answers":\["[^"]/));
  expect((await withText(due[0])).length).toBeGreaterThan(0);
  const figuresBefore = await (await api(DEMO.leader, "GET", "/dashboard")).json();

  const card = await coordinator.press("retention.open");
  const asked = await coordinator.submit(card, "retention.submit", { freeTextMonths: "6" });
  expect(cardText(asked)).toContain(`Ja, fjern friteksten fra ${due.length} afsluttede forløb inden for en time`);
  const saved = await coordinator.submit(asked, "retention.submit", { confirmErase: "true" });
  expect(cardText(saved)).toContain(`Friteksten fjernes fra ${due.length} afsluttede forløb inden for en time.`);

  clock.advance(3_600_000);
  await app.scheduler.tick();
  for (const c of due) {
    expect(await withText(c)).toEqual([]);
    const after = (await repos().cases.get(DEMO.corpsId, c.id))!.doc;
    expect(after.freeTextRemovedAt).toBeDefined();
    expect(after.goalForm.goals.map((g) => g.text)).toEqual(c.goalForm.goals.map(() => "–"));
    expect(after.goalForm.goals.map((g) => g.score)).toEqual(c.goalForm.goals.map((g) => g.score));
    const card = cardText(await coordinator.press("coord.case", { caseId: c.id }));
    for (const g of c.goalForm.goals) expect(card).not.toContain(g.text);
    const log = await repos().access.listForCase(DEMO.corpsId, c.id, 100);
    expect(log.filter((l) => l.flow === "retention.text").map((l) => [l.role, l.action])).toEqual([["system", "update"]]);
  }
  for (const c of kept) expect((await repos().cases.get(DEMO.corpsId, c.id))!.doc.freeTextRemovedAt).toBeUndefined();
  // Every figure the leaders see is what it was.
  const { ...figuresAfter } = await (await api(DEMO.leader, "GET", "/dashboard")).json();
  expect(figuresAfter).toEqual(figuresBefore);
});

test("Cosmos DB's time to live, the second line of defence: a settled closed case and its entries expire a month after they are due — and a longer period moves it", async () => {
  const now = clock().getTime();
  const addMonths = (iso: string, n: number) => {
    const d = new Date(iso);
    d.setUTCMonth(d.getUTCMonth() + n);
    return d.getTime();
  };
  const settled = (await repos().cases.list(DEMO.corpsId)).filter((x) => x.status === "closed" && new Date(x.closedAt!).getTime() < now - 31 * 86_400_000);
  expect(settled.length).toBeGreaterThan(0);
  for (const c of settled) {
    // Stamped at the last hour's plan, for the corps' period of a year: expiring a year and a month after closing.
    expect(c.ttlMonths).toBe(12);
    const expiresAt = clock().getTime() + c.ttl! * 1000;
    expect(Math.abs(expiresAt - addMonths(c.closedAt!, 13))).toBeLessThan(3 * 3_600_000 + 3_600_000);
    for (const e of await repos().entries.listForCase(DEMO.corpsId, c.id, { deleted: true })) expect(e.ttl).toBe(c.ttl);
  }
  // A case closed less than 31 days ago may still get its after-reflection: no ttl yet.
  for (const c of (await repos().cases.list(DEMO.corpsId)).filter((x) => x.status === "closed" && !settled.some((s) => s.id === x.id))) expect(c.ttl).toBeUndefined();

  // The corps keeps closed cases two years now: the ttl follows at the next hour, never cutting the longer period short.
  await coordinator.submit(await coordinator.press("retention.open"), "retention.submit", { closedMonths: "24" });
  clock.advance(3_600_000);
  await app.scheduler.tick();
  for (const c of settled) {
    const after = (await repos().cases.get(DEMO.corpsId, c.id))!.doc;
    expect(after.ttlMonths).toBe(24);
    expect(Math.abs(clock().getTime() + after.ttl! * 1000 - addMonths(c.closedAt!, 25))).toBeLessThan(4 * 3_600_000);
  }
});
