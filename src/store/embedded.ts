// The embedded Cosmos-compatible server for local runs and tests (@vercel/cosmosdb-server), on loopback.
//
// The server keeps everything in memory. To make a restart keep the data, we snapshot every database,
// container definition and document to DATA_DIR/cosmos-snapshot.json shortly after each write (debounced)
// and on close, and restore the snapshot into the fresh server at start — through @azure/cosmos, the
// same client production uses. Limits (docs/data-model.md): a hard kill can lose the writes of the last
// debounce window (≤ 1 s); documents get new _etag/_ts values after a restore; the whole store is
// rewritten each time, which is fine for a developer's data (thousands of documents), not for millions.
import { CosmosClient } from "@azure/cosmos";
import type { Server } from "node:http";
import { promises as fs } from "node:fs";
import path from "node:path";

const SNAPSHOT_FILE = "cosmos-snapshot.json";
const SNAPSHOT_HEADER = "x-loft-snapshot";
const DEBOUNCE_MS = 100;
const MAX_WAIT_MS = 1000;

interface Snapshot {
  format: 1;
  databases: Array<{
    id: string;
    containers: Array<{ id: string; partitionKey: unknown; documents: Array<Record<string, unknown>> }>;
  }>;
}

export interface EmbeddedCosmos {
  endpoint: string;
  key: string;
  /** Write the snapshot now (waits for one under way). */
  flush(): Promise<void>;
  /** Flush, then stop the server. */
  close(): Promise<void>;
  /** The app's requests so far, without the snapshot's own (benchmarks count store round trips with it). */
  requestCount(): number;
}

const SYSTEM_PROPS = new Set(["_rid", "_self", "_etag", "_ts", "_attachments"]);

function stripSystem(doc: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) if (!SYSTEM_PROPS.has(k)) out[k] = v;
  return out;
}

async function takeSnapshot(client: CosmosClient): Promise<Snapshot> {
  const snapshot: Snapshot = { format: 1, databases: [] };
  const { resources: dbs } = await client.databases.readAll().fetchAll();
  for (const db of dbs) {
    const database = client.database(db.id);
    const { resources: containers } = await database.containers.readAll().fetchAll();
    const entry: Snapshot["databases"][number] = { id: db.id, containers: [] };
    for (const c of containers) {
      const { resources } = await database.container(c.id).items.query("SELECT * FROM c").fetchAll();
      entry.containers.push({ id: c.id, partitionKey: c.partitionKey, documents: resources.map(stripSystem) });
    }
    snapshot.databases.push(entry);
  }
  return snapshot;
}

async function restoreSnapshot(client: CosmosClient, snapshot: Snapshot): Promise<void> {
  for (const db of snapshot.databases) {
    const { database } = await client.databases.createIfNotExists({ id: db.id });
    for (const c of db.containers) {
      const { container } = await database.containers.createIfNotExists({
        id: c.id,
        partitionKey: c.partitionKey as { paths: string[] },
      });
      for (const doc of c.documents) await container.items.upsert(doc);
    }
  }
}

function isWrite(method: string | undefined, headers: Record<string, unknown>): boolean {
  if (method === "GET" || method === "HEAD") return false;
  if (method === "POST" && headers["x-ms-documentdb-isquery"] !== undefined) return false;
  return true;
}

export async function startEmbeddedCosmos(opts: {
  dataDir: string;
  port?: number;
  onSnapshotError?: (e: unknown) => void;
}): Promise<EmbeddedCosmos> {
  // Loaded only here: the embedded server is a dependency of local mode, not of production.
  const { createHttpServer } = await import("@vercel/cosmosdb-server");
  const server: Server = createHttpServer({ keepAlive: true } as never);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("embedded store: no address");
  const endpoint = `http://127.0.0.1:${address.port}`;
  const key = "embedded-local-key";
  // The snapshot's own client marks its requests, so counts of the app's round trips leave them out.
  const client = new CosmosClient({
    endpoint,
    key,
    connectionPolicy: { enableEndpointDiscovery: false },
    defaultHeaders: { [SNAPSHOT_HEADER]: "1" },
  });

  await fs.mkdir(opts.dataDir, { recursive: true });
  const file = path.join(opts.dataDir, SNAPSHOT_FILE);
  const existing = await fs.readFile(file, "utf8").catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT") return undefined;
    throw e;
  });
  if (existing !== undefined) await restoreSnapshot(client, JSON.parse(existing) as Snapshot);

  let dirty = false;
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let firstDirtyAt = 0;

  const write = async (): Promise<void> => {
    dirty = false;
    try {
      const snapshot = await takeSnapshot(client);
      const tmp = `${file}.${process.pid}.tmp`;
      await fs.writeFile(tmp, JSON.stringify(snapshot));
      await fs.rename(tmp, file);
    } catch (e) {
      dirty = true; // try again with the next write or at close
      throw e;
    }
  };

  const flush = async (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    while (running) await running;
    if (!dirty) return;
    running = write().finally(() => {
      running = undefined;
    });
    await running;
  };

  const schedule = () => {
    const now = Date.now();
    if (!dirty) firstDirtyAt = now;
    dirty = true;
    if (timer) clearTimeout(timer);
    const wait = Math.max(0, Math.min(DEBOUNCE_MS, firstDirtyAt + MAX_WAIT_MS - now));
    timer = setTimeout(() => void flush().catch((e) => opts.onSnapshotError?.(e)), wait);
  };

  // A second listener that only looks at the method: the server's own handler answers the request.
  let requests = 0;
  server.on("request", (req) => {
    if (req.headers[SNAPSHOT_HEADER] === undefined) requests++;
    if (isWrite(req.method, req.headers)) schedule();
  });

  return {
    endpoint,
    key,
    flush,
    requestCount: () => requests,
    async close() {
      await flush();
      client.dispose();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
