// Seeds the demo corps into an embedded store whose data folder never held data (never into a configured Cosmos DB,
// never over data — not even data the store can no longer find).
import type { Clock } from "./domain/clock";
import { caseIndexOf } from "./domain/derive";
import { teamKey } from "./domain/corps";
import { buildDemoData, DEMO } from "./domain/demo";
import type { Store } from "./store";

/** Written first: a seed cut short by a kill is completed at the next start, with the same "now". */
const MARKER_ID = "demo-seed";

/** Runs `work` over `items`, `n` at a time. */
async function inBatches<T>(items: readonly T[], n: number, work: (item: T) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += n) await Promise.all(items.slice(i, i + n).map(work));
}

export async function seedDemo(store: Store, clock: Clock): Promise<{ cases: number; entries: number } | undefined> {
  if (store.kind !== "embedded") throw new Error("refusing to seed demo data into a configured Cosmos DB");
  const { repos, containers } = store;
  // The demo team is the demo corps (also for a store seeded before the link was written): adding Løft to the demo
  // team's channel in the local Teams client finds the corps, and changes nothing — as for any corps' team.
  const linkDemoTeam = () => repos.teams.create({ type: "team", id: teamKey(DEMO.tenantId, DEMO.teamId), corpsId: DEMO.corpsId });
  // The demo corps' document is written last: its presence means "seeded".
  if (await repos.corps.get(DEMO.corpsId)) {
    await linkDemoTeam();
    return undefined;
  }
  const marker = containers.corps.item(MARKER_ID, DEMO.corpsId);
  const started = (await marker.read<{ now: string }>().catch(() => undefined))?.resource;
  if (!started && !store.fresh) return undefined;
  const now = started ? new Date(started.now) : clock();
  if (!started) await containers.corps.items.create({ id: MARKER_ID, corpsId: DEMO.corpsId, type: "demoSeed", now: now.toISOString() });

  const demo = buildDemoData(now);
  await inBatches(demo.directory, 16, (d) => repos.directory.upsert(d));
  await inBatches(demo.members, 16, (m) => repos.members.upsert(m));
  await inBatches(demo.cases, 16, (c) => repos.cases.upsert(c));
  await inBatches(demo.entries, 16, (e) => repos.entries.create(e));
  await inBatches(demo.rounds, 16, (r) => repos.checkIns.createRound(r));
  const coaches = [...new Set(demo.cases.map((c) => c.coachId))];
  await inBatches(coaches, 16, (m) =>
    repos.caseIndex.update(demo.corps.corpsId, m, () => caseIndexOf(demo.corps.corpsId, m, demo.cases.filter((c) => c.coachId === m))),
  );
  await linkDemoTeam();
  await repos.corps.upsert(demo.corps);
  return { cases: demo.cases.length, entries: demo.entries.length };
}
