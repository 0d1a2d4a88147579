import {
  changeOf,
  emptyMeasuresRollup,
  measuresRollupOf,
  phaseFor,
  scoreOf,
  summarizeMeasures,
  who5Low,
  withCaseMeasures,
  type MeasuresRollup,
} from "../../src/domain/measures";
import { GSE, WHO5 } from "../../src/domain/instruments";

describe("WHO-5", () => {
  test("score is the raw sum × 4", () => {
    expect(scoreOf("who5", [5, 4, 3, 2, 1])).toBe(60);
    expect(scoreOf("who5", [5, 5, 5, 5, 5])).toBe(100);
    expect(scoreOf("who5", [0, 0, 0, 0, 0])).toBe(0);
  });
  test.each([
    [[3, 3, 2, 2, 2], 48, true], // ≤ 50
    [[3, 3, 3, 2, 2], 52, false], // above 50, no item below 2
    [[3, 3, 3, 3, 1], 52, true], // an item of 1
    [[5, 5, 5, 5, 0], 80, true], // an item of 0
    [[3, 3, 3, 3, 3], 60, false],
  ])("%p scores %p, low: %p", (items, score, low) => {
    expect(scoreOf("who5", items)).toBe(score);
    expect(who5Low(items)).toBe(low);
  });
  test("the catalogue has five items and six answers scored 5 … 0", () => {
    expect(WHO5.items).toHaveLength(5);
    expect(WHO5.choices.map((c) => [c.label.da, c.value])).toEqual([
      ["Hele tiden", 5],
      ["Det meste af tiden", 4],
      ["Lidt mere end halvdelen af tiden", 3],
      ["Lidt mindre end halvdelen af tiden", 2],
      ["Lidt af tiden", 1],
      ["På intet tidspunkt", 0],
    ]);
  });
});

describe("General Self-Efficacy", () => {
  test("score is the sum of ten items, 10–40", () => {
    expect(scoreOf("gse", Array(10).fill(3))).toBe(30);
    expect(scoreOf("gse", Array(10).fill(1))).toBe(10);
    expect(scoreOf("gse", Array(10).fill(4))).toBe(40);
  });
  test("the catalogue has ten items and four answers scored 1 … 4", () => {
    expect(GSE.items).toHaveLength(10);
    expect(GSE.choices.map((c) => c.value)).toEqual([1, 2, 3, 4]);
  });
});

describe("change since the pre measure", () => {
  test.each([
    [40, 50, 10, "improved"],
    [40, 49, 9, "noMeaningfulChange"],
    [60, 50, -10, "worsened"],
    [60, 52, -8, "noMeaningfulChange"],
  ])("WHO-5 %p → %p is %p: %p", (pre, post, delta, verdict) => {
    expect(changeOf("who5", pre, post)).toEqual({ delta, verdict });
  });
  test("GSE has no official threshold: the change is shown without a verdict", () => {
    expect(changeOf("gse", 20, 31)).toEqual({ delta: 11, verdict: undefined });
  });
});

test("the first measure of a case is pre, the next ones post", () => {
  expect(phaseFor({}, "who5")).toBe("pre");
  expect(phaseFor({ measures: { who5: { pre: { at: "2026-01-01T00:00:00Z", score: 40 } } } }, "who5")).toBe("post");
  expect(phaseFor({ measures: { who5: { pre: { at: "2026-01-01T00:00:00Z", score: 40 } } } }, "gse")).toBe("pre");
});

describe("the corps' measures rollup", () => {
  const at = "2026-01-01T00:00:00Z";
  const rollupOf = (r: MeasuresRollup) => summarizeMeasures(r);
  test("a pre, then a post with a meaningful improvement", () => {
    let r = withCaseMeasures(emptyMeasuresRollup("x"), { id: "a", revision: 1, measures: { who5: { pre: { at, score: 40 } } } })!;
    expect(rollupOf(r).who5).toEqual({ pre: { n: 1, sum: 40 }, post: { n: 0, sum: 0 }, pairs: 0, improved: 0 });
    r = withCaseMeasures(r, { id: "a", revision: 2, measures: { who5: { pre: { at, score: 40 }, post: { at, score: 56 } } } })!;
    expect(rollupOf(r).who5).toEqual({ pre: { n: 1, sum: 40 }, post: { n: 1, sum: 56 }, pairs: 1, improved: 1 });
  });
  test("a redone post replaces the earlier one instead of counting twice", () => {
    const before = { pre: { at, score: 40 }, post: { at, score: 56 } };
    const r = withCaseMeasures(emptyMeasuresRollup("x"), { id: "a", revision: 2, measures: { who5: before } })!;
    const redone = withCaseMeasures(r, { id: "a", revision: 3, measures: { who5: { ...before, post: { at, score: 44 } } } })!;
    expect(rollupOf(redone).who5).toEqual({ pre: { n: 1, sum: 40 }, post: { n: 1, sum: 44 }, pairs: 1, improved: 0 });
  });
  test("the same case state applied twice, or an older one after a newer, changes nothing", () => {
    const newer = withCaseMeasures(emptyMeasuresRollup("x"), { id: "a", revision: 5, measures: { who5: { pre: { at, score: 60 } } } })!;
    expect(withCaseMeasures(newer, { id: "a", revision: 5, measures: { who5: { pre: { at, score: 60 } } } })).toBeUndefined();
    expect(withCaseMeasures(newer, { id: "a", revision: 4, measures: { who5: { pre: { at, score: 20 } } } })).toBeUndefined();
  });
  test("built from scratch over cases", () => {
    const r = measuresRollupOf("x", [
      { id: "a", revision: 0, measures: { who5: { pre: { at, score: 40 }, post: { at, score: 60 } }, gse: { pre: { at, score: 20 } } } },
      { id: "b", revision: 0, measures: { who5: { pre: { at, score: 52 } } } },
      { id: "c", revision: 0 },
    ]);
    expect(rollupOf(r).who5).toEqual({ pre: { n: 2, sum: 92 }, post: { n: 1, sum: 60 }, pairs: 1, improved: 1 });
    expect(rollupOf(r).gse).toEqual({ pre: { n: 1, sum: 20 }, post: { n: 0, sum: 0 }, pairs: 0, improved: 0 });
  });
});
