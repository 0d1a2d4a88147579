// A small HTTP proxy between @azure/cosmos and an embedded store, on loopback, that answers as the real Cosmos DB does
// when it is busy or failing: 429 with `x-ms-retry-after-ms` (and `x-ms-substatus` 3200, "request rate is large"), 503,
// 408, a connection reset, or the real answer only after a delay. Everything passes through untouched unless a test
// programs a fault, by request kind and container, for the next N matching requests. Every request is recorded with
// what it cost (`x-ms-request-charge` as the store reported it), its bytes, and its continuation headers.
//
// The app's Azure path (COSMOS_ENDPOINT + COSMOS_KEY) runs against it with its production settings, endpoint discovery
// included: the SDK reads the account document (GET /) and sends its requests to the endpoints listed there. The
// embedded server lists https://127.0.0.1:0/, so the proxy rewrites the account's locations to itself — as the Cosmos
// DB emulator lists its own address — and every request keeps coming through here.
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";

/** What a request to Cosmos DB is (STACK-NOTES: the query plan is a POST with `x-ms-cosmos-is-query-plan-request`). */
export type RequestKind = "read" | "query" | "query-plan" | "write" | "metadata";

export type Fault =
  /** Throttled: the SDK waits `retryAfterMs` and tries again (up to its limits). Nothing was done. */
  | { status: 429; retryAfterMs: number; substatus?: number }
  /**
   * An error status. `applied`: the request reached the store and was done there, but the client is told it failed
   * (a write that timed out after it was committed); otherwise the store never sees it.
   */
  | { status: 408 | 410 | 449 | 500 | 503; substatus?: number; applied?: boolean }
  /** The real answer, `delayMs` later (the store has done the work; a client that gives up first does not know). */
  | { delayMs: number }
  /** The connection is cut: `applied` as above. */
  | { reset: true; applied?: boolean };

export interface FaultRule {
  /** Which kinds of request (default: every data request — read, query, query-plan, write). */
  kind?: RequestKind | RequestKind[];
  /** Which container (its id), or any. */
  container?: string;
  /** Also required of a matching request (e.g. the method or a document id in the path). */
  where?: (r: { method: string; path: string; kind: RequestKind; container?: string }) => boolean;
  /** Let this many matching requests through first. */
  skip?: number;
  /** For how many matching requests (after `skip`); default 1. Infinity: until cleared. */
  times?: number;
  fault: Fault;
}

export interface ProxiedRequest {
  seq: number;
  method: string;
  path: string;
  kind: RequestKind;
  container?: string;
  /** The status the client got. */
  status: number;
  /** The fault answered instead of (or, for a delay or `applied`, besides) the store's answer. */
  fault?: string;
  /** `x-ms-request-charge` of the store's answer; undefined when the store never saw the request. */
  charge?: number;
  requestBytes: number;
  responseBytes: number;
  /** The continuation token the client sent (`x-ms-continuation`): a page after the first. */
  continuationSent?: string;
  /** The continuation token the store answered with: another page follows. */
  continuationReturned?: string;
  /** `x-ms-max-item-count` the client asked for. */
  maxItemCount?: number;
}

export interface CosmosFaultProxy {
  /** The endpoint to give the SDK (COSMOS_ENDPOINT). */
  endpoint: string;
  /** Every request so far, in arrival order (recorded when answered). */
  requests: ProxiedRequest[];
  /** Programs a fault; returns a handle to see how often it fired, or to remove it. */
  fault(rule: FaultRule): { fired(): number; remove(): void };
  /** Removes every fault. */
  clear(): void;
  /** Forgets the recorded requests. */
  reset(): void;
  close(): Promise<void>;
}

const DATA_KINDS: RequestKind[] = ["read", "query", "query-plan", "write"];
const DOCS = /^\/dbs\/([^/]+)\/colls\/([^/]+)\/docs(?:\/([^/?]+))?\/?(?:\?.*)?$/;
const COLL = /^\/dbs\/[^/]+\/colls\/([^/?]+)/;

/** Classifies a request as Cosmos DB's REST API shapes it. */
export function classify(method: string, path: string, headers: IncomingMessage["headers"]): { kind: RequestKind; container?: string } {
  const docs = DOCS.exec(path);
  if (!docs) {
    const coll = COLL.exec(path)?.[1];
    return coll === undefined ? { kind: "metadata" } : { kind: "metadata", container: decodeURIComponent(coll) };
  }
  const container = decodeURIComponent(docs[2]);
  const one = docs[3] !== undefined;
  if (!one && method === "POST") {
    if (headers["x-ms-cosmos-is-query-plan-request"] !== undefined) return { kind: "query-plan", container };
    if (headers["x-ms-documentdb-isquery"] !== undefined || String(headers["content-type"] ?? "").startsWith("application/query+json")) return { kind: "query", container };
    return { kind: "write", container }; // create or upsert
  }
  if (!one && method === "GET") return { kind: "query", container }; // a read feed
  return { kind: method === "GET" || method === "HEAD" ? "read" : "write", container };
}

const FAULT_BODIES: Record<number, { code: string; message: string; substatus?: number }> = {
  408: { code: "RequestTimeout", message: "Request timed out. (fault injected by the test proxy)" },
  410: { code: "Gone", message: "The requested resource is no longer available at the server. (fault injected by the test proxy)" },
  429: {
    code: "TooManyRequests",
    message: "Request rate is large. More Request Units may be needed, so no changes were made. Please retry this request later. (fault injected by the test proxy)",
    substatus: 3200,
  },
  449: { code: "RetryWith", message: "Conflicting request to resource has been attempted. Retry to avoid conflicts. (fault injected by the test proxy)" },
  500: { code: "InternalServerError", message: "Unknown server error occurred when processing this request. (fault injected by the test proxy)" },
  503: { code: "ServiceUnavailable", message: "Service is currently unavailable. (fault injected by the test proxy)" },
};

const faultName = (f: Fault): string =>
  "delayMs" in f ? `delay ${f.delayMs}ms` : "reset" in f ? `reset${f.applied ? " (applied)" : ""}` : `${f.status}${"applied" in f && f.applied ? " (applied)" : ""}`;

export async function startCosmosFaultProxy(target: string): Promise<CosmosFaultProxy> {
  const upstream = new URL(target);
  if (upstream.protocol !== "http:") throw new Error("the fault proxy forwards plain HTTP to a loopback store only");
  const agent = new http.Agent({ keepAlive: true });
  const requests: ProxiedRequest[] = [];
  const rules: Array<FaultRule & { seen: number; hits: number }> = [];
  let seq = 0;
  let endpoint = "";
  /** Answers held back (a delay fault): closing the proxy lets them go at once. */
  const waiting = new Set<() => void>();

  function matching(method: string, path: string, kind: RequestKind, container: string | undefined): Fault | undefined {
    for (const rule of rules) {
      const kinds = rule.kind === undefined ? DATA_KINDS : Array.isArray(rule.kind) ? rule.kind : [rule.kind];
      if (!kinds.includes(kind)) continue;
      if (rule.container !== undefined && rule.container !== container) continue;
      if (rule.where && !rule.where({ method, path, kind, container })) continue;
      rule.seen++;
      if (rule.seen <= (rule.skip ?? 0)) continue;
      if (rule.hits >= (rule.times ?? 1)) continue;
      rule.hits++;
      return rule.fault;
    }
    return undefined;
  }

  function forward(req: IncomingMessage, body: Buffer): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const out = http.request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host }, agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
          res.on("error", reject);
        },
      );
      out.on("error", reject);
      out.end(body);
    });
  }

  /** The account document, with its read and write locations pointing here. */
  function rewriteAccount(body: Buffer): Buffer {
    const account = JSON.parse(body.toString("utf8")) as Record<string, unknown>;
    for (const key of ["writableLocations", "readableLocations"]) {
      const locations = account[key];
      if (Array.isArray(locations)) for (const l of locations as Array<Record<string, unknown>>) l.databaseAccountEndpoint = `${endpoint}/`;
    }
    return Buffer.from(JSON.stringify(account));
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const method = req.method ?? "GET";
    const path = req.url ?? "/";
    const { kind, container } = classify(method, path, req.headers);
    const fault = matching(method, path, kind, container);
    const record: ProxiedRequest = {
      seq: ++seq,
      method,
      path,
      kind,
      ...(container !== undefined ? { container } : {}),
      status: 0,
      requestBytes: body.length,
      responseBytes: 0,
      ...(req.headers["x-ms-continuation"] ? { continuationSent: String(req.headers["x-ms-continuation"]) } : {}),
      ...(req.headers["x-ms-max-item-count"] ? { maxItemCount: Number(req.headers["x-ms-max-item-count"]) } : {}),
      ...(fault ? { fault: faultName(fault) } : {}),
    };
    const done = () => requests.push(record);

    const reachesStore = !fault || "delayMs" in fault || ("applied" in fault && fault.applied === true);
    let real: Awaited<ReturnType<typeof forward>> | undefined;
    if (reachesStore) {
      real = await forward(req, body);
      const charge = real.headers["x-ms-request-charge"];
      if (charge !== undefined) record.charge = Number(charge);
    }
    if (fault && "reset" in fault) {
      record.status = -1;
      done();
      req.socket.destroy();
      return;
    }
    if (fault && "status" in fault) {
      const known = FAULT_BODIES[fault.status];
      const substatus = fault.substatus ?? known.substatus;
      const payload = Buffer.from(JSON.stringify({ code: known.code, message: known.message }));
      res.statusCode = fault.status;
      res.setHeader("content-type", "application/json");
      res.setHeader("x-ms-activity-id", randomUUID());
      res.setHeader("x-ms-request-charge", "0");
      if (substatus !== undefined) res.setHeader("x-ms-substatus", String(substatus));
      if (fault.status === 429) res.setHeader("x-ms-retry-after-ms", String(fault.retryAfterMs));
      record.status = fault.status;
      record.responseBytes = payload.length;
      done();
      res.end(payload);
      return;
    }
    if (fault && "delayMs" in fault) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          waiting.delete(wake);
          resolve();
        }, fault.delayMs);
        const wake = () => {
          clearTimeout(timer);
          resolve();
        };
        waiting.add(wake);
      });
    }
    let payload = real!.body;
    if (kind === "metadata" && method === "GET" && (path === "/" || path === "") && real!.status === 200) payload = rewriteAccount(payload);
    for (const [name, value] of Object.entries(real!.headers)) {
      if (value === undefined || name === "content-length" || name === "connection" || name === "transfer-encoding" || name === "keep-alive") continue;
      res.setHeader(name, value);
    }
    res.setHeader("content-length", payload.length);
    res.statusCode = real!.status;
    record.status = real!.status;
    record.responseBytes = payload.length;
    const continuation = real!.headers["x-ms-continuation"];
    if (continuation) record.continuationReturned = String(continuation);
    done();
    // A client that gave up (its request timeout) is gone: the answer goes nowhere, which is fine.
    if (!res.destroyed) res.end(payload);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: Error) => {
      if (res.headersSent || res.destroyed) return;
      res.statusCode = 502;
      res.end(JSON.stringify({ code: "BadGateway", message: `fault proxy: ${e.message}` }));
    });
  });
  server.keepAliveTimeout = 0; // as the embedded store: idle client connections are kept (src/store/embedded.ts)
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    endpoint,
    requests,
    fault(rule) {
      const entry = { ...rule, seen: 0, hits: 0 };
      rules.push(entry);
      return {
        fired: () => entry.hits,
        remove: () => {
          const i = rules.indexOf(entry);
          if (i >= 0) rules.splice(i, 1);
        },
      };
    },
    clear() {
      rules.length = 0;
    },
    reset() {
      requests.length = 0;
    },
    async close() {
      for (const wake of waiting) wake();
      waiting.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      agent.destroy();
    },
  };
}

/** Sums of what the recorded requests cost, per kind (the store's reported charge, requests and bytes). */
export function tally(requests: readonly ProxiedRequest[]) {
  const out: Record<string, { requests: number; charge: number; charged: number; requestBytes: number; responseBytes: number }> = {};
  for (const r of requests) {
    const t = (out[r.kind] ??= { requests: 0, charge: 0, charged: 0, requestBytes: 0, responseBytes: 0 });
    t.requests++;
    t.requestBytes += r.requestBytes;
    t.responseBytes += r.responseBytes;
    if (r.charge !== undefined) {
      t.charge += r.charge;
      t.charged++;
    }
  }
  return out;
}
