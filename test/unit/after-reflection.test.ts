// The after-reflection over a closed case (001 §5.4): the coach's part first, then the coordinator's joint one with
// the colleagues, the learning for the infohus and the themes; open for 30 days after the closing.
import { randomUUID } from "node:crypto";
import { AFTER_REFLECTION_DAYS, afterReflectionParts, applyAfterReflection, decideAfterReflection, learningRows } from "../../src/domain/after-reflection";
import { toCsv } from "../../src/domain/csv";
import type { Case } from "../../src/domain/model";

const COACH = "0000000d-0000-0000-0000-000000000002";
const OTHER = "0000000d-0000-0000-0000-000000000003";
const COORD = "0000000d-0000-0000-0000-000000000001";
const closedAt = "2026-11-02T10:00:00.000Z";
const closed = {
  type: "case",
  id: "case-1",
  corpsId: "c",
  code: "ME-2345",
  kind: "mentor",
  coachId: COACH,
  coordinatorId: COORD,
  status: "closed",
  closedAt,
  closeReason: "goalsReached",
  referral: { receivedAt: "2026-01-01T10:00:00Z", dimensions: [] },
  goalForm: { worries: "", working: "", goals: [] },
  openedAt: "2026-01-15T10:00:00Z",
  flags: [],
  notices: [],
  version: 3,
  revision: 0,
  applied: [],
} as unknown as Case;
const card = (values: Record<string, string>) => ({ caseId: closed.id, submissionId: randomUUID(), ...values });
const day = (n: number) => new Date(Date.parse(closedAt) + n * 86_400_000);
const coach = decideAfterReflection("coach");
const coordinator = decideAfterReflection("coordinator");

test("the coach's part: theirs, of a closed case, with at least one answer; any card version", () => {
  const d = coach(card({ a1: "Mødet på biblioteket", a7: " Tidligere sparring " }), closed, COACH, day(1));
  expect(d.kind === "ok" && d.entry).toMatchObject({ type: "afterReflection", role: "coach", authorId: COACH, answers: ["Mødet på biblioteket", "", "", "", "", "", "Tidligere sparring"] });
  expect(d.kind === "ok" && "themes" in d.entry).toBe(false);
  expect(coach(card({}), closed, COACH, day(1))).toEqual({ kind: "refused", problems: [{ field: "", code: "required" }] });
  expect(coach(card({ a1: "Noget" }), closed, OTHER, day(1))).toEqual({ kind: "stale", reason: "notFound" });
  expect(coach(card({ a1: "Noget" }), { ...closed, status: "active" }, COACH, day(1))).toEqual({ kind: "stale", reason: "notFound" });
  // Themes are the coordinator's: a coach's card that sends some has them ignored.
  const withThemes = coach(card({ a1: "Noget", themes: "safety" }), closed, COACH, day(1));
  expect(withThemes.kind === "ok" && withThemes.entry.themes).toBeUndefined();
});

test("the coordinator's part: colleagues, learning and themes from the list; identifiers refused, field by field", () => {
  const d = coordinator(card({ learning: "Skolen tidligt med", colleagues: "Bo: fritiden", themes: "otherActors,nextStep,otherActors" }), closed, COORD, day(2));
  expect(d.kind === "ok" && d.entry).toMatchObject({ role: "coordinator", learning: "Skolen tidligt med", colleagues: "Bo: fritiden", themes: ["otherActors", "nextStep"] });
  expect(coordinator(card({ themes: "otherActors,everything" }), closed, COORD, day(2))).toEqual({ kind: "refused", problems: [{ field: "themes", code: "invalid" }] });
  expect(coordinator(card({ learning: "Ring 22 33 44 55" }), closed, COORD, day(2))).toEqual({ kind: "refused", problems: [{ field: "learning", code: "phone" }] });
  // Only themes ticked is a part too (the meeting may name its themes before its words are written).
  expect(coordinator(card({ themes: "method" }), closed, COORD, day(2)).kind).toBe("ok");
});

test(`open until ${AFTER_REFLECTION_DAYS} days after the closing, to the minute`, () => {
  const last = new Date(Date.parse(closedAt) + AFTER_REFLECTION_DAYS * 86_400_000);
  expect(coach(card({ a1: "Sidst" }), closed, COACH, last).kind).toBe("ok");
  expect(coach(card({ a1: "For sent" }), closed, COACH, new Date(last.getTime() + 60_000))).toEqual({ kind: "stale", reason: "afterWindow" });
  expect(coordinator(card({ learning: "For sent" }), closed, COORD, new Date(last.getTime() + 60_000))).toEqual({ kind: "stale", reason: "afterWindow" });
});

test("the case keeps the latest part of each role, and the themes of the coordinator's latest; applied in any order", () => {
  const first = coordinator(card({ themes: "method" }), closed, COORD, day(2));
  const second = coordinator(card({ themes: "safety" }), closed, COORD, day(3));
  const theirs = coach(card({ a1: "Noget" }), closed, COACH, day(1));
  if (first.kind !== "ok" || second.kind !== "ok" || theirs.kind !== "ok") throw new Error("refused");
  const inOrder = [theirs.entry, first.entry, second.entry].reduce(applyAfterReflection, closed);
  const outOfOrder = [second.entry, theirs.entry, first.entry].reduce(applyAfterReflection, closed);
  expect(inOrder.afterReflection).toEqual(outOfOrder.afterReflection);
  expect(inOrder.afterReflection).toMatchObject({ themes: ["safety"], coach: { entryId: theirs.entry.id }, coordinator: { entryId: second.entry.id } });
  expect(afterReflectionParts([first.entry, theirs.entry, second.entry])).toEqual({ coach: theirs.entry, coordinator: second.entry });
});

test("the learning export: closed cases whose joint part holds learning or themes, newest first; a cell with ; \" or a line break is quoted", () => {
  const joint = coordinator(card({ learning: 'Skolen; tidligt "med"\nog fritiden', themes: "otherActors" }), closed, COORD, day(2));
  const coachOnly = coach(card({ a1: "Noget" }), closed, COACH, day(1));
  if (joint.kind !== "ok" || coachOnly.kind !== "ok") throw new Error("refused");
  const newer = { ...closed, id: "case-2", code: "ME-3456", closedAt: "2026-11-20T10:00:00.000Z" };
  const open = { ...closed, id: "case-3", code: "ME-4567", status: "active" as const };
  const rows = learningRows([closed, newer, open], new Map([[closed.id, joint.entry], [newer.id, { ...joint.entry, learning: "Nyere" }], [open.id, joint.entry]]));
  expect(rows.map((r) => r.code)).toEqual(["ME-3456", "ME-2345"]);
  expect(learningRows([closed], new Map([[closed.id, coachOnly.entry]]))).toEqual([]); // the coach's part is not the joint one
  expect(toCsv([["Kode", "Læring"], [rows[1].code, rows[1].learning]])).toBe('Kode;Læring\r\nME-2345;"Skolen; tidligt ""med""\nog fritiden"\r\n');
});
