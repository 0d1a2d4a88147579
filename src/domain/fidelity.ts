// Method fidelity (001 §5.2, 000 §3.2): is a conversation prepared before and reflected on after, is the reflection
// written while it is fresh (within 24 hours), is the monthly status check-in answered. Counted on the case, per
// month, as its entries are derived (applyEntry runs once per entry), so the leaders' dashboard never reads entries.
import type { Case, CaseKind, Entry, Method, MethodMonth } from "./model";
import type { PreparationEntry } from "./preparation";
import { monthOf } from "./time";

/** A reflection written within this long after the conversation's planned time is timely. */
export const TIMELY_MS = 24 * 3_600_000;
const MONTHS_KEPT = 36;

/** When a prepared conversation is held: its planned time, or (none given) when it was prepared. */
export const heldAt = (p: Pick<PreparationEntry, "plannedAt" | "createdAt">): string => p.plannedAt ?? p.createdAt;

const emptyMonth = (month: string): MethodMonth => ({
  month,
  prepared: 0,
  preparedReflected: 0,
  reflections: 0,
  reflectionsPrepared: 0,
  reflectionsTimely: 0,
  checkInAnswered: false,
});

function bump(months: readonly MethodMonth[], month: string, change: (m: MethodMonth) => MethodMonth): MethodMonth[] {
  const have = months.find((m) => m.month === month) ?? emptyMonth(month);
  return [...months.filter((m) => m.month !== month), change(have)].sort((a, b) => a.month.localeCompare(b.month)).slice(-MONTHS_KEPT);
}

/** The case's method counts after an entry (the caller applies each entry once); the same object if it counts nothing. */
export function withMethod(method: Method | undefined, e: Entry): Method | undefined {
  const m: Method = method ?? { months: [] };
  if (e.type === "preparation") {
    // A preparation no reflection followed stays counted as prepared and not reflected on.
    const at = heldAt(e);
    return { months: bump(m.months, monthOf(new Date(at)), (x) => ({ ...x, prepared: x.prepared + 1 })), pending: { entryId: e.id, heldAt: at } };
  }
  if (e.type === "reflection") {
    const p = m.pending;
    let months = bump(m.months, monthOf(new Date(e.createdAt)), (x) => ({
      ...x,
      reflections: x.reflections + 1,
      reflectionsPrepared: x.reflectionsPrepared + (p ? 1 : 0),
      reflectionsTimely: x.reflectionsTimely + (p && Date.parse(e.createdAt) - Date.parse(p.heldAt) <= TIMELY_MS ? 1 : 0),
    }));
    if (p) months = bump(months, monthOf(new Date(p.heldAt)), (x) => ({ ...x, preparedReflected: x.preparedReflected + 1 }));
    return { months };
  }
  if (e.type === "notHeld" && m.pending?.entryId === e.preparationId) {
    // Not held: neither prepared-and-held nor waiting for a reflection — as if the conversation had not been planned.
    const month = monthOf(new Date(m.pending.heldAt));
    return { months: bump(m.months, month, (x) => ({ ...x, prepared: Math.max(0, x.prepared - 1) })) };
  }
  if (e.type === "statusCheckIn") return { ...m, months: bump(m.months, e.month, (x) => ({ ...x, checkInAnswered: true })) };
  return method;
}

/** A case's counts built from its entries (oldest first): demo data and repair. */
export const methodOf = (entries: readonly Entry[]): Method | undefined => entries.reduce<Method | undefined>(withMethod, undefined);

export interface MethodSums {
  prepared: number;
  preparedReflected: number;
  reflections: number;
  reflectionsPrepared: number;
  reflectionsTimely: number;
  checkInsAsked: number;
  checkInsAnswered: number;
  /** How many cases each share is built from (what suppression counts). */
  cases: { prepared: number; reflections: number; reflectionsPrepared: number; checkInsAsked: number };
}

/**
 * The sums over the chosen months. A conversation prepared for but not yet a day past its time is not counted (it
 * cannot have been reflected on yet). Check-ins: the cases each month's round asked about (`asked`), and which of
 * them were answered.
 */
export function methodSums(
  cases: ReadonlyArray<Pick<Case, "id" | "kind" | "method">>,
  months: readonly string[],
  rounds: ReadonlyArray<{ month: string; asked?: Record<string, CaseKind> }>,
  now: Date,
  kind?: CaseKind,
): MethodSums {
  const inPeriod = new Set(months);
  const out: MethodSums = {
    prepared: 0,
    preparedReflected: 0,
    reflections: 0,
    reflectionsPrepared: 0,
    reflectionsTimely: 0,
    checkInsAsked: 0,
    checkInsAnswered: 0,
    cases: { prepared: 0, reflections: 0, reflectionsPrepared: 0, checkInsAsked: 0 },
  };
  const answered = new Map<string, Set<string>>();
  for (const c of cases) {
    if (kind && c.kind !== kind) continue;
    const p = c.method?.pending;
    const notYet = p && Date.parse(p.heldAt) + TIMELY_MS > now.getTime() ? monthOf(new Date(p.heldAt)) : undefined;
    const sum = { prepared: 0, reflections: 0, reflectionsPrepared: 0 };
    for (const m of c.method?.months ?? []) {
      if (m.checkInAnswered) answered.set(c.id, (answered.get(c.id) ?? new Set()).add(m.month));
      if (!inPeriod.has(m.month)) continue;
      const prepared = m.prepared - (m.month === notYet ? 1 : 0);
      out.prepared += prepared;
      out.preparedReflected += m.preparedReflected;
      out.reflections += m.reflections;
      out.reflectionsPrepared += m.reflectionsPrepared;
      out.reflectionsTimely += m.reflectionsTimely;
      sum.prepared += prepared;
      sum.reflections += m.reflections;
      sum.reflectionsPrepared += m.reflectionsPrepared;
    }
    if (sum.prepared > 0) out.cases.prepared += 1;
    if (sum.reflections > 0) out.cases.reflections += 1;
    if (sum.reflectionsPrepared > 0) out.cases.reflectionsPrepared += 1;
  }
  const asked = new Set<string>();
  for (const r of rounds) {
    if (!inPeriod.has(r.month)) continue;
    for (const [caseId, k] of Object.entries(r.asked ?? {})) {
      if (kind && k !== kind) continue;
      asked.add(caseId);
      out.checkInsAsked += 1;
      if (answered.get(caseId)?.has(r.month)) out.checkInsAnswered += 1;
    }
  }
  out.cases.checkInsAsked = asked.size;
  return out;
}
