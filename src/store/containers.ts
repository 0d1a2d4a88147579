// Containers and partition keys (docs/data-model.md). Everything a corps owns is partitioned by corpsId,
// so hot paths are point reads or single-partition queries and corps never mix.
import type { Container, CosmosClient, Database } from "@azure/cosmos";

export const CONTAINER_DEFS = {
  /** corps, member and case documents: small, read by id. */
  corps: { id: "corps", partitionKey: "/corpsId" },
  /** one document per recorded entry (preparation, reflection, check-in, assessment, closing). */
  entries: { id: "entries", partitionKey: "/corpsId" },
  /** durable scheduler jobs (the nudge to reflect). */
  jobs: { id: "jobs", partitionKey: "/corpsId" },
  /** who read which case, when, through which flow (src/domain/access-log.ts); kept as long as the case. */
  access: { id: "access", partitionKey: "/corpsId" },
  /** Teams identity → corps memberships; the first point read of every turn. */
  directory: { id: "directory", partitionKey: "/id" },
} as const;

export type ContainerName = keyof typeof CONTAINER_DEFS;
export type Containers = Record<ContainerName, Container>;

/** Said when the store refuses to create what is missing (Entra-only access: the data plane cannot create databases or containers). */
export class StoreNotProvisioned extends Error {}

const forbidden = (e: unknown) => typeof e === "object" && e !== null && Number((e as { code?: unknown }).code) === 403;

/**
 * The database and containers, created if missing (locally; and with a key). Under Entra-only access the app may not
 * create them: a missing one then fails start-up saying which, and that the deployment's templates create it.
 */
export async function ensureContainers(client: CosmosClient, databaseId: string): Promise<{ database: Database; containers: Containers }> {
  const denied = (what: string) => new StoreNotProvisioned(`${what} is missing in Cosmos DB and this identity may not create it — provision it (infra/azure.bicep, docs/deploy.md)`);
  const { database } = await client.databases.createIfNotExists({ id: databaseId }).catch((e: unknown) => {
    throw forbidden(e) ? denied(`the database "${databaseId}"`) : e;
  });
  const containers = {} as Containers;
  for (const [name, def] of Object.entries(CONTAINER_DEFS) as Array<[ContainerName, (typeof CONTAINER_DEFS)[ContainerName]]>) {
    const { container } = await database.containers.createIfNotExists({ id: def.id, partitionKey: { paths: [def.partitionKey] } }).catch((e: unknown) => {
      throw forbidden(e) ? denied(`the container "${def.id}"`) : e;
    });
    containers[name] = container;
  }
  return { database, containers };
}

/**
 * The partition a query reads, when its WHERE clause begins with `c.<partition key> = @param`, joined to the rest by
 * AND (no OR outside parentheses): such a query is sent for that partition only — one partition's work in Azure
 * Cosmos DB, and in the embedded store. Any other query (every corps, due jobs) reads across partitions.
 */
export function partitionOfQuery(sql: string, params: Record<string, string>, partitionKey: string): string | undefined {
  const key = partitionKey.slice(1).replace(/[^A-Za-z0-9_]/g, "\\$&");
  const found = new RegExp(`\\bWHERE\\s+c\\.${key}\\s*=\\s*(@\\w+)(?:\\s+AND\\b|\\s+ORDER\\s+BY\\b|\\s*$)`, "i").exec(sql);
  const value = found ? params[found[1]!] : undefined;
  if (!found || value === undefined) return undefined;
  // Strings and parenthesised groups cannot hold a top-level OR; what is left must not.
  let rest = sql.slice(found.index).replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, "''");
  while (/\([^()]*\)/.test(rest)) rest = rest.replace(/\([^()]*\)/g, " ");
  return /\bOR\b/i.test(rest) ? undefined : value;
}
