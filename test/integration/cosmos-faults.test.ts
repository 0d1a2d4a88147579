// The real Cosmos DB's bad moments, tested locally: the app runs on its Azure path (COSMOS_ENDPOINT + COSMOS_KEY,
// endpoint discovery on, its production client settings) against the embedded store through a proxy that answers as
// Cosmos DB does when it throttles (429 with x-ms-retry-after-ms), is unavailable (503), times out (408, or answers
// too late) — test/helpers/cosmos-faults.ts. Over the Bot Framework protocol and the tab's API, each test asserts what
// a user would notice: the turn succeeds, or it says it could not save and keeps their answers; nothing is stored
// twice or half; a message owed is sent once. What the store holds is read from the embedded store directly (not
// through the proxy). No test measures time: the delays are small, the bounds generous.
import pino from "pino";
import { startTestApp, tempDataDir } from "../helpers/app";
import { TeamsSession } from "../helpers/bot";
import { cardText, inputById, messageText } from "../helpers/cards";
import { startFakeConnector, type FakeConnector } from "../helpers/connector";
import { startCosmosFaultProxy, type CosmosFaultProxy } from "../helpers/cosmos-faults";
import { demoCoordinator, demoMentor, message, post } from "../helpers/teams";
import { devToken } from "../../src/auth/tokens";
import { LOCAL_AUDIENCE } from "../../src/config";
import { manualClock } from "../../src/domain/clock";
import { DEMO } from "../../src/domain/demo";
import { CLAIM_TIMEOUT_MS, messageJob, type Job } from "../../src/domain/jobs";
import type { Case } from "../../src/domain/model";
import { seedDemo } from "../../src/demo-seed";
import { openStore, type Store } from "../../src/store";

const NOW = new Date("2026-11-24T09:00:00Z"); // a Tuesday, 10:00 in Copenhagen
const clock = manualClock(NOW);
const log = pino({ level: "silent" });
const KEY = "embedded-local-key";
const MENTOR_CHAT = `a:personal-${DEMO.mentor}`;
const COORDINATOR_CHAT = `a:personal-${DEMO.coordinator}`;

let embedded: Store;
let proxy: CosmosFaultProxy;
let app: Awaited<ReturnType<typeof startTestApp>>;
let connector: FakeConnector;
let mentor: TeamsSession;
let dataDir: string;

beforeAll(async () => {
  // The store, seeded with the demo corps directly (a configured Cosmos DB is never seeded by the app) …
  dataDir = tempDataDir();
  embedded = await openStore({ DATA_DIR: dataDir, COSMOS_DATABASE: "loft" }, log);
  await seedDemo(embedded, clock);
  // … the proxy in front of it, and the app on its Azure path through the proxy.
  proxy = await startCosmosFaultProxy(embedded.endpoint);
  [app, connector] = await Promise.all([startTestApp({ clock, env: { COSMOS_ENDPOINT: proxy.endpoint, COSMOS_KEY: KEY } }), startFakeConnector()]);
  expect(app.store.kind).toBe("azure");
  mentor = new TeamsSession(app.url, connector.serviceUrl, demoMentor);
  // The mentor has written to Løft once: the bot can reach them (the nudges below).
  await post(app.url, message(demoMentor, connector.serviceUrl, "hej"));
  await connector.waitFor(1);
});
afterAll(async () => {
  await Promise.all([app?.close(), connector?.close()]);
  await proxy?.close();
  await embedded?.close();
});
beforeEach(() => {
  proxy.clear();
  proxy.reset();
  connector.clear();
});

/** The mentor's active cases, as stored (in the demo's order): each test works on its own. */
async function mentorsCase(i: number): Promise<Case> {
  return (await embedded.repos.cases.listForCoach(DEMO.corpsId, DEMO.mentor)).filter((c) => c.status === "active")[i];
}
const entriesOf = async (c: Case) => embedded.repos.entries.listForCase(DEMO.corpsId, c.id);
const reflectionsOf = async (c: Case) => (await entriesOf(c)).filter((e) => e.type === "reflection");
/** The proxy's record of the writes to one container, as status codes in order. */
const writesTo = (container: string) => proxy.requests.filter((r) => r.kind === "write" && r.container === container).map((r) => r.status);

const ANSWERS = { r1: "Vi fik talt om praktikken.", r6: "Positivt på planen.", match: "ja", progress: "5", agreements: "Vi ses torsdag." };

describe("a reflection submit", () => {
  test("throttled (429 with x-ms-retry-after-ms) on its writes: the SDK waits and retries, the turn succeeds, one entry is stored", async () => {
    const c = await mentorsCase(0);
    const card = await mentor.press("reflect.open", { caseId: c.id });
    const before = await reflectionsOf(c);
    const jobsThrottled = proxy.fault({ kind: "write", container: "jobs", times: 2, fault: { status: 429, retryAfterMs: 40 } });
    const entriesThrottled = proxy.fault({ kind: "write", container: "entries", times: 3, fault: { status: 429, retryAfterMs: 40 } });

    const done = await mentor.submit(card, "reflect.submit", ANSWERS);
    expect(cardText(done)).toContain(`✓ Refleksion gemt · ${c.code}`);
    expect([jobsThrottled.fired(), entriesThrottled.fired()]).toEqual([2, 3]);
    // The entry's write: three throttled answers, then the store took it — one write, nothing more.
    expect(writesTo("entries")).toEqual([429, 429, 429, 201]);
    const after = await reflectionsOf(c);
    expect(after).toHaveLength(before.length + 1);
    expect(after[after.length - 1].type === "reflection" && after[after.length - 1].answers[0]).toBe(ANSWERS.r1);
    // What follows from it (after the answer) is done too: the case shows it, nothing is left to the scheduler.
    await app.drain();
    const stored = (await embedded.repos.cases.get(DEMO.corpsId, c.id))!.doc;
    expect(stored.applied).toContain(after[after.length - 1].id);
    expect(await embedded.repos.jobs.get(DEMO.corpsId, `derive-${after[after.length - 1].id}`)).toBeUndefined();
  });

  test("the store unavailable (503) beyond every retry: the card comes back with every answer and says it could not save; nothing is half-saved; pressed again later, saved once", async () => {
    const c = await mentorsCase(1);
    const card = await mentor.press("reflect.open", { caseId: c.id });
    const before = await reflectionsOf(c);
    const caseBefore = (await embedded.repos.cases.get(DEMO.corpsId, c.id))!.doc;
    const down = proxy.fault({ kind: "write", container: "entries", times: Infinity, fault: { status: 503 } });

    const back = await mentor.submit(card, "reflect.submit", ANSWERS);
    expect(cardText(back)).toContain("Løft kunne ikke gemme lige nu. Dine svar står her stadig — prøv at gemme igen om lidt.");
    for (const id of ["r1", "r6", "match", "agreements"] as const) expect(inputById(back, id)?.value).toBe(ANSWERS[id]);
    expect(down.fired()).toBeGreaterThanOrEqual(3); // the app's own tries (the SDK never retries a write's 503)
    expect(await reflectionsOf(c)).toHaveLength(before.length);
    await app.drain();
    expect((await embedded.repos.cases.get(DEMO.corpsId, c.id))!.doc).toEqual(caseBefore);

    // The derive job written before the entry finds no entry when it falls due, and changes nothing.
    proxy.clear();
    clock.advance(2 * 60_000);
    await app.scheduler.tick();
    expect((await embedded.repos.cases.get(DEMO.corpsId, c.id))!.doc).toEqual(caseBefore);
    expect(await reflectionsOf(c)).toHaveLength(before.length);

    // The store is back: the same card pressed again is saved, once; pressed once more, still once.
    const saved = await mentor.submit(back, "reflect.submit", ANSWERS);
    expect(cardText(saved)).toContain(`✓ Refleksion gemt · ${c.code}`);
    const again = await mentor.submit(back, "reflect.submit", ANSWERS);
    expect(cardText(again)).toContain(`✓ Refleksion gemt · ${c.code}`);
    const after = await reflectionsOf(c);
    expect(after).toHaveLength(before.length + 1);
    await app.drain();
    const stored = (await embedded.repos.cases.get(DEMO.corpsId, c.id))!.doc;
    expect(stored.applied.filter((id) => id === after[after.length - 1].id)).toHaveLength(1);
    expect(stored.lastReflection?.at).toBe(after[after.length - 1].createdAt);
  });

  test("the entry's write done but its answer lost (408 after the store took it): saved once, and the card says saved", async () => {
    const c = await mentorsCase(0);
    const card = await mentor.press("reflect.open", { caseId: c.id });
    const before = await reflectionsOf(c);
    const lost = proxy.fault({ kind: "write", container: "entries", times: 1, fault: { status: 408, applied: true } });
    const done = await mentor.submit(card, "reflect.submit", { ...ANSWERS, r1: "Anden samtale." });
    expect(lost.fired()).toBe(1);
    expect(cardText(done)).toContain(`✓ Refleksion gemt · ${c.code}`);
    expect(await reflectionsOf(c)).toHaveLength(before.length + 1);
  });
});

describe("a turn that cannot finish", () => {
  test("says so to the user, with an id to quote, and the next press works", async () => {
    proxy.fault({ kind: ["read", "query"], container: "corps", times: Infinity, fault: { status: 503 } });
    const res = await post(app.url, message(demoMentor, connector.serviceUrl, "menu"));
    expect(res.status).toBe(200);
    const [reply] = await connector.waitFor(1);
    expect(messageText(reply.body)).toMatch(/^Noget gik galt hos os\. Prøv igen om lidt — et svar, du sender igen, gemmes kun én gang\. \([0-9a-f]{8}\)$/);
    proxy.clear();
    const menu = await mentor.press("menu");
    expect(cardText(menu)).toContain("Hvad vil du gøre?");
  });
});

describe("the dashboard API", () => {
  let auth: Record<string, string>;
  let baseline: unknown;
  beforeAll(async () => {
    auth = { authorization: `Bearer ${await devToken(app.dataDir, { aadObjectId: DEMO.leader, tenantId: DEMO.tenantId, audience: LOCAL_AUDIENCE, now: clock() })}` };
  });
  const dashboard = async () => {
    const res = await fetch(`${app.url}/api/dashboard`, { headers: auth });
    return { status: res.status, body: (await res.json()) as unknown };
  };
  beforeEach(async () => {
    const first = await dashboard();
    expect(first.status).toBe(200);
    baseline = first.body;
    proxy.reset();
  });

  test("a query that times out once (408): retried, the same figures", async () => {
    const timedOut = proxy.fault({ kind: "query", container: "corps", times: 1, fault: { status: 408 } });
    expect(await dashboard()).toEqual({ status: 200, body: baseline });
    expect(timedOut.fired()).toBe(1);
  });

  test("slow answers from the store: the same figures", async () => {
    const slow = proxy.fault({ kind: ["read", "query", "query-plan"], times: Infinity, fault: { delayMs: 300 } });
    expect(await dashboard()).toEqual({ status: 200, body: baseline });
    expect(slow.fired()).toBeGreaterThan(2);
  });

  test("throttled (429) reads and queries: waited out, the same figures", async () => {
    proxy.fault({ kind: ["read", "query"], times: 4, fault: { status: 429, retryAfterMs: 30 } });
    expect(await dashboard()).toEqual({ status: 200, body: baseline });
  });

  test("the store unavailable beyond every retry: a clean 503 with Retry-After, no figures, and the next request answers again", async () => {
    proxy.fault({ kind: "query", container: "corps", times: Infinity, fault: { status: 503 } });
    const res = await fetch(`${app.url}/api/dashboard`, { headers: auth });
    expect({ status: res.status, retryAfter: res.headers.get("retry-after"), body: await res.json() }).toEqual({ status: 503, retryAfter: "5", body: { error: "store unavailable" } });
    proxy.clear();
    expect(await dashboard()).toEqual({ status: 200, body: baseline });
  });
});

describe("the scheduler and the outbox", () => {
  /** Prepares a conversation at `time` today (Copenhagen; later than the clock) for the mentor's case `i`: the nudge is owed an hour later. */
  async function prepared(i: number, time: string): Promise<{ c: Case; job: Job }> {
    const c = await mentorsCase(i);
    const card = await mentor.press("prepare.open", { caseId: c.id });
    const done = await mentor.submit(card, "prepare.submit", {
      q1: "At vi får lagt en plan.",
      safety_place: "yes",
      safety_roles: "yes",
      safety_assumptions: "yes",
      safety_risk: "yes",
      plannedDate: "2026-11-24",
      plannedTime: time,
    });
    expect(cardText(done)).toContain(`✓ Forberedelse gemt · ${c.code}`);
    await app.drain();
    const job = (await embedded.repos.jobs.get(DEMO.corpsId, `msg-nudge-${c.id}-2026-11-24`))!.doc;
    return { c, job };
  }
  /** The nudges the mentor received about a case (Teams accepted them). */
  const nudgesAbout = (c: Case) =>
    connector.calls.filter((x) => x.conversationId === MENTOR_CHAT && x.status === 200 && cardText(x.body?.attachments?.[0]?.content ?? {}).includes(`Hvordan gik samtalen? · ${c.code}`));
  /** A fault on the store writes to one job (its claim, its mark before sending, its outcome: in that order). */
  const onJob = (job: Job) => ({ kind: "write" as const, container: "jobs", where: (r: { path: string }) => r.path.endsWith(`/docs/${encodeURIComponent(job.id)}`) });
  const tick = () => app.scheduler.tick().then(
    () => "ran",
    () => "failed",
  );

  test("the claim refused (503) while the job runs: nothing is sent, the job runs again at the next tick and the nudge arrives once", async () => {
    const { c, job } = await prepared(2, "14:00");
    clock.set(new Date(job.dueAt));
    const refused = proxy.fault({ ...onJob(job), times: Infinity, fault: { status: 503 } });
    expect(await tick()).toBe("ran"); // the tick goes on with the other jobs; this one waits

    expect(refused.fired()).toBeGreaterThanOrEqual(3);
    expect(nudgesAbout(c)).toHaveLength(0);
    expect((await embedded.repos.jobs.get(DEMO.corpsId, job.id))!.doc).toMatchObject({ status: "pending", attempts: 0 });
    proxy.clear();
    clock.advance(60_000);
    await tick();
    expect(nudgesAbout(c)).toHaveLength(1);
    clock.advance(CLAIM_TIMEOUT_MS + 60_000);
    await tick();
    expect(nudgesAbout(c)).toHaveLength(1);
    expect((await embedded.repos.jobs.get(DEMO.corpsId, job.id))!.doc).toMatchObject({ status: "done" });
  });

  test("the outcome not recorded (503 after the nudge went out): it is never sent twice", async () => {
    const { c, job } = await prepared(3, "16:00");
    clock.set(new Date(job.dueAt));
    proxy.fault({ ...onJob(job), skip: 2, times: Infinity, fault: { status: 503 } });
    expect(await tick()).toBe("ran");
    expect(nudgesAbout(c)).toHaveLength(1);
    proxy.clear();
    // Its claim lapses; the next runner finds it marked as sent and records it, without sending it again.
    clock.advance(CLAIM_TIMEOUT_MS + 60_000);
    await tick();
    await tick();
    expect(nudgesAbout(c)).toHaveLength(1);
    expect((await embedded.repos.jobs.get(DEMO.corpsId, job.id))!.doc).toMatchObject({ status: "done" });
  });

  test("the mark before sending done but its answer lost (408 after the store took it): the nudge is still sent, once", async () => {
    const { c, job } = await prepared(4, "18:00");
    clock.set(new Date(job.dueAt));
    const lost = proxy.fault({ ...onJob(job), skip: 1, times: 1, fault: { status: 408, applied: true } });
    await tick();
    expect(lost.fired()).toBe(1);
    clock.advance(CLAIM_TIMEOUT_MS + 60_000);
    await tick();
    expect(nudgesAbout(c)).toHaveLength(1);
    expect((await embedded.repos.jobs.get(DEMO.corpsId, job.id))!.doc).toMatchObject({ status: "done" });
  });

  test("the message a turn sends at once (the coordinator told of a flag) refused by the store: left to the scheduler, sent once", async () => {
    await post(app.url, message(demoCoordinator, connector.serviceUrl, "hej")); // the coordinator can be reached
    await connector.waitFor(1);
    connector.clear();
    const c = await mentorsCase(3);
    const card = await mentor.press("reflect.open", { caseId: c.id });
    // The flag message's job is written; its claim (sending it at once, after the answer) is refused.
    const refused = proxy.fault({ kind: "write", container: "jobs", where: (r) => r.method === "PUT" && r.path.includes("/docs/msg-flags-"), times: Infinity, fault: { status: 503 } });
    const done = await mentor.submit(card, "reflect.submit", { r1: "Svært i dag.", match: "usikker", sparring: "true" });
    expect(cardText(done)).toContain(`✓ Refleksion gemt · ${c.code}`);
    expect(cardText(done)).toContain("Din koordinator har fået besked");
    await app.drain();
    expect(refused.fired()).toBeGreaterThanOrEqual(3);
    const toCoordinator = () => connector.calls.filter((x) => x.conversationId === COORDINATOR_CHAT && x.status === 200 && messageText(x.body).startsWith(`Markering · ${c.code}`));
    expect(toCoordinator()).toHaveLength(0);
    // The store is back; the scheduler sends what the turn could not, once.
    proxy.clear();
    clock.advance(2 * 60_000);
    await tick();
    expect(toCoordinator()).toHaveLength(1);
    clock.advance(CLAIM_TIMEOUT_MS + 60_000);
    await tick();
    expect(toCoordinator()).toHaveLength(1);
  });

  // The message's outcome is marked on its job before it is recorded on the case: a record the store refuses is made
  // again by the next run, from the job (it once was swallowed, leaving the flag as if never told).
  test("the flag message sent, its delivery record refused once: the flag still ends up recorded as sent", async () => {
    await post(app.url, message(demoCoordinator, connector.serviceUrl, "hej"));
    await connector.waitFor(1);
    connector.clear();
    const c = await mentorsCase(2);
    const card = await mentor.press("reflect.open", { caseId: c.id });
    // The case's writes: the derivation's (let through), then the delivery's record (refused until cleared).
    proxy.fault({ kind: "write", container: "corps", where: (r) => r.method === "PUT" && r.path.endsWith(`/docs/${c.id}`), skip: 1, times: Infinity, fault: { status: 503 } });
    await mentor.submit(card, "reflect.submit", { r1: "Svært.", match: "nej" });
    await app.drain();
    proxy.clear();
    clock.advance(CLAIM_TIMEOUT_MS + 60_000);
    await tick();
    const toCoordinator = connector.calls.filter((x) => x.conversationId === COORDINATOR_CHAT && x.status === 200 && messageText(x.body).startsWith(`Markering · ${c.code}`));
    expect(toCoordinator).toHaveLength(1); // sent once (this holds)
    const flags = (await embedded.repos.cases.get(DEMO.corpsId, c.id))!.doc.flags.filter((f) => f.raisedBy === DEMO.mentor && f.kind === "match" && f.match === "nej");
    expect(flags.at(-1)?.delivery).toBe("sent");
  });
});

describe("the store under slow answers (a request timeout shorter than the delay)", () => {
  let quick: Store;
  beforeAll(async () => {
    quick = await openStore({ COSMOS_ENDPOINT: proxy.endpoint, COSMOS_KEY: KEY, COSMOS_DATABASE: "loft", DATA_DIR: dataDir }, log, { requestTimeoutMs: 3_000 });
  });
  afterAll(() => quick?.close());

  test("a query answered too late is asked again and comes back whole", async () => {
    const whole = await embedded.repos.cases.list(DEMO.corpsId);
    proxy.fault({ kind: "query", container: "corps", times: 1, fault: { delayMs: 10_000 } });
    expect((await quick.repos.cases.list(DEMO.corpsId)).map((x) => x.id)).toEqual(whole.map((x) => x.id));
  });

  test("a create whose answer comes too late (done all the same) is recognised as done, not as a duplicate", async () => {
    const job = messageJob(DEMO.corpsId, { what: "nudge", caseId: "case-slow", to: DEMO.mentor, day: "2026-12-01", preparedAt: NOW.toISOString() }, NOW);
    proxy.fault({ kind: "write", container: "jobs", times: 1, fault: { delayMs: 10_000 } });
    expect(await quick.repos.jobs.create(job)).toBe("created");
    expect(await embedded.repos.jobs.create(job)).toBe("duplicate"); // there, once
    await quick.repos.jobs.delete(DEMO.corpsId, job.id);
  });

  test("a claim whose answer comes too late (done all the same) is the claimer's, not someone else's", async () => {
    const job = messageJob(DEMO.corpsId, { what: "nudge", caseId: "case-slow2", to: DEMO.mentor, day: "2026-12-01", preparedAt: NOW.toISOString() }, NOW);
    await quick.repos.jobs.create(job);
    const got = (await quick.repos.jobs.get(DEMO.corpsId, job.id))!;
    proxy.fault({ kind: "write", container: "jobs", times: 1, fault: { delayMs: 10_000 } });
    const claimed = await quick.repos.jobs.replaceIfUnchanged({ ...job, status: "claimed", claimedAt: NOW.toISOString(), attempts: 1 }, got.etag);
    expect(claimed).toBe((await quick.repos.jobs.get(DEMO.corpsId, job.id))!.etag);
    // someone else's claim in between is still told apart: a stale ETag is refused
    expect(await quick.repos.jobs.replaceIfUnchanged({ ...job, status: "claimed", claimedAt: NOW.toISOString(), attempts: 2 }, got.etag)).toBeUndefined();
    await quick.repos.jobs.delete(DEMO.corpsId, job.id);
  });
});
