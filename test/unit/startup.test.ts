// A configured Cosmos DB that cannot be reached at start: Løft waits and tries again (backing off) instead of
// exiting; a fault that will not pass (no access) fails at once; after STORE_WAIT_SECONDS it gives up.
import { openStoreWaiting, transientStoreFault } from "../../src/app";
import { loadConfig } from "../../src/config";
import { createLogger } from "../../src/log";
import type { Store } from "../../src/store";

const log = createLogger("silent");
const azure = loadConfig({ COSMOS_ENDPOINT: "https://loft.documents.azure.com:443/", STORE_WAIT_SECONDS: "300" });
const refused = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });

function fakeTime() {
  let t = 0;
  const waits: number[] = [];
  return { now: () => t, sleep: async (ms: number) => void (waits.push(ms), (t += ms)), waits };
}

test("unreachable, then reachable: it waits with growing pauses and opens", async () => {
  const time = fakeTime();
  let tries = 0;
  const store = { kind: "azure" } as Store;
  const got = await openStoreWaiting(azure, log, { ...time, open: async () => (++tries < 4 ? Promise.reject(refused) : store) });
  expect(got).toBe(store);
  expect(time.waits).toEqual([1000, 2000, 4000]);
});

test("a fault that will not pass (401, no access) fails at once; a passing one only until the wait is over", async () => {
  const time = fakeTime();
  const denied = Object.assign(new Error("Unauthorized"), { code: 401 });
  await expect(openStoreWaiting(azure, log, { ...time, open: async () => Promise.reject(denied) })).rejects.toBe(denied);
  expect(time.waits).toEqual([]);
  await expect(openStoreWaiting(azure, log, { ...time, open: async () => Promise.reject(refused) })).rejects.toBe(refused);
  expect(time.waits.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(300_000);
  expect(Math.max(...time.waits)).toBe(30_000);
});

test("the embedded store is ours: no waiting", async () => {
  const time = fakeTime();
  await expect(openStoreWaiting(loadConfig({}), log, { ...time, open: async () => Promise.reject(refused) })).rejects.toBe(refused);
  expect(time.waits).toEqual([]);
});

test("which faults pass", () => {
  for (const f of [refused, { code: "ETIMEDOUT" }, { statusCode: 503 }, { code: 429 }, { cause: { code: "ECONNRESET" } }]) expect(transientStoreFault(f)).toBe(true);
  for (const f of [{ code: 401 }, { statusCode: 403 }, new Error("bad key"), undefined]) expect(transientStoreFault(f)).toBe(false);
});

test("a container missing under Entra-only access (403 on create): start-up says which, and that provisioning makes it", async () => {
  const { ensureContainers, StoreNotProvisioned } = await import("../../src/store/containers");
  const created: string[] = [];
  const client = {
    databases: {
      createIfNotExists: async () => ({
        database: {
          containers: {
            createIfNotExists: async ({ id }: { id: string }) => {
              if (id === "access") throw Object.assign(new Error("Forbidden"), { code: 403 });
              created.push(id);
              return { container: { id } };
            },
          },
        },
      }),
    },
  };
  const failed = await ensureContainers(client as never, "loft").catch((e: Error) => e);
  expect(failed).toBeInstanceOf(StoreNotProvisioned);
  expect((failed as Error).message).toBe('the container "access" is missing in Cosmos DB and this identity may not create it — provision it (infra/azure.bicep, docs/deploy.md)');
  // A refusal that is not about creating (the store down) is passed on as it is.
  const down = Object.assign(new Error("unavailable"), { code: 503 });
  client.databases.createIfNotExists = async () => Promise.reject(down);
  await expect(ensureContainers(client as never, "loft")).rejects.toBe(down);
});
