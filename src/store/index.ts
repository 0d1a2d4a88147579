// Opens the store: Azure Cosmos DB when COSMOS_ENDPOINT is configured, otherwise the embedded server.
// Either way the rest of the app talks to it through @azure/cosmos.
import { CosmosClient, type ConnectionPolicy } from "@azure/cosmos";
import type { Config } from "../config";
import type { Logger } from "../log";
import { ensureContainers, type Containers } from "./containers";
import { startEmbeddedCosmos, type EmbeddedCosmos } from "./embedded";
import { createRepositories, type Repositories, type StoreOptions } from "./repositories";

/**
 * How the app talks to Azure Cosmos DB. Endpoint discovery stays on (the SDK's default: it follows the account's
 * regions, and retries a read's 503 and timeouts there). A Teams turn has about 15 s, so no request waits the SDK's
 * default 60 s and throttling (429) is waited out for at most 10 s per operation (default 30 s) — beyond that the
 * turn says it could not finish and keeps the user's answers; a job runs again at a later tick. The repositories
 * add the retries Cosmos DB's guidance leaves to the application, and a deadline per operation (src/store/repositories.ts).
 */
export const AZURE_CONNECTION: Partial<ConnectionPolicy> = {
  requestTimeout: 10_000,
  retryOptions: { maxRetryAttemptCount: 9, fixedRetryIntervalInMilliseconds: 0, maxWaitTimeInSeconds: 10 },
};
/** One store operation, every retry included, ends within this (Azure path). */
export const AZURE_DEADLINE_MS = 20_000;

/** Tests and benchmarks: the repositories' page size, and a shorter request timeout (the Azure path only). */
export interface OpenOptions extends StoreOptions {
  requestTimeoutMs?: number;
}

/** Network faults and answers that mean "not now" (a configured Cosmos DB starting, a blip), not "never". */
const TRANSIENT_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "UND_ERR_CONNECT_TIMEOUT"]);
const TRANSIENT_STATUS = new Set([408, 429, 449, 500, 502, 503, 504]);
export function transientStoreFault(err: unknown): boolean {
  const e = err as { code?: unknown; statusCode?: unknown; name?: unknown; cause?: { code?: unknown } };
  if (e?.name === "TimeoutError") return true; // an operation's deadline (the repositories' AbortSignal)
  return TRANSIENT_CODES.has(String(e?.code ?? e?.cause?.code ?? "")) || TRANSIENT_STATUS.has(Number(e?.statusCode ?? e?.code));
}

export interface Store {
  kind: "embedded" | "azure";
  /** An embedded store whose data folder held no document when it opened (the only kind the demo is seeded into). */
  fresh: boolean;
  endpoint: string;
  containers: Containers;
  repos: Repositories;
  /** Requests answered by the embedded server (undefined for Azure): benchmarks count round trips with it. */
  requestCount(): number | undefined;
  /** Embedded: writes the whole store as a snapshot now (also done in the background as the journal grows). */
  compact(): Promise<void>;
  /** Round trip to the store, and (embedded) whether it can persist (healthz). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export async function openStore(
  config: Pick<Config, "COSMOS_ENDPOINT" | "COSMOS_KEY" | "COSMOS_DATABASE" | "DATA_DIR">,
  log: Logger,
  options: OpenOptions = {},
): Promise<Store> {
  let embedded: EmbeddedCosmos | undefined;
  let client: CosmosClient;
  const { requestTimeoutMs, ...repoOptions } = options;
  if (config.COSMOS_ENDPOINT) {
    const connectionPolicy = { ...AZURE_CONNECTION, ...(requestTimeoutMs ? { requestTimeout: requestTimeoutMs } : {}) };
    if (config.COSMOS_KEY) {
      client = new CosmosClient({ endpoint: config.COSMOS_ENDPOINT, key: config.COSMOS_KEY, connectionPolicy });
    } else {
      const { DefaultAzureCredential } = await import("@azure/identity");
      client = new CosmosClient({ endpoint: config.COSMOS_ENDPOINT, aadCredentials: new DefaultAzureCredential(), connectionPolicy });
    }
    repoOptions.deadlineMs ??= AZURE_DEADLINE_MS;
  } else {
    embedded = await startEmbeddedCosmos({
      dataDir: config.DATA_DIR,
      onEvent: (event, detail) => (event.endsWith("failed") || event.endsWith("error") ? log.error : log.info).call(log, { event, ...detail }, event),
    });
    client = new CosmosClient({ endpoint: embedded.endpoint, key: embedded.key, connectionPolicy: { enableEndpointDiscovery: false } });
    log.info({ event: "store.embedded.started", endpoint: embedded.endpoint, dataDir: config.DATA_DIR }, "embedded store started");
  }
  const { database, containers } = await ensureContainers(client, config.COSMOS_DATABASE);
  return {
    kind: embedded ? "embedded" : "azure",
    fresh: embedded?.fresh ?? false,
    endpoint: embedded ? embedded.endpoint : config.COSMOS_ENDPOINT!,
    containers,
    repos: createRepositories(
      containers,
      (found) => log.warn({ event: "store.malformed", ...found }, "a stored document does not match its schema: left out"),
      repoOptions,
    ),
    requestCount: () => embedded?.requestCount(),
    compact: async () => embedded?.compact(),
    async ping() {
      try {
        await database.read();
        return embedded ? (await embedded.health()).ok : true;
      } catch {
        return false;
      }
    },
    async close() {
      client.dispose();
      await embedded?.close();
    },
  };
}
