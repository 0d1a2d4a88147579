// One suppression decision per cell (issue 20 §2, docs/privacy.md). The leaders' figures are cells of one table per
// corps: kind (all = mentor + relative coach) × period (year = its halves = its quarters) × category (a total = its
// parts, e.g. the closing reasons). A cell holding 1–4 cases is hidden; then, until nothing changes:
//   - where one part of a total is hidden, every part of that total is hidden (along every dimension);
//   - where a total is hidden, all its parts are hidden.
// Every answer shows cells of that one table with these decisions, so every hidden cell sits in a block of hidden
// cells that can be shifted against each other (+1 here, −1 beside it, in every dimension at once) without changing
// any shown figure: no combination of answers determines it. docs/privacy.md gives the argument.

/** A decision that spreads: once any cell of `when` is hidden, every cell of `hide` is hidden too. */
export interface Rule {
  when: readonly string[];
  hide: readonly string[];
}

/** A total and the parts it is the sum of (cell keys). */
export interface Relation {
  total: string;
  parts: readonly string[];
}

/** The two rules of a relation: the parts all or none, and a hidden total hides its parts. */
export const rulesOf = ({ total, parts }: Relation): Rule[] => [
  { when: parts, hide: parts },
  { when: [total], hide: parts },
];

/** The rules by the cells that set them off (build once, use for many tables of the same shape). */
export function ruleIndex(rules: readonly Rule[]): ReadonlyMap<string, readonly Rule[]> {
  const triggered = new Map<string, Rule[]>();
  for (const r of rules) for (const k of r.when) (triggered.get(k) ?? triggered.set(k, []).get(k)!).push(r);
  return triggered;
}

/**
 * The hidden cells: `hide` adds cells and everything the rules spread them to (more may be added later, as the
 * dashboard's partner rule does). `cause` records which cell hid each (for tests and debugging).
 */
export function suppressor(rules: ReadonlyMap<string, readonly Rule[]>, cause?: Map<string, string>) {
  const hidden = new Set<string>();
  const hide = (cells: Iterable<string>, by = "primary") => {
    const queue: Array<[string, string]> = [...cells].map((k) => [k, by]);
    for (let i = 0; i < queue.length; i++) {
      const [k, from] = queue[i];
      if (hidden.has(k)) continue;
      hidden.add(k);
      cause?.set(k, from);
      for (const r of rules.get(k) ?? []) for (const h of r.hide) if (!hidden.has(h)) queue.push([h, k]);
    }
    return hidden;
  };
  return { hidden: hidden as ReadonlySet<string>, hide };
}

export const suppress = (primary: Iterable<string>, rules: readonly Rule[], cause?: Map<string, string>): ReadonlySet<string> => suppressor(ruleIndex(rules), cause).hide(primary);
