// The national figures' I/O (src/domain/national.ts): every corps' cases, check-in rounds and members read, the
// national table and the corps list computed, one document written. Run by the scheduler's hourly plan; a reader who
// finds no current document computes it (the first reader after a start, or after a new year moved the window).
import type { Clock } from "../domain/clock";
import { release, releaseFrom, tableOf, type Release, type Table } from "../domain/dashboard";
import { byMunicipality, listingOf, NATIONAL_PARTITION, nationalOf, stillCurrent, type NationalFigures } from "../domain/national";
import { windowPeriods } from "../domain/periods";
import type { Logger } from "../log";
import type { Repositories } from "./repositories";

/** Computes and stores the national figures at `now`. */
export async function refreshNational(repos: Repositories, now: Date, log: Logger): Promise<NationalFigures> {
  const window = windowPeriods(now);
  const corps = await repos.corps.list();
  const read = await Promise.all(
    corps.map(async (c) => {
      const [cases, rounds, members] = await Promise.all([
        repos.cases.list(c.corpsId),
        repos.checkIns.listRounds(c.corpsId, `${window[0]}-01`, `${window[window.length - 1].slice(0, 4)}-12`),
        repos.members.list(c.corpsId),
      ]);
      return { corps: c, members, input: { cases, rounds } };
    }),
  );
  // Corps by corps, letting the turns and requests waiting meanwhile in between (98 corps take seconds of CPU).
  const tables: Table[] = [];
  const own: Release[] = [];
  for (const r of read) {
    tables.push(tableOf(r.input, now));
    own.push(release(tables[tables.length - 1]));
    await new Promise((resolve) => setImmediate(resolve));
  }
  const national = nationalOf(tables, own, now);
  const doc: NationalFigures = {
    type: "nationalFigures",
    id: "national",
    corpsId: NATIONAL_PARTITION,
    computedAt: now.toISOString(),
    table: national.data(),
    corps: read.map((r, i) => listingOf(r.corps, r.members, own[i], now)).sort(byMunicipality),
  };
  await repos.national.upsert(doc);
  log.info({ event: "national.computed", corps: corps.length, cases: read.reduce((n, r) => n + r.input.cases.length, 0) }, "national figures computed");
  return doc;
}

/**
 * The national figures as they stand: the stored ones while current, else computed now. The parsed table is kept in
 * memory per stored version, so a reader pays for one point read.
 */
export function nationalReader(repos: Repositories, clock: Clock, log: Logger) {
  let kept: { computedAt: string; release: Release } | undefined;
  return async (): Promise<{ doc: NationalFigures; release: Release }> => {
    const now = clock();
    const stored = await repos.national.get();
    const doc = stored && stillCurrent(stored, now, windowPeriods(now)) ? stored : await refreshNational(repos, now, log);
    if (kept?.computedAt !== doc.computedAt) kept = { computedAt: doc.computedAt, release: releaseFrom(doc.table as Parameters<typeof releaseFrom>[0]) };
    return { doc, release: kept.release };
  };
}
