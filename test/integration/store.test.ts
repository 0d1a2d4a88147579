// The store on the embedded Cosmos server through @azure/cosmos: persistence across a restart,
// optimistic concurrency and idempotent entry writes.
import { startTestApp, tempDataDir } from "../helpers/app";
import { CosmosClient } from "@azure/cosmos";
import { DEMO } from "../../src/domain/demo";
import { startEmbeddedCosmos } from "../../src/store/embedded";

test("a restart keeps everything written before it", async () => {
  const dataDir = tempDataDir();
  const first = await startTestApp({ dataDir });
  const cases = await first.store.repos.cases.listForCoach(DEMO.corpsId, DEMO.mentor);
  const active = cases.find((c) => c.status === "active")!;
  const got = await first.store.repos.cases.get(DEMO.corpsId, active.id);
  await first.store.repos.cases.update(DEMO.corpsId, active.id, (x) => ({ ...x, goalForm: { ...x.goalForm, working: "Skrevet før genstart" }, version: 2 }), got!);
  const entry = {
    type: "statusCheckIn" as const,
    id: "entry-before-restart",
    corpsId: DEMO.corpsId,
    caseId: active.id,
    authorId: DEMO.mentor,
    createdAt: "2026-11-20T10:00:00.000Z",
    month: "2026-11",
    state: "onTrack" as const,
    goalsStillRelevant: true,
  };
  expect(await first.store.repos.entries.create(entry)).toBe("created");
  const entriesBefore = (await first.store.repos.entries.listForCase(DEMO.corpsId, active.id)).length;
  const casesBefore = (await first.store.repos.cases.list(DEMO.corpsId)).length;
  await first.close();

  const second = await startTestApp({ dataDir });
  try {
    const after = await second.store.repos.cases.get(DEMO.corpsId, active.id);
    expect(after?.doc.goalForm.working).toBe("Skrevet før genstart");
    expect(after?.doc.version).toBe(2);
    expect(await second.store.repos.entries.get(DEMO.corpsId, "entry-before-restart")).toEqual(entry);
    expect(await second.store.repos.entries.listForCase(DEMO.corpsId, active.id)).toHaveLength(entriesBefore);
    // the demo is not seeded twice
    expect(await second.store.repos.cases.list(DEMO.corpsId)).toHaveLength(casesBefore);
    expect((await second.store.repos.members.list(DEMO.corpsId)).length).toBe(9);
  } finally {
    await second.close();
  }
});

test("a write on a connection that sat idle for about five seconds goes through (the SDK never retries a write)", async () => {
  // Seen once in CI: a job's second mark, made after Teams' own retries held it ~5 s, failed with ECONNRESET — Node's
  // server closed the idle keep-alive connection just as the client sent on it. Writers spread over the moment
  // Node's default keep-alive timeout (5 s) would end their connections: before the fix, some of 200 failed.
  const store = await startEmbeddedCosmos({ dataDir: tempDataDir() });
  try {
    const connect = () => new CosmosClient({ endpoint: store.endpoint, key: store.key, connectionPolicy: { enableEndpointDiscovery: false } });
    const { database } = await connect().databases.createIfNotExists({ id: "idle" });
    const { container } = await database.containers.createIfNotExists({ id: "writes", partitionKey: "/pk" });
    const writers = Array.from({ length: 200 }, () => connect().database("idle").container(container.id));
    await Promise.all(writers.map((w, i) => w.items.upsert({ id: `w${i}`, pk: "p", n: 0 })));
    const outcomes = await Promise.all(
      writers.map(async (w, i) => {
        await new Promise((r) => setTimeout(r, 4_900 + i)); // 4.9 s … 5.1 s idle
        const busy = Date.now();
        while (Date.now() - busy < 5); // a loaded event loop, as on a 2-core CI machine
        return w.items.upsert({ id: `w${i}`, pk: "p", n: 1 }).then(() => "ok", (e: { code?: unknown }) => String(e.code));
      }),
    );
    expect(outcomes.filter((o) => o !== "ok")).toEqual([]);
  } finally {
    await store.close();
  }
}, 60_000);

test("a query sent for one partition reads only that partition, as in Azure, and follows every write and a restart", async () => {
  const dataDir = tempDataDir();
  const open = async () => {
    const store = await startEmbeddedCosmos({ dataDir });
    const client = new CosmosClient({ endpoint: store.endpoint, key: store.key, connectionPolicy: { enableEndpointDiscovery: false } });
    const { database } = await client.databases.createIfNotExists({ id: "scoped" });
    const { container } = await database.containers.createIfNotExists({ id: "docs", partitionKey: "/corpsId" });
    // No filter on the partition key: only the partition given may answer (and in pages of two).
    const ids = async (corpsId: string) =>
      (await container.items.query<{ id: string }>("SELECT c.id FROM c WHERE c.n >= 0 ORDER BY c.id", { partitionKey: corpsId, maxItemCount: 2 }).fetchAll()).resources.map((r) => r.id);
    return { store, container, ids };
  };
  let { store, container, ids } = await open();
  try {
    for (let i = 0; i < 5; i++) await container.items.create({ id: `a${i}`, corpsId: "A", n: i });
    await container.items.create({ id: "b0", corpsId: "B", n: 0 });
    expect(await ids("A")).toEqual(["a0", "a1", "a2", "a3", "a4"]);
    expect(await ids("B")).toEqual(["b0"]);
    expect(await ids("C")).toEqual([]);
    // Every kind of write after the first query.
    await container.items.create({ id: "c0", corpsId: "C", n: 0 });
    await container.items.upsert({ id: "b1", corpsId: "B", n: 1 });
    await container.items.upsert({ id: "b0", corpsId: "B", n: -1 }); // replaced: now filtered out
    await container.item("a1", "A").replace({ id: "a1", corpsId: "A", n: -5 });
    await container.item("a2", "A").patch([{ op: "set", path: "/n", value: -2 }]);
    await container.item("a3", "A").delete();
    expect(await ids("A")).toEqual(["a0", "a4"]);
    expect(await ids("B")).toEqual(["b1"]);
    expect(await ids("C")).toEqual(["c0"]);
    // Across partitions, as before.
    const all = await container.items.query<number>("SELECT VALUE COUNT(1) FROM c").fetchAll();
    expect(all.resources).toEqual([7]);
    await store.close();
    ({ store, container, ids } = await open());
    expect(await ids("A")).toEqual(["a0", "a4"]);
    await container.items.create({ id: "a5", corpsId: "A", n: 5 });
    expect(await ids("A")).toEqual(["a0", "a4", "a5"]);
  } finally {
    await store.close();
  }
});

describe("on one running store", () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app?.close());

  test("a case changed by someone else since it was read is not overwritten: the change is applied on top", async () => {
    const [c] = await app.store.repos.cases.list(DEMO.corpsId);
    const a = await app.store.repos.cases.get(DEMO.corpsId, c.id);
    const b = await app.store.repos.cases.get(DEMO.corpsId, c.id);
    await app.store.repos.cases.update(DEMO.corpsId, c.id, (x) => ({ ...x, version: x.version + 1 }), a!);
    const { before, after } = await app.store.repos.cases.update(DEMO.corpsId, c.id, (x) => ({ ...x, status: "closing" }), b!);
    expect(before.version).toBe(c.version + 1); // re-read after the conflict
    const stored = (await app.store.repos.cases.get(DEMO.corpsId, c.id))!.doc;
    expect(stored).toEqual(after);
    expect(stored).toMatchObject({ version: c.version + 1, status: "closing" });
  });

  test("writing the same entry twice stores it once", async () => {
    const [c] = await app.store.repos.cases.list(DEMO.corpsId);
    const entry = {
      type: "statusCheckIn" as const,
      id: "entry-twice",
      corpsId: DEMO.corpsId,
      caseId: c.id,
      authorId: DEMO.mentor,
      createdAt: "2026-11-20T10:00:00.000Z",
      month: "2026-11",
      state: "stalled" as const,
      goalsStillRelevant: false,
    };
    expect(await app.store.repos.entries.create(entry)).toBe("created");
    expect(await app.store.repos.entries.create({ ...entry, state: "onTrack" })).toBe("duplicate");
    expect(await app.store.repos.entries.get(DEMO.corpsId, "entry-twice")).toMatchObject({ state: "stalled" });
  });

  test("one corps' partition never answers for another corps", async () => {
    const [c] = await app.store.repos.cases.list(DEMO.corpsId);
    expect(await app.store.repos.cases.get("another-corps", c.id)).toBeUndefined();
    expect(await app.store.repos.cases.list("another-corps")).toEqual([]);
  });
});
