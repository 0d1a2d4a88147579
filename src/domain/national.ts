// The national view (issue 24, the guide's third level of data): the leaders' figures summed over every corps, for the
// national centre, and beside each corps' own figures for its leaders. Pure functions; src/store/national.ts reads the
// corps and stores the result.
//
// Hiding across corps. Each corps' table is released to its own leaders with its own hidden cells
// (src/domain/dashboard.ts). The national table is the sum of the corps' tables, so a national cell minus the corps'
// shown cells gives the sum of the cells those corps hide: the *rest*. A national cell is therefore shown only when
// the rest it gives away is harmless — no corps hides it, or at least two corps hide it and together they hold five
// cases or more (for a method share: five cases and three practitioners). Otherwise it is hidden from the start, and
// from there the national table is suppressed by exactly the corps' rules (1–4 cases hidden, spread along kind, period
// and each split of a total, the partner across years). So no national figure is built from fewer than five cases, and
// no corps' hidden figure follows from the national ones: a corps' hidden cell can move against another hiding corps'
// same cell (+1 here, −1 there) without changing a national figure or any corps' shown one — and every cell the
// corps' own rules tie to it is hidden in both corps, so each can move within its block as before.
import { z } from "zod";
import { mergeTables, MIN_CASES, MIN_PRACTITIONERS, release, SUPPRESSED, tableOf, type DashboardInput, type Figure, type Release, type Table } from "./dashboard";
import { windowPeriods } from "./periods";
import { municipalityByCode } from "./municipalities";
import { IsoTime, Role, type Corps, type Member } from "./model";

/** The national table at `now` from every corps' cases and check-in rounds (`cause`: which cell hid each, for tests). */
export function nationalRelease(corps: readonly DashboardInput[], now: Date, cause?: Map<string, string>): { national: Release; own: Release[] } {
  const tables = corps.map((c) => tableOf(c, now));
  const own = tables.map((t) => release(t));
  return { national: nationalOf(tables, own, now, cause), own };
}

/** The national table from every corps' table and its own release (made at `now`). */
export function nationalOf(tables: readonly Table[], own: readonly Release[], now: Date, cause?: Map<string, string>): Release {
  return release(mergeTables(tables, windowPeriods(now)), cause, restHidden(own));
}

/** The national cells whose rest (the sum of the cells the corps hide) would give a corps' hidden figure away. */
export function restHidden(own: readonly Release[]): string[] {
  const rest = new Map<string, { corps: number; cases: number; practitioners: number }>();
  for (const r of own)
    for (const cell of r.hidden) {
      const [family, kind, period, cat] = cell.split("|") as [string, "all", string, string];
      const e = rest.get(cell) ?? rest.set(cell, { corps: 0, cases: 0, practitioners: 0 }).get(cell)!;
      e.corps += 1;
      if (family.startsWith("m:")) {
        const m = r.method(family.slice(2) as "any", kind, period);
        e.cases += m.cases;
        e.practitioners += m.practitioners;
      } else e.cases += r.count(family, kind, period, cat);
    }
  return [...rest]
    .filter(([cell, e]) => e.corps < 2 || e.cases < MIN_CASES || (cell.startsWith("m:") && e.practitioners < MIN_PRACTITIONERS))
    .map(([cell]) => cell);
}

/** One corps as the national centre's list shows it (the list the centre kept by hand: 000 §3.2). */
export interface CorpsListing {
  corpsId: string;
  name: string;
  municipality?: string;
  /** The coordinators in the team now, by name. */
  coordinators: string[];
  /** People with a role who left the team in the last year: who, which roles, when (the centre is told of departures). */
  departures: Array<{ name: string; roles: Role[]; at: string }>;
  /** Cases in work today, as the corps' own leaders see it (hidden there, hidden here). */
  active: Figure;
  /** The set-up card is not completed yet. */
  pending?: true;
  /** The app was removed from the corps' team. */
  removedAt?: string;
}

const YEAR_MS = 365 * 86_400_000;

/** A corps' line on the national list, from its documents and its own released table. */
export function listingOf(corps: Corps, members: readonly Member[], own: Release, now: Date): CorpsListing {
  const active = own.hidden.has("active|all|now|") ? SUPPRESSED : { value: own.count("active", "all", "now"), n: own.count("active", "all", "now") };
  return {
    corpsId: corps.corpsId,
    name: corps.name,
    ...(corps.municipalityCode ? { municipality: municipalityByCode(corps.municipalityCode)?.name } : {}),
    coordinators: members.filter((m) => !m.leftAt && m.roles.includes("coordinator")).map((m) => m.name).sort((a, b) => a.localeCompare(b, "da")),
    departures: members
      .filter((m) => m.leftAt && (m.formerRoles ?? []).length > 0 && now.getTime() - Date.parse(m.leftAt) <= YEAR_MS)
      .map((m) => ({ name: m.name, roles: m.formerRoles!, at: m.leftAt! }))
      .sort((a, b) => b.at.localeCompare(a.at)),
    active,
    ...(corps.setup === "pending" ? { pending: true as const } : {}),
    ...(corps.removedAt ? { removedAt: corps.removedAt } : {}),
  };
}

/** The list in the order the centre reads it: by municipality (or name), removed corps last. */
export const byMunicipality = (a: CorpsListing, b: CorpsListing) =>
  Number(!!a.removedAt) - Number(!!b.removedAt) || (a.municipality ?? a.name).localeCompare(b.municipality ?? b.name, "da");

// ── The stored national figures: one document, recomputed hourly, so that reading them never reads every corps ──

/** The partition of the national figures in the corps container (never a corps id: those have no underscore). */
export const NATIONAL_PARTITION = "_national";
/** How old the stored figures may be before a reader recomputes them (the scheduler does so hourly). */
export const NATIONAL_MAX_AGE_MS = 65 * 60_000;

const FigureSchema = z.union([z.object({ suppressed: z.literal(true) }), z.object({ value: z.number(), n: z.number() }), z.object({ value: z.null(), n: z.literal(0) })]);
export const NationalFigures = z.object({
  type: z.literal("nationalFigures"),
  id: z.literal("national"),
  corpsId: z.literal(NATIONAL_PARTITION),
  computedAt: IsoTime,
  table: z.object({
    periods: z.array(z.string()),
    counts: z.array(z.tuple([z.string(), z.number()])),
    sums: z.array(z.tuple([z.string(), z.number()])),
    methods: z.array(z.tuple([z.string(), z.object({ num: z.number(), den: z.number(), cases: z.number(), practitioners: z.number() })])),
    hidden: z.array(z.string()),
  }),
  corps: z.array(
    z.object({
      corpsId: z.string(),
      name: z.string(),
      municipality: z.string().optional(),
      coordinators: z.array(z.string()),
      departures: z.array(z.object({ name: z.string(), roles: z.array(Role), at: IsoTime })),
      active: FigureSchema,
      pending: z.literal(true).optional(),
      removedAt: IsoTime.optional(),
    }),
  ),
});
export type NationalFigures = z.infer<typeof NationalFigures>;

/** Whether stored figures still answer at `now`: recent enough, and of the same window (a new year moves it). */
export const stillCurrent = (doc: Pick<NationalFigures, "computedAt" | "table">, now: Date, window: readonly string[]) =>
  now.getTime() - Date.parse(doc.computedAt) < NATIONAL_MAX_AGE_MS && now.getTime() >= Date.parse(doc.computedAt) && doc.table.periods.join() === window.join();
