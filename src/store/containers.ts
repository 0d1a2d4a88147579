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

export async function ensureContainers(client: CosmosClient, databaseId: string): Promise<{ database: Database; containers: Containers }> {
  const { database } = await client.databases.createIfNotExists({ id: databaseId });
  const containers = {} as Containers;
  for (const [name, def] of Object.entries(CONTAINER_DEFS) as Array<[ContainerName, (typeof CONTAINER_DEFS)[ContainerName]]>) {
    const { container } = await database.containers.createIfNotExists({ id: def.id, partitionKey: { paths: [def.partitionKey] } });
    containers[name] = container;
  }
  return { database, containers };
}
