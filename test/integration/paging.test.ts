// Queries that can return more than one page follow the continuation tokens: every corps (the check-in planner's
// query), a corps' cases, a case's entries and the due jobs, read with a page size of 2 through the fault proxy, come
// back whole — and the proxy saw the SDK ask for the next pages (`x-ms-continuation`). The production default (no
// page size) is unchanged: the service decides, and these small lists come in one page.
import pino from "pino";
import { tempDataDir } from "../helpers/app";
import { startCosmosFaultProxy, type CosmosFaultProxy, type ProxiedRequest } from "../helpers/cosmos-faults";
import { TEST_START } from "../helpers/time";
import { manualClock } from "../../src/domain/clock";
import { DEMO } from "../../src/domain/demo";
import { messageJob } from "../../src/domain/jobs";
import { seedDemo } from "../../src/demo-seed";
import { openStore, type Store } from "../../src/store";

const log = pino({ level: "silent" });
const EXTRA_CORPS = ["paging-a", "paging-b", "paging-c", "paging-d"];

let embedded: Store;
let proxy: CosmosFaultProxy;
/** The Azure path through the proxy, 2 items a page. */
let paged: Store;
/** The Azure path through the proxy with the production default. */
let plain: Store;

beforeAll(async () => {
  const dataDir = tempDataDir();
  embedded = await openStore({ DATA_DIR: dataDir, COSMOS_DATABASE: "loft" }, log);
  await seedDemo(embedded, manualClock(TEST_START));
  const demo = (await embedded.repos.corps.get(DEMO.corpsId))!;
  for (const id of EXTRA_CORPS) await embedded.repos.corps.upsert({ ...demo, id, corpsId: id, name: `Korps ${id}`, teamId: `19:${id}@thread.tacv2` });
  // Due jobs in several corps (nudges owed yesterday), more than two.
  for (const [i, corpsId] of [DEMO.corpsId, ...EXTRA_CORPS].entries()) {
    await embedded.repos.jobs.create(
      messageJob(corpsId, { what: "nudge", caseId: `case-paging-${i}`, to: DEMO.mentor, day: "2026-11-24", preparedAt: "2026-11-23T09:00:00.000Z" }, TEST_START, new Date("2026-11-24T07:00:00Z")),
    );
  }
  proxy = await startCosmosFaultProxy(embedded.endpoint);
  const azure = { COSMOS_ENDPOINT: proxy.endpoint, COSMOS_KEY: "embedded-local-key", COSMOS_DATABASE: "loft", DATA_DIR: dataDir };
  [paged, plain] = await Promise.all([openStore(azure, log, { pageSize: 2 }), openStore(azure, log)]);
});
afterAll(async () => {
  await Promise.all([paged?.close(), plain?.close()]);
  await proxy?.close();
  await embedded?.close();
});

/** The query requests (not the query plan) a listing made, as the proxy saw them. */
async function pagesOf<T>(list: () => Promise<T[]>): Promise<{ items: T[]; pages: ProxiedRequest[] }> {
  proxy.reset();
  const items = await list();
  return { items, pages: proxy.requests.filter((r) => r.kind === "query") };
}

const ids = (xs: Array<{ id: string }>) => xs.map((x) => x.id).sort();

const LISTS: Array<[string, (s: Store) => Promise<Array<{ id: string }>>, number]> = [
  ["every corps", (s) => s.repos.corps.list(), 5],
  ["a corps' cases", (s) => s.repos.cases.list(DEMO.corpsId), 3],
  ["a coach's cases", (s) => s.repos.cases.listForCoach(DEMO.corpsId, DEMO.mentor), 3],
  ["a corps' members", (s) => s.repos.members.list(DEMO.corpsId), 3],
];

describe.each(LISTS)("%s", (_what, list, atLeast) => {
  test("with 2 a page: every item, over several pages the SDK asked for with the continuation token", async () => {
    const whole = await list(embedded); // straight from the store, no proxy
    expect(whole.length).toBeGreaterThanOrEqual(atLeast);
    const { items, pages } = await pagesOf(() => list(paged));
    expect(ids(items)).toEqual(ids(whole));
    expect(items.map((x) => x.id)).toEqual(whole.map((x) => x.id)); // in the query's order too
    expect(pages.length).toBeGreaterThanOrEqual(Math.ceil(whole.length / 2));
    expect(pages.every((p) => p.maxItemCount === 2)).toBe(true);
    expect(pages.filter((p) => p.continuationSent !== undefined).length).toBe(pages.length - 1);
    // the production default: no page size asked for, one page for a list this small
    const single = await pagesOf(() => list(plain));
    expect(single.items.map((x) => x.id)).toEqual(whole.map((x) => x.id));
    expect(single.pages.every((p) => p.maxItemCount === undefined)).toBe(true);
  });
});

test("a case's entries, oldest first, over several pages", async () => {
  const [c] = (await embedded.repos.cases.list(DEMO.corpsId)).filter((x) => x.status === "active");
  const whole = await embedded.repos.entries.listForCase(DEMO.corpsId, c.id);
  expect(whole.length).toBeGreaterThan(2);
  const { items, pages } = await pagesOf(() => paged.repos.entries.listForCase(DEMO.corpsId, c.id));
  expect(items.map((e) => e.id)).toEqual(whole.map((e) => e.id));
  expect(pages.length).toBeGreaterThan(1);
  expect(pages.some((p) => p.continuationSent)).toBe(true);
});

test("the due jobs across corps (the scheduler's query, TOP and ORDER BY) over several pages", async () => {
  const now = new Date("2026-11-25T09:00:00Z");
  const whole = await embedded.repos.jobs.due(now, new Date(now.getTime() - 300_000), 50);
  expect(whole.length).toBeGreaterThanOrEqual(EXTRA_CORPS.length + 1);
  const { items, pages } = await pagesOf(() => paged.repos.jobs.due(now, new Date(now.getTime() - 300_000), 50));
  expect(items.map((j) => j.doc.id)).toEqual(whole.map((j) => j.doc.id));
  expect(items.every((j) => j.etag.length > 0)).toBe(true);
  expect(pages.length).toBeGreaterThan(1);
  expect(pages.some((p) => p.continuationSent)).toBe(true);
  // and TOP still caps it when the pages are small
  const capped = await paged.repos.jobs.due(now, new Date(now.getTime() - 300_000), 3);
  expect(capped.map((j) => j.doc.id)).toEqual(whole.slice(0, 3).map((j) => j.doc.id));
});

test("a page that fails (503) midway: the whole list is read again, never half of it", async () => {
  const whole = await embedded.repos.corps.list();
  proxy.reset();
  // the second page of the next query fails twice over (beyond the SDK's own one retry of a read)
  const fault = proxy.fault({ kind: "query", container: "corps", skip: 1, times: 2, fault: { status: 503 } });
  const items = await paged.repos.corps.list();
  expect(fault.fired()).toBe(2);
  expect(ids(items)).toEqual(ids(whole));
  proxy.clear();
});
