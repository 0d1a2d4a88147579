// Seeds the demo corps into an empty embedded store (never into a configured Azure Cosmos DB).
import type { Clock } from "./domain/clock";
import { buildDemoData } from "./domain/demo";
import { measuresRollupOf } from "./domain/measures";
import type { Store } from "./store";

export async function seedDemo(store: Store, clock: Clock): Promise<{ cases: number; entries: number } | undefined> {
  if (store.kind !== "embedded") throw new Error("refusing to seed demo data into a configured Cosmos DB");
  if (await store.repos.corps.any()) return undefined;
  const demo = buildDemoData(clock());
  const { repos } = store;
  for (const d of demo.directory) await repos.directory.upsert(d);
  for (const m of demo.members) await repos.members.upsert(m);
  for (const c of demo.cases) await repos.cases.upsert(c);
  for (const e of demo.entries) await repos.entries.create(e);
  await repos.rollups.putMeasures(measuresRollupOf(demo.corps.corpsId, demo.cases));
  // The corps document last: its presence means "seeded", so an interrupted seed is redone at next start.
  await repos.corps.upsert(demo.corps);
  return { cases: demo.cases.length, entries: demo.entries.length };
}
