// The coach's cue for a case: the first goal, shortened, or their own name for it (src/domain/case-label.ts).
import { decideCaseLabel, withLabel } from "../../src/domain/case-label";
import { emptyCaseIndex, indexItemOf, shortened, withCase } from "../../src/domain/derive";
import { Case } from "../../src/domain/model";

const COACH = "11111111-1111-4111-8111-111111111111";
const aCase = (over: Partial<Case> = {}) =>
  Case.parse({
    type: "case",
    id: "case-1",
    corpsId: "corps-test",
    code: "ME-1111",
    kind: "mentor",
    coachId: COACH,
    coordinatorId: "22222222-2222-4222-8222-222222222222",
    status: "active",
    referral: { receivedAt: "2026-11-01T10:00:00Z", dimensions: [2] },
    goalForm: { worries: "", working: "", goals: [{ id: "g1", text: "At komme i skole hver dag og blive der hele dagen uden at gå tidligt hjem", score: 3 }] },
    openedAt: "2026-11-02T10:00:00Z",
    version: 1,
    ...over,
  });

test("the first goal, cut at a word with an ellipsis, is the case's cue", () => {
  expect(indexItemOf(aCase()).cue).toBe("At komme i skole hver dag og blive der hele dagen…");
  expect(shortened("Kort mål", 50)).toBe("Kort mål");
  expect(shortened("  mange   mellemrum  ", 50)).toBe("mange mellemrum");
  expect(shortened("Etordudenmellemrumderbareblivervedogved", 20)).toBe("Etordudenmellemrumd…");
  expect(indexItemOf(aCase({ goalForm: { worries: "", working: "", goals: [] } })).cue).toBeUndefined();
});

test("a label: trimmed, at most 40 characters, under the privacy guard; the empty text is no label", () => {
  expect(decideCaseLabel({ label: "  onsdage   på biblioteket " })).toEqual({ kind: "ok", label: "onsdage på biblioteket" });
  expect(decideCaseLabel({ label: "" })).toEqual({ kind: "ok", label: "" });
  expect(decideCaseLabel({})).toEqual({ kind: "ok", label: "" });
  expect(decideCaseLabel({ label: "x".repeat(41) })).toEqual({ kind: "refused", problems: [{ field: "label", code: "tooLongLabel" }] });
  expect(decideCaseLabel({ label: "010203-1234" })).toMatchObject({ kind: "refused", problems: [{ code: "cpr" }] });
  expect(decideCaseLabel({ label: "mail a@b.dk" })).toMatchObject({ kind: "refused", problems: [{ code: "email" }] });
});

test("only the coach's open cases take a label; setting the same changes nothing; the case leaving takes its label along", () => {
  const c = aCase();
  const ix = withCase(emptyCaseIndex("corps-test", COACH), c)!;
  expect(withLabel(ix, "case-other", "x")).toBeUndefined();
  const named = withLabel(ix, c.id, "torsdage")!;
  expect(named.labels).toEqual({ [c.id]: "torsdage" });
  expect(withLabel(named, c.id, " torsdage ")).toBeUndefined();
  expect(withLabel(named, c.id, "")!.labels).toEqual({});
  // A change to the case keeps the label; closing it or passing it on removes both.
  const changed = withCase(named, { ...c, revision: 5, goalForm: { ...c.goalForm, goals: [{ id: "g1", text: "Nyt mål", score: 4 }] } })!;
  expect(changed.labels).toEqual({ [c.id]: "torsdage" });
  expect(changed.cases[0].cue).toBe("Nyt mål");
  const closed = withCase(named, { ...c, revision: 6, status: "closed" })!;
  expect(closed.cases).toEqual([]);
  expect(closed.labels).toEqual({});
  const passed = withCase(named, { ...c, revision: 6, coachId: "33333333-3333-4333-8333-333333333333" })!;
  expect(passed.labels).toEqual({});
});
