// The embedded Cosmos-compatible server for local runs and tests, on loopback.
//
// @vercel/cosmosdb-server keeps everything in memory. We serve its account and routes from our own request
// handler so that a write is answered only once it is durable: the written document's new state is appended
// to an fsynced journal (journal.ts) before the response leaves. A store that cannot persist (disk full)
// refuses writes with 507 until it can again, and says so in health(). Reads never touch the disk, so an
// idle app writes nothing. Start-up loads the journal straight into the account (no HTTP round trips).
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import http from "node:http";
import { randomUUID } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import { CompactionAborted, openJournal, readFolder, type JournalRecord, type StoreDamaged } from "./journal";
import { inPartition, installFastQueries } from "./embedded-query";

export interface EmbeddedCosmos {
  endpoint: string;
  key: string;
  /** The data folder held no document when the store opened: the demo corps may be seeded only into such a one. */
  fresh: boolean;
  /** Whether writes are durable now; when they were not, first tries (at most once a second) to persist again. */
  health(): Promise<{ ok: boolean; error?: string }>;
  /** Rewrites the journal as one snapshot now (also done in the background as the journal grows). */
  compact(): Promise<void>;
  close(): Promise<void>;
  /** Requests answered so far (benchmarks count store round trips with it). */
  requestCount(): number;
}

/** The previous format (a whole-store JSON snapshot); read once and carried over into the journal. */
const LEGACY_SNAPSHOT = "cosmos-snapshot.json";
const SYSTEM_PROPS = new Set(["_rid", "_self", "_etag", "_ts", "_attachments", "_docs", "_sprocs", "_triggers", "_udfs", "_conflicts", "_colls", "_users"]);
/** After a failed write, how long writes are refused before trying to persist again. */
const RETRY_PERSIST_MS = 1000;
/** How long a request waits for memory to be read again from disk before it is answered 503. */
const REBUILD_WAIT_MS = 5000;
const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

type Doc = Record<string, unknown>;
const isTrue = (header: string | string[] | undefined) => typeof header === "string" && header.toLowerCase() === "true";
/** A plan for a query in one range that needs nothing of the client (the SDK reads it only after a refusal). */
const QUERY_PLAN: Doc = {
  partitionedQueryExecutionInfoVersion: 2,
  queryInfo: {
    distinctType: "None",
    top: null,
    offset: null,
    limit: null,
    orderBy: [],
    orderByExpressions: [],
    groupByExpressions: [],
    groupByAliases: [],
    aggregates: [],
    groupByAliasToAggregateType: {},
    rewrittenQuery: "",
    hasSelectValue: false,
    hasNonStreamingOrderBy: false,
  },
  queryRanges: [{ min: "", max: "FF", isMinInclusive: true, isMaxInclusive: false }],
};
const stripSystem = (doc: Doc): Doc => Object.fromEntries(Object.entries(doc).filter(([k]) => !SYSTEM_PROPS.has(k)));

// The library's account model, typed as far as we use it.
interface Items<I> {
  _data: Map<string, I>;
  create(data: Doc): Doc;
  upsert(data: Doc): Doc;
  delete(id: string, partition: unknown): void;
  _getPartition(data: Doc): unknown;
}
interface ItemObject {
  read(): Doc | undefined;
}
interface CollectionObject extends ItemObject {
  documents: Items<ItemObject>;
  document(id: string, partition: unknown): ItemObject;
}
interface DatabaseObject extends ItemObject {
  collections: Items<CollectionObject>;
  collection(id: string): CollectionObject;
}
interface AccountObject {
  databases: Items<DatabaseObject>;
  database(id: string): DatabaseObject;
}
type Handler = (account: AccountObject, req: IncomingMessage, res: ServerResponse, params: Record<string, string>) => unknown;

/** What a write route changes, so its new state can be journaled. */
type WriteKind = "database" | "collection" | "document" | "unsupported";

async function loadLibrary() {
  // Loaded only here: the embedded server is a dependency of local mode, not of production.
  const lib = "@vercel/cosmosdb-server/lib";
  installFastQueries(path.dirname(require.resolve("@vercel/cosmosdb-server/package.json")));
  const h = (name: string): Handler => require(`${lib}/handler/${name}`).default;
  const kinds = new Map<Handler, WriteKind>([
    [h("create-database"), "database"],
    [h("delete-database"), "database"],
    [h("create-collection"), "collection"],
    [h("replace-collection"), "collection"],
    [h("delete-collection"), "collection"],
    [h("create-document"), "document"],
    [h("upsert-document"), "document"],
    [h("replace-document"), "document"],
    [h("patch-document"), "document"],
    [h("delete-document"), "document"],
    // Not used by Løft; refused rather than half supported (batches are not atomic there, UDFs not journaled).
    [h("batch-documents"), "unsupported"],
    [h("create-user-defined-function"), "unsupported"],
    [h("upsert-user-defined-function"), "unsupported"],
    [h("replace-user-defined-function"), "unsupported"],
    [h("delete-user-defined-function"), "unsupported"],
  ]);
  const Account = require(`${lib}/account`).default as new (host: string, port: number) => AccountObject;
  const routes = require(`${lib}/routes`).default as (req: IncomingMessage) => [Record<string, string>, Handler] | undefined;
  const { parsePartitionKey } = require(`${lib}/utils/get-partition-from-header`) as { parsePartitionKey: (h: string, d: unknown) => unknown };
  return { Account, routes, kinds, parsePartitionKey };
}

// ── Journal records: the new state of what a write touched ──────────────────────────────────────
// {op:"db", db, exists}  {op:"coll", db, coll, def?}  {op:"doc", db, coll, id, pk, doc?}  (absent = deleted)

function applyRecord(account: AccountObject, r: JournalRecord): void {
  const db = String(r.db);
  if (r.op === "db") {
    const exists = account.database(db).read();
    if (r.exists && !exists) account.databases.create({ id: db });
    if (!r.exists && exists) account.databases.delete(db, db);
    return;
  }
  const database = account.database(db);
  if (!database.read()) account.databases.create({ id: db });
  const coll = String(r.coll);
  if (r.op === "coll") {
    const exists = database.collection(coll).read();
    if (exists) database.collections.delete(coll, coll);
    if (r.def) database.collections.create(r.def as Doc);
    return;
  }
  if (r.op === "doc") {
    const collection = database.collection(coll);
    if (!collection.read()) throw new Error(`journal: document for unknown container ${db}/${coll}`);
    if (r.doc) collection.documents.upsert(r.doc as Doc);
    else if (collection.document(String(r.id), r.pk).read()) collection.documents.delete(String(r.id), r.pk);
    return;
  }
  throw new Error(`journal: unknown record ${String(r.op)}`);
}

/** The whole state as records (a compaction's snapshot). */
function* dumpAccount(account: AccountObject): Iterable<JournalRecord> {
  for (const dbItem of account.databases._data.values()) {
    const db = dbItem.read();
    if (!db) continue;
    const database = account.database(String(db.id));
    yield { op: "db", db: db.id, exists: true };
    for (const collItem of database.collections._data.values()) {
      const def = collItem.read();
      if (!def) continue;
      yield { op: "coll", db: db.id, coll: def.id, def: stripSystem(def) };
      const collection = database.collection(String(def.id));
      for (const item of collection.documents._data.values()) {
        const doc = item.read();
        if (doc) yield { op: "doc", db: db.id, coll: def.id, id: doc.id, pk: collection.documents._getPartition(doc), doc: stripSystem(doc) };
      }
    }
  }
}

/** Reads the previous whole-store snapshot format into the account; true if there was one. */
async function loadLegacy(account: AccountObject, file: string): Promise<boolean> {
  const text = await fs.readFile(file, "utf8").catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT") return undefined;
    throw e;
  });
  if (text === undefined) return false;
  const legacy = JSON.parse(text) as {
    databases: Array<{ id: string; containers: Array<{ id: string; partitionKey: unknown; documents: Doc[] }> }>;
  };
  for (const db of legacy.databases) {
    applyRecord(account, { op: "db", db: db.id, exists: true });
    for (const c of db.containers) {
      applyRecord(account, { op: "coll", db: db.id, coll: c.id, def: { id: c.id, partitionKey: c.partitionKey } });
      for (const doc of c.documents) applyRecord(account, { op: "doc", db: db.id, coll: c.id, doc });
    }
  }
  return true;
}

export async function startEmbeddedCosmos(opts: {
  dataDir: string;
  port?: number;
  onEvent?: (event: string, detail: Record<string, unknown>) => void;
}): Promise<EmbeddedCosmos> {
  const { Account, routes, kinds, parsePartitionKey } = await loadLibrary();
  const onEvent = opts.onEvent ?? (() => undefined);
  // The account's host and port only appear in its metadata (the SDK is told not to use them).
  let account = new Account("127.0.0.1", 0);
  let documentsRead = 0;
  const load = (into: AccountObject) => (r: JournalRecord) => {
    if (r.op === "doc" && r.doc) documentsRead++;
    applyRecord(into, r);
  };

  const legacyFile = path.join(opts.dataDir, LEGACY_SNAPSHOT);
  const journal = await openJournal(opts.dataDir, load(account), {
    onTornRecord: (segment) => onEvent("store.journal.tornRecord", { segment }),
  });
  const legacy = await loadLegacy(account, legacyFile);
  if (legacy) documentsRead++;
  /** The folder never held a document: the only kind of folder the demo corps may be seeded into. */
  const fresh = documentsRead === 0;
  if (legacy || journal.legacy) {
    // An older format: rewritten at once as a snapshot that proves itself.
    await journal.compact(() => dumpAccount(account));
    await fs.rm(legacyFile, { force: true });
    onEvent("store.journal.migrated", {});
  }

  // Memory must never hold what the disk does not: a write applied in memory whose record could not be made durable
  // is answered 507, and the whole account is read again from disk before anything more is served (reads included:
  // they could see the refused write). `epoch` counts those failures, so a compaction that dumped memory while one
  // happened is discarded.
  let epoch = 0;
  let rebuilding: Promise<void> | undefined;
  /** Writes applied (or being applied) in memory whose records are not confirmed yet. */
  const unconfirmed = new Set<Promise<unknown>>();

  function diverged(error: string) {
    epoch++;
    onEvent("store.persist.failed", { error });
    if (rebuilding) return;
    rebuilding = (async () => {
      for (;;) {
        await Promise.allSettled([...unconfirmed]);
        try {
          const reloaded = new Account("127.0.0.1", 0);
          await journal.replay((r) => applyRecord(reloaded, r));
          account = reloaded;
          onEvent("store.memory.reloaded", {});
          return;
        } catch (e) {
          // The refused bytes could not be cut off the journal yet (or the disk cannot be read): try again shortly.
          onEvent("store.persist.failed", { error: (e as Error).message });
          await delay(RETRY_PERSIST_MS);
        }
      }
    })().finally(() => (rebuilding = undefined));
  }

  let lastPersistAttempt = 0;
  /** Before a write: can we persist? After a failure, try (at most once a second) whether the disk takes writes again. */
  async function canPersist(): Promise<boolean> {
    if (journal.healthy) return true;
    const now = Date.now();
    if (now - lastPersistAttempt < RETRY_PERSIST_MS) return false;
    lastPersistAttempt = now;
    if (!(await journal.recover())) return false;
    onEvent("store.persist.recovered", {});
    return true;
  }

  /** Compacts; a dump that may hold a write which is then refused is discarded (the next compaction tries again). */
  function compact(): Promise<void> {
    const startEpoch = epoch;
    const beforeCommit = async () => {
      // Everything the dump may hold must be durable: wait for the writes under way, and give up if one failed.
      await Promise.allSettled([...unconfirmed]);
      return epoch === startEpoch && !rebuilding;
    };
    return journal.compact(() => dumpAccount(account), beforeCommit);
  }

  function maybeCompact() {
    if (!journal.compactionDue() || rebuilding) return;
    compact().then(
      () => onEvent("store.journal.compacted", {}),
      (e: Error) => onEvent(e instanceof CompactionAborted ? "store.journal.compactionAborted" : "store.compaction.failed", { error: e.message }),
    );
  }

  /** The new state of what a successful write touched, read now (after the write): replay converges on it. */
  function recordFor(kind: WriteKind, params: Record<string, string>, req: IncomingMessage, body: Doc | undefined): JournalRecord {
    const db = params.dbId ?? String(body?.id);
    if (kind === "database") return { op: "db", db, exists: !!account.database(db).read() };
    const database = account.database(db);
    if (kind === "collection") {
      const coll = params.collId ?? String(body?.id);
      const def = database.collection(coll).read();
      return { op: "coll", db, coll, ...(def ? { def: stripSystem(def) } : {}) };
    }
    const collection = database.collection(params.collId);
    const id = params.docId ?? String(body?.id);
    const pk =
      body?.id !== undefined
        ? collection.documents._getPartition(body)
        : parsePartitionKey(String(req.headers["x-ms-documentdb-partitionkey"] ?? "[]"), undefined);
    const doc = collection.document(id, pk).read();
    return { op: "doc", db, coll: params.collId, id, pk, ...(doc ? { doc: stripSystem(doc) } : {}) };
  }

  const unavailable = (why: string) => ({ status: 507, body: { code: "InsufficientStorage", message: `the embedded store cannot persist (${why})` } as Doc });

  let requests = 0;
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<{ status: number; body: Doc }> {
    requests++;
    // While memory is read again from disk, requests wait for it (a small store takes milliseconds), for a while.
    if (rebuilding && !(await Promise.race([rebuilding.then(() => true), delay(REBUILD_WAIT_MS).then(() => false)]))) {
      return { status: 503, body: { code: "ServiceUnavailable", message: "the embedded store is reloading from disk" } };
    }
    const route = routes(req);
    if (!route) return { status: 400, body: { message: "no route" } };
    const [params, handler] = route;
    const kind = kinds.get(handler);
    if (kind === "unsupported") return { status: 501, body: { code: "NotImplemented", message: "not supported by the embedded store" } };
    if (!kind) {
      // The SDK asks for a query plan beside each query and uses it only when a query is refused as needing one,
      // which this server never does: answered without running the query (the library would run it in full).
      if (isTrue(req.headers["x-ms-cosmos-is-query-plan-request"])) return { status: 200, body: QUERY_PLAN };
      // A query sent for one partition reads only that partition, as in Azure Cosmos DB.
      const partition = isTrue(req.headers["x-ms-documentdb-isquery"]) ? req.headers["x-ms-documentdb-partitionkey"] : undefined;
      const run = () => handler(account, req, res, params);
      const body = ((await (typeof partition === "string" ? inPartition(parsePartitionKey(partition, undefined), run) : run())) ?? {}) as Doc;
      return { status: res.statusCode, body };
    }
    if (!(await canPersist())) return unavailable(journal.lastError ?? "unavailable");
    let done!: () => void;
    const settled = new Promise<void>((r) => (done = r));
    unconfirmed.add(settled);
    try {
      const body = ((await handler(account, req, res, params)) ?? {}) as Doc;
      const status = res.statusCode;
      if (status >= 300) return { status, body };
      try {
        await journal.append([recordFor(kind, params, req, body)]);
      } catch (e) {
        diverged((e as Error).message);
        return unavailable(journal.lastError ?? (e as Error).message);
      }
      maybeCompact();
      return { status, body };
    } finally {
      unconfirmed.delete(settled);
      done();
    }
  }

  const server: Server = http.createServer((req, res) => {
    handle(req, res)
      .catch((err: Error) => {
        onEvent("store.embedded.error", { error: err.message });
        return { status: 500, body: { message: err.message } as Doc };
      })
      .then(({ status, body }) => {
        if (status > 399 && body.message === undefined) body.message = "";
        res.statusCode = status;
        if (typeof body._etag === "string") res.setHeader("etag", body._etag);
        res.setHeader("content-type", "application/json");
        res.setHeader("content-location", `http://${req.headers.host}${req.url}`);
        res.setHeader("x-ms-activity-id", randomUUID());
        res.setHeader("x-ms-request-charge", "1");
        res.end(JSON.stringify(body));
      });
  });
  // The only client is this process's @azure/cosmos, over loopback. Node closes a keep-alive connection idle for 5 s by
  // default, and a write the client sends on that socket at that moment fails with ECONNRESET (the SDK retries reads,
  // never writes): measured with writes after ~5 s of idle, e.g. a job's second mark after Teams' retries. Idle
  // connections are kept instead; they cost nothing while the app rests, and close() ends them.
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("embedded store: no address");

  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    key: "embedded-local-key",
    fresh,
    health: async () => (!rebuilding && (await canPersist()) ? { ok: true } : { ok: false, error: rebuilding ? "reloading" : journal.lastError }),
    compact,
    requestCount: () => requests,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await journal.close();
    },
  };
}

/** What `npm run store:check` found in a data folder. */
export interface FolderCheck {
  records: number;
  documents: number;
  problems: StoreDamaged[];
}

/** Reads a data folder as start-up would, but lists every problem instead of stopping at the first. Changes nothing. */
export async function checkFolder(dataDir: string): Promise<FolderCheck> {
  const { Account } = await loadLibrary();
  const account = new Account("127.0.0.1", 0);
  const found = await readFolder(dataDir, (r) => applyRecord(account, r), "salvage");
  let documents = 0;
  for (const r of dumpAccount(account)) if (r.op === "doc") documents++;
  return { records: found.records, documents, problems: found.problems };
}

/**
 * Keeps what proves itself and starts the folder again from it: every record that verifies is applied in order, the
 * old files are moved (not deleted) to `damaged-{time}/` in the folder, and the state is written as a new snapshot.
 */
export async function salvageFolder(dataDir: string, now: Date): Promise<FolderCheck & { movedTo: string }> {
  const check = await checkFolder(dataDir);
  const { Account } = await loadLibrary();
  const account = new Account("127.0.0.1", 0);
  await readFolder(dataDir, (r) => applyRecord(account, r), "salvage");
  const movedTo = path.join(dataDir, `damaged-${now.toISOString().replace(/[:.]/g, "-")}`);
  await fs.mkdir(movedTo);
  for (const name of await fs.readdir(dataDir)) {
    if (name === "snapshot.jsonl" || name === LEGACY_SNAPSHOT || /^journal-\d{8}\.jsonl$/.test(name)) await fs.rename(path.join(dataDir, name), path.join(movedTo, name));
  }
  const journal = await openJournal(dataDir, () => undefined);
  await journal.compact(() => dumpAccount(account));
  await journal.close();
  return { ...check, movedTo };
}
