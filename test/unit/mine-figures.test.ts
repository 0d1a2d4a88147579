// A coach's own figures (issue 20 §5, src/domain/mine.ts): their own cases over time, and how often THEY prepared and
// reflected — a case handed over to them keeps its goal history, but the previous coach's conversations are not theirs.
import type { Case, Entry } from "../../src/domain/model";
import { mineOf } from "../../src/domain/mine";

const ME = "0000000d-0000-0000-0000-000000000002";
const BEFORE = "0000000d-0000-0000-0000-000000000005";
const now = new Date("2026-11-25T09:00:00Z");
const base = { corpsId: "c", caseId: "k" };
const prep = (id: string, by: string, at: string): Entry => ({ ...base, type: "preparation", id, authorId: by, createdAt: at, plannedAt: at, answers: ["", "", "", ""], focusGoalIds: [], safety: { place: "yes", roles: "yes", assumptions: "yes", risk: "yes" } }) as Entry;
const refl = (id: string, by: string, at: string, score: number, previous: number): Entry =>
  ({ ...base, type: "reflection", id, authorId: by, createdAt: at, answers: ["", "", "", "", "", "", "", ""], goalScores: [{ goalId: "g1", score, previous }], match: "ja", wantsSparring: false }) as Entry;
const handedOver = {
  type: "case",
  id: "k",
  corpsId: "c",
  code: "ME-HAND",
  kind: "mentor",
  coachId: ME,
  status: "active",
  openedAt: "2026-08-01T10:00:00Z",
  goalForm: { worries: "", working: "", goals: [{ id: "g1", text: "Skole hver dag", score: 6 }] },
  progress: [{ at: "2026-08-20T10:00:00Z", value: 3 }],
  measures: { who5: { pre: { at: "2026-08-02T10:00:00Z", score: 40 }, post: { at: "2026-11-20T10:00:00Z", score: 56 } } },
} as unknown as Case;
const entries = new Map([["k", [prep("p1", BEFORE, "2026-09-03T10:00:00Z"), refl("r1", BEFORE, "2026-09-03T12:00:00Z", 4, 2), prep("p2", ME, "2026-10-08T10:00:00Z"), refl("r2", ME, "2026-10-08T12:00:00Z", 6, 4), { ...refl("r3", ME, "2026-10-20T12:00:00Z", 9, 6), deletedAt: "2026-10-21T08:00:00Z" } as Entry]]]);

test("the case's goal scores over time, whoever scored them; a deleted reflection is left out", () => {
  const m = mineOf([handedOver], entries, ME, now);
  expect(m.cases[0].goals).toEqual([{ id: "g1", text: "Skole hver dag", scores: [{ at: "2026-08-01T10:00:00Z", score: 2 }, { at: "2026-09-03T12:00:00Z", score: 4 }, { at: "2026-10-08T12:00:00Z", score: 6 }] }]);
  expect(m.cases[0].measures.who5).toEqual({ pre: { at: "2026-08-02T10:00:00Z", score: 40 }, post: { at: "2026-11-20T10:00:00Z", score: 56 }, change: 16 });
  expect(m.asOf).toBe(now.toISOString());
});

test("how often they prepared and reflected counts only their own entries, month by month for twelve months", () => {
  const m = mineOf([handedOver], entries, ME, now);
  expect(m.months.map((x) => x.month)).toEqual(["2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"]);
  expect(m.months.find((x) => x.month === "2026-09")).toMatchObject({ prepared: 0, reflections: 0 }); // the previous coach's
  expect(m.months.find((x) => x.month === "2026-10")).toEqual({ month: "2026-10", prepared: 1, reflectedOn: 1, reflections: 1, afterPreparation: 1, within24h: 1 });
});
