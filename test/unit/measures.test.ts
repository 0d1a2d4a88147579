import { assessmentFlags, changeOf, measureSummary, mustChoosePhase, scoreOf, who5Level, who5LowItem } from "../../src/domain/measures";
import { GSE, WHO5 } from "../../src/domain/instruments";

describe("WHO-5", () => {
  test("score is the raw sum × 4", () => {
    expect(scoreOf("who5", [5, 4, 3, 2, 1])).toBe(60);
    expect(scoreOf("who5", [5, 5, 5, 5, 5])).toBe(100);
    expect(scoreOf("who5", [0, 0, 0, 0, 0])).toBe(0);
  });
  test.each([
    [[3, 3, 2, 2, 2], 48, "low", false], // ≤ 50
    [[3, 3, 3, 2, 2], 52, undefined, false], // above 50, no answer below 2
    [[3, 3, 3, 3, 1], 52, undefined, true], // above 50 with one answer of 1: only the softer note
    [[2, 2, 1, 1, 1], 28, "veryLow", true], // ≤ 28
    [[2, 2, 2, 1, 1], 32, "low", true],
    [[5, 5, 5, 5, 5], 100, undefined, false],
  ])("%p scores %p: level %p, an answer of 0–1: %p", (items, score, level, lowItem) => {
    expect(scoreOf("who5", items)).toBe(score);
    expect(who5Level(score)).toBe(level);
    expect(who5LowItem(items)).toBe(lowItem);
  });
  test("a low total raises one flag for the coordinator, with the score; GSE and a good total none", () => {
    const base = { corpsId: "c", caseId: "k", authorId: "0000000d-0000-0000-0000-000000000002", createdAt: "2026-11-25T10:00:00Z", phase: "pre" as const };
    expect(assessmentFlags({ ...base, type: "assessment", id: "a1", instrument: "who5", items: [3, 3, 2, 2, 2], score: 48 })).toEqual([
      { id: "a1:lowWho5", kind: "lowWho5", score: 48, entryId: "a1", at: base.createdAt, raisedBy: base.authorId },
    ]);
    expect(assessmentFlags({ ...base, type: "assessment", id: "a2", instrument: "who5", items: [3, 3, 3, 3, 1], score: 52 })).toEqual([]);
    expect(assessmentFlags({ ...base, type: "assessment", id: "a3", instrument: "gse", items: Array(10).fill(1), score: 10 })).toEqual([]);
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

test("the first measure of a case is pre; after it the mentor chooses start or end", () => {
  expect(mustChoosePhase({}, "who5")).toBe(false);
  expect(mustChoosePhase({ measures: { who5: { pre: { at: "2026-01-01T00:00:00Z", score: 40 } } } }, "who5")).toBe(true);
  expect(mustChoosePhase({ measures: { who5: { pre: { at: "2026-01-01T00:00:00Z", score: 40 } } } }, "gse")).toBe(false);
});

describe("the dashboard's measure sums over the cases' latest measures", () => {
  const at = "2026-01-01T00:00:00Z";
  test("a pre alone, then a pre and a post with a meaningful improvement", () => {
    expect(measureSummary("who5", [{ pre: { at, score: 40 } }])).toEqual({ pre: { n: 1, sum: 40 }, post: { n: 0, sum: 0 }, pairs: 0, improved: 0 });
    expect(measureSummary("who5", [{ pre: { at, score: 40 }, post: { at, score: 56 } }])).toEqual({ pre: { n: 1, sum: 40 }, post: { n: 1, sum: 56 }, pairs: 1, improved: 1 });
  });
  test("a change under 10 points is not an improvement; GSE has no threshold", () => {
    expect(measureSummary("who5", [{ pre: { at, score: 40 }, post: { at, score: 48 } }]).improved).toBe(0);
    expect(measureSummary("gse", [{ pre: { at, score: 10 }, post: { at, score: 40 } }]).improved).toBe(0);
  });
  test("over several cases, some without measures", () => {
    const r = measureSummary("who5", [{ pre: { at, score: 40 }, post: { at, score: 60 } }, { pre: { at, score: 52 } }, undefined]);
    expect(r).toEqual({ pre: { n: 2, sum: 92 }, post: { n: 1, sum: 60 }, pairs: 1, improved: 1 });
  });
});
