import { answerCheck, deletePlanRow, emptyImplementation, PLAN_ROWS_MAX, planRowProblems, savePlanRow, type PlanRowInput } from "../../src/domain/implementation";

const by = "0000000d-0000-0000-0000-000000000004";
const other = "0000000d-0000-0000-0000-000000000001";
const now = new Date("2026-11-25T10:00:00Z");
const id = "6f1c2a52-4a0e-4c39-9d7e-0c7c1f0f2b11";
const row: PlanRowInput = {
  timeline: "1. kvartal 2027",
  area: "involvement",
  activities: "Læringsmøde med mentorer og forældrecoaches",
  milestones: "Første møde holdt",
  responsible: "Koordinatoren",
  status: "notStarted",
  evaluation: "",
};

describe("a plan row as sent", () => {
  test("a good row passes, trimmed", () => {
    expect(planRowProblems({ ...row, activities: "  Læringsmøde  " })).toEqual({ row: { ...row, activities: "Læringsmøde" }, problems: [] });
  });
  test("a phone number, a CPR number and an e-mail address are named by field and kind", () => {
    const { row: ok, problems } = planRowProblems({ ...row, responsible: "Anne, tlf 22 33 44 55", evaluation: "Se 010190-1234", milestones: "skriv til anne@kommune.dk" });
    expect(ok).toBeUndefined();
    expect(problems).toEqual(expect.arrayContaining([
      { field: "responsible", code: "phone" },
      { field: "evaluation", code: "cpr" },
      { field: "milestones", code: "email" },
    ]));
  });
  test("missing, unknown, too long and extra fields are refused", () => {
    expect(planRowProblems({ ...row, activities: "" }).problems).toEqual([{ field: "activities", code: "required" }]);
    expect(planRowProblems({ ...row, area: "weather" }).problems).toEqual([{ field: "area", code: "invalid" }]);
    expect(planRowProblems({ ...row, activities: "x".repeat(1001) }).problems).toEqual([{ field: "activities", code: "tooLong" }]);
    expect(planRowProblems({ ...row, citizen: "AB" }).problems).toHaveLength(1);
    const { status: _, ...noStatus } = row;
    expect(planRowProblems(noStatus).problems).toEqual([{ field: "status", code: "required" }]);
    expect(planRowProblems("row").problems).toHaveLength(1);
  });
});

describe("saving rows", () => {
  test("a new row, then an edit of the version seen", () => {
    const first = savePlanRow(emptyImplementation("c"), id, row, undefined, by, now);
    if (first.kind !== "saved") throw new Error(first.kind);
    expect(first.row).toMatchObject({ ...row, id, version: 1, updatedBy: by });
    const edit = savePlanRow(first.doc, id, { ...row, status: "underway" }, 1, other, now);
    if (edit.kind !== "saved") throw new Error(edit.kind);
    expect(edit.doc.rows).toEqual([expect.objectContaining({ status: "underway", version: 2, updatedBy: other })]);
  });
  test("the same request sent twice saves once", () => {
    const first = savePlanRow(emptyImplementation("c"), id, row, undefined, by, now);
    if (first.kind !== "saved") throw new Error(first.kind);
    expect(savePlanRow(first.doc, id, row, undefined, by, now)).toEqual({ kind: "unchanged", row: first.row });
  });
  test("an edit of an older version (someone saved meanwhile) is a conflict, and shows theirs", () => {
    const first = savePlanRow(emptyImplementation("c"), id, row, undefined, by, now);
    if (first.kind !== "saved") throw new Error(first.kind);
    const theirs = savePlanRow(first.doc, id, { ...row, status: "done" }, 1, other, now);
    if (theirs.kind !== "saved") throw new Error(theirs.kind);
    expect(savePlanRow(theirs.doc, id, { ...row, status: "underway" }, 1, by, now)).toEqual({ kind: "conflict", row: theirs.row });
    // A "new" row whose id exists already with other content is a conflict too.
    expect(savePlanRow(theirs.doc, id, { ...row, timeline: "2028" }, undefined, by, now).kind).toBe("conflict");
  });
  test("at most 100 rows", () => {
    let doc = emptyImplementation("c");
    for (let i = 0; i < PLAN_ROWS_MAX; i++) {
      const r = savePlanRow(doc, `6f1c2a52-4a0e-4c39-9d7e-${String(i).padStart(12, "0")}`, row, undefined, by, now);
      if (r.kind !== "saved") throw new Error(r.kind);
      doc = r.doc;
    }
    expect(savePlanRow(doc, id, row, undefined, by, now)).toEqual({ kind: "full" });
  });
  test("deleting: only the version seen; a row already gone is fine", () => {
    const first = savePlanRow(emptyImplementation("c"), id, row, undefined, by, now);
    if (first.kind !== "saved") throw new Error(first.kind);
    expect(deletePlanRow(first.doc, id, 2).kind).toBe("conflict");
    const gone = deletePlanRow(first.doc, id, 1);
    expect(gone).toEqual({ kind: "deleted", doc: { ...first.doc, rows: [] } });
    expect(deletePlanRow(emptyImplementation("c"), id, 1)).toEqual({ kind: "gone" });
  });
});

test("a checklist question answered, changed, cleared; the same answer again changes nothing", () => {
  const empty = emptyImplementation("c");
  const ja = answerCheck(empty, "p1", "ja", by, now);
  expect(ja.checklist.p1).toEqual({ answer: "ja", at: now.toISOString(), by });
  expect(answerCheck(ja, "p1", "ja", other, now)).toBe(ja);
  expect(answerCheck(ja, "p1", "delvist", other, now).checklist.p1.answer).toBe("delvist");
  expect(answerCheck(ja, "p1", null, by, now).checklist).toEqual({});
  expect(answerCheck(empty, "p1", null, by, now)).toBe(empty);
});
