import { correctedEntry, deletedEntry, mayCorrect, rebuildCase } from "../../src/domain/corrections";
import { applyEntry } from "../../src/domain/derive";
import { Case, type Entry } from "../../src/domain/model";

const MENTOR = "0000000d-0000-0000-0000-000000000002";
const OTHER = "0000000d-0000-0000-0000-000000000005";
const base = { corpsId: "c", caseId: "k", authorId: MENTOR };

const start = Case.parse({
  type: "case",
  id: "k",
  corpsId: "c",
  code: "ME-AB12",
  kind: "mentor",
  coachId: MENTOR,
  coordinatorId: "0000000d-0000-0000-0000-000000000001",
  status: "active",
  referral: { receivedAt: "2026-01-01T00:00:00Z", dimensions: [1] },
  goalForm: { worries: "", working: "", goals: [{ id: "g1", text: "Gå i skole", score: 5 }] },
  openedAt: "2026-01-01T00:00:00Z",
  version: 1,
});

const prep = (id: string, at: string, text = "En plan"): Entry => ({
  ...base,
  type: "preparation",
  id,
  createdAt: at,
  answers: [text, "", "", ""],
  focusGoalIds: ["g1"],
  safety: { place: "yes", roles: "yes", assumptions: "yes", risk: "notRelevant" },
  plannedAt: at,
});
const refl = (id: string, at: string, score: number, previous: number, extra: Partial<Extract<Entry, { type: "reflection" }>> = {}): Entry => ({
  ...base,
  type: "reflection",
  id,
  createdAt: at,
  answers: [`Svar ${id}`, "", "", "", "", "", "", ""],
  goalScores: [{ goalId: "g1", score, previous }],
  match: "ja",
  wantsSparring: false,
  ...extra,
});

const p1 = prep("p1", "2026-03-02T08:00:00Z");
const r1 = refl("r1", "2026-03-02T12:00:00Z", 6, 5, { match: "usikker", progress: 4 });
const p2 = prep("p2", "2026-03-09T08:00:00Z", "Plan to");
const r2 = refl("r2", "2026-03-09T12:00:00Z", 8, 6, { progress: 6 });
const all = [p1, r1, p2, r2];
const derived = (entries: readonly Entry[]) => entries.reduce(applyEntry, start);
/** What a reader sees of a case's read models (bookkeeping left out). */
const seen = (c: Case) => ({ goals: c.goalForm.goals, plan: c.plan, lastReflection: c.lastReflection, progress: c.progress, method: c.method, measures: c.measures, flags: c.flags.map((f) => f.id) });

describe("who may correct or delete an entry, and when", () => {
  const now = new Date(Date.parse(r1.createdAt) + 7 * 86_400_000);
  test("the author, within seven days", () => expect(mayCorrect(r1, MENTOR, now)).toBe(true));
  test("not a minute later", () => expect(mayCorrect(r1, MENTOR, new Date(now.getTime() + 60_000))).toBe(false));
  test("not someone else", () => expect(mayCorrect(r1, OTHER, now)).toBe(false));
  test("not a deleted entry", () => expect(mayCorrect(deletedEntry(r1, now), MENTOR, now)).toBe(false));
  test("not a monthly check-in answer", () =>
    expect(mayCorrect({ ...base, type: "statusCheckIn", id: "s", createdAt: r1.createdAt, month: "2026-03", state: "onTrack", goalsStillRelevant: true }, MENTOR, now)).toBe(false));
});

describe("a correction", () => {
  const at = new Date("2026-03-03T09:00:00Z");
  const fixed = refl("reflection-new", "2026-03-03T09:00:00Z", 7, 5, { match: "ja", progress: 4, answers: ["Rettet svar", "", "", "", "", "", "", ""] });
  test("keeps the entry's id and time and records what it said before", () => {
    const c = correctedEntry(r1, fixed, MENTOR, "sub-1", at)!;
    expect(c).toMatchObject({ id: "r1", createdAt: r1.createdAt, answers: ["Rettet svar", "", "", "", "", "", "", ""], match: "ja" });
    expect(c.history).toEqual([{ at: at.toISOString(), by: MENTOR, submissionId: "sub-1", previous: expect.objectContaining({ answers: r1.type === "reflection" && r1.answers, match: "usikker" }) }]);
  });
  test("replayed (the same submission) is recorded once", () => {
    const once = correctedEntry(r1, fixed, MENTOR, "sub-1", at)!;
    expect(correctedEntry(once, fixed, MENTOR, "sub-1", at)).toBeUndefined();
  });
});

test("a deleted entry keeps no free text, not even in its history", () => {
  const once = correctedEntry(r1, { ...r1, agreements: "Vi ses torsdag" } as Entry, MENTOR, "s", new Date("2026-03-03T00:00:00Z"))!;
  const gone = deletedEntry(once, new Date("2026-03-04T00:00:00Z"));
  expect(JSON.stringify(gone)).not.toContain("Svar r1");
  expect(JSON.stringify(gone)).not.toContain("torsdag");
  expect(gone.deletedAt).toBe("2026-03-04T00:00:00.000Z");
});

describe("the case's read models follow", () => {
  test("deleting the latest reflection: the case is as if it had never been written", () => {
    const c = derived(all);
    expect(c.goalForm.goals[0].score).toBe(8);
    const after = rebuildCase(c, [p1, r1, p2, deletedEntry(r2, new Date("2026-03-09T09:00:00Z"))]);
    expect(seen(after)).toEqual(seen(derived([p1, r1, p2])));
    expect(after.goalForm.goals[0].score).toBe(6);
    expect(after.lastReflection?.entryId).toBe("r1");
    expect(after.plan?.text).toBe("Plan to"); // the second conversation is prepared, and not reflected on any more
    expect(after.method?.pending?.entryId).toBe("p2");
  });

  test("deleting every reflection puts a goal back at the score the first one started from", () => {
    const after = rebuildCase(derived(all), [p1, deletedEntry(r1, new Date("2026-03-09T09:00:00Z")), p2, deletedEntry(r2, new Date("2026-03-09T09:00:00Z"))]);
    expect(after.goalForm.goals[0].score).toBe(5);
    expect(after.progress).toBeUndefined();
    expect(after.lastReflection).toBeUndefined();
  });

  test("correcting the match to ja takes the flag away; a delivered flag that still holds keeps its delivery", () => {
    const c = derived(all);
    expect(c.flags.map((f) => f.id)).toEqual(["r1:match"]);
    const sent = { ...c, flags: c.flags.map((f) => ({ ...f, delivery: "sent" as const })) };
    expect(rebuildCase(sent, all).flags).toEqual(sent.flags);
    const fixed = correctedEntry(r1, { ...r1, match: "ja" } as Entry, MENTOR, "s", new Date("2026-03-09T09:00:00Z"))!;
    expect(rebuildCase(sent, [p1, fixed, p2, r2]).flags).toEqual([]);
  });

  test("a corrected score and progress are what the case shows", () => {
    const fixed = correctedEntry(r2, { ...r2, goalScores: [{ goalId: "g1", score: 3, previous: 6 }], progress: 2 } as Entry, MENTOR, "s", new Date("2026-03-09T09:00:00Z"))!;
    const after = rebuildCase(derived(all), [p1, r1, p2, fixed]);
    expect(after.goalForm.goals[0].score).toBe(3);
    expect(after.progress?.map((p) => p.value)).toEqual([4, 2]);
  });

  test("the rebuilt case is newer than the one it replaces (projections take it)", () => {
    const c = derived(all);
    expect(rebuildCase(c, all).revision).toBeGreaterThan(c.revision);
  });
});
