// An attacker's linear algebra (issue 20 §2): every figure an answer shows is a linear equation over unknown cells
// ("atoms": counts of cases per combination of attributes, or their sums); a hidden figure is determined when its
// equation is a linear combination of the shown ones. Exact: integer rows (fraction-free), kept in reduced row echelon
// form, so no rounding decides anything.

/** A linear form over atoms: atom id → coefficient. */
export type Form = Map<string, number>;

type Row = Map<number, bigint>;

const abs = (x: bigint) => (x < 0n ? -x : x);
const gcd = (a: bigint, b: bigint): bigint => {
  a = abs(a);
  b = abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
};

function normalise(r: Row): Row {
  let g = 0n;
  for (const v of r.values()) g = gcd(g, v);
  if (g > 1n) for (const [k, v] of r) r.set(k, v / g);
  return r;
}

/** The span of the shown forms, in reduced row echelon form. */
export class Span {
  private readonly ids = new Map<string, number>();
  /** pivot column → its row (every other row is 0 in that column). */
  private readonly rows = new Map<number, Row>();
  /** Atoms known to hold 0 cases (they sit in a shown count of 0): left out of every form. */
  readonly zero = new Set<string>();

  private row(form: Form): Row {
    const r: Row = new Map();
    for (const [atom, c] of form) {
      if (c === 0 || this.zero.has(atom)) continue;
      let id = this.ids.get(atom);
      if (id === undefined) this.ids.set(atom, (id = this.ids.size));
      r.set(id, BigInt(c));
    }
    return r;
  }

  /** r minus whatever the span holds of it: empty iff r is in the span. */
  private reduce(r: Row): Row {
    for (const col of [...r.keys()]) {
      const a = r.get(col);
      const p = this.rows.get(col);
      if (!a || !p) continue;
      const b = p.get(col)!;
      // r := b·r − a·p (fraction-free), then divided by the gcd.
      for (const [k, v] of r) r.set(k, v * b);
      for (const [k, v] of p) {
        const next = (r.get(k) ?? 0n) - a * v;
        if (next === 0n) r.delete(k);
        else r.set(k, next);
      }
      normalise(r);
    }
    return r;
  }

  add(form: Form): void {
    const r = this.reduce(this.row(form));
    if (r.size === 0) return;
    const pivot = Math.min(...r.keys());
    const b = r.get(pivot)!;
    // Keep the echelon reduced: the new pivot's column is cleared from every other row.
    for (const [col, p] of this.rows) {
      const a = p.get(pivot);
      if (!a) continue;
      for (const [k, v] of p) p.set(k, v * b);
      for (const [k, v] of r) {
        const next = (p.get(k) ?? 0n) - a * v;
        if (next === 0n) p.delete(k);
        else p.set(k, next);
      }
      normalise(p);
      this.rows.set(col, p);
    }
    this.rows.set(pivot, r);
  }

  /** Is the form a linear combination of the shown ones (its value known exactly)? */
  determines(form: Form): boolean {
    const r = this.row(form);
    if (r.size === 0) return true; // every atom in it is known to be 0
    for (const k of r.keys()) if (!this.rows.has(k) && ![...this.rows.values()].some((p) => p.has(k))) return false;
    return this.reduce(r).size === 0;
  }
}

/** A form's value over the true atom counts. */
export const valueOf = (form: Form, truth: ReadonlyMap<string, number>) => [...form].reduce((s, [atom, c]) => s + c * (truth.get(atom) ?? 0), 0);

/** A form as a stable key (the same cell asked in two answers is one cell). */
export const keyOf = (form: Form) =>
  [...form]
    .filter(([, c]) => c !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([a, c]) => `${a}*${c}`)
    .join("+");

export interface Equation {
  form: Form;
  /** The shown value (a count, or a mean's sum). */
  value: number;
  /** A count with only non-negative coefficients: a shown 0 says every atom in it holds 0. */
  count: boolean;
}

/**
 * Which hidden forms the shown equations determine. Shown zero counts first empty their atoms (atoms are counts of
 * cases, never negative), then the span of the shown forms decides.
 */
export function determined(shown: readonly Equation[], hidden: readonly Form[]): Form[] {
  const span = new Span();
  for (const e of shown) if (e.count && e.value === 0) for (const atom of e.form.keys()) span.zero.add(atom);
  const seen = new Set<string>();
  for (const e of shown) {
    const k = keyOf(e.form);
    if (seen.has(k)) continue;
    seen.add(k);
    span.add(e.form);
  }
  return hidden.filter((f) => span.determines(f));
}
