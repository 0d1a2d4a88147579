// Suppression of small figures (000 §3.2): nothing under five cases, directly or by subtraction.
import { countsGroup, figure, MIN_CASES, monthsBetween } from "../../src/domain/dashboard";

const shown = (f: any) => ("suppressed" in f ? undefined : f.value);

test("a figure from fewer than five cases is hidden", () => {
  expect(figure(3.2, 4)).toEqual({ suppressed: true });
  expect(figure(3.2, 5)).toEqual({ value: 3.2, n: 5 });
  expect(MIN_CASES).toBe(5);
});

test.each([
  [{ a: 10, b: 7 }, { a: 10, b: 7 }], // nothing small
  [{ a: 10, b: 2 }, { a: undefined, b: undefined }], // b hidden; a too, or b = total − a
  [{ a: 10, b: 0 }, { a: undefined, b: undefined }], // a hidden 0 gives itself away just the same
  [{ a: 10, b: 8, c: 2 }, { a: 10, b: undefined, c: undefined }], // the smallest shown part goes with it (8 + 2 ≥ 5)
  [{ a: 10, b: 3, c: 3 }, { a: 10, b: undefined, c: undefined }], // two hidden: together 6, not recoverable one by one
  [{ a: 1, b: 1, c: 1, d: 9 }, { a: undefined, b: undefined, c: undefined, d: undefined }],
])("parts %j → shown %j, and the hidden parts never sum to under five", (parts, expected) => {
  const g = countsGroup(parts as Record<string, number>);
  expect(Object.fromEntries(Object.entries(g.parts).map(([k, f]) => [k, shown(f)]))).toEqual(expected);
  const total = Object.values(parts).reduce((a, b) => a + b, 0);
  const recovered = total - Object.values(g.parts).reduce((s, f) => s + (shown(f) ?? 0), 0);
  if (Object.values(g.parts).some((f) => "suppressed" in f)) expect(recovered).toBeGreaterThanOrEqual(MIN_CASES);
  expect(shown(g.total)).toBe(total);
});

test("a total under five hides everything", () => {
  const g = countsGroup({ a: 2, b: 2 });
  expect(g.total).toEqual({ suppressed: true });
  expect(Object.values(g.parts).every((f) => "suppressed" in f)).toBe(true);
});

test("months of a period", () => {
  expect(monthsBetween("2025-11", "2026-02")).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
  expect(monthsBetween("2026-03", "2026-02")).toEqual([]);
});
