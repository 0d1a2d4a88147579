// The pure rules of erasure and retention (src/domain/erasure.ts).
import { closedBefore, decideErase, decideRetention, dueForErasure, entryWithoutText, erasureDate, lineWithout, requestWithout, roundWithout } from "../../src/domain/erasure";
import type { AccessLine } from "../../src/domain/access-log";
import type { CheckInRequest, CheckInRound } from "../../src/domain/checkin";
import type { Case } from "../../src/domain/model";

const coordinator = { roles: ["coordinator" as const], corpsId: "k" };
const c = { id: "case-1", corpsId: "k", code: "ME-4K2P" } as Case;

test("an erasure is confirmed by the case's code, however typed; anything else is refused; another corps or role: not found", () => {
  expect(decideErase({ confirmCode: " me-4k2p " }, c, coordinator)).toEqual({ kind: "ok" });
  expect(decideErase({ confirmCode: "ME - 4K2P" }, c, coordinator)).toEqual({ kind: "ok" });
  expect(decideErase({ confirmCode: "ME-4K2Q" }, c, coordinator)).toMatchObject({ kind: "refused", problems: [{ code: "codeMismatch" }] });
  expect(decideErase({}, c, coordinator)).toMatchObject({ kind: "refused", problems: [{ code: "required" }] });
  expect(decideErase({ confirmCode: c.code }, c, { roles: ["leader"], corpsId: "k" })).toEqual({ kind: "notFound" });
  expect(decideErase({ confirmCode: c.code }, c, { ...coordinator, corpsId: "other" })).toEqual({ kind: "notFound" });
  expect(decideErase({ confirmCode: c.code }, undefined, coordinator)).toEqual({ kind: "notFound" });
});

test("a closed case is due the moment its period after closing has passed, by Copenhagen's calendar (summer time too)", () => {
  const closed = { status: "closed" as const, closedAt: "2021-06-15T10:00:00.000Z" };
  const five = { closedMonths: 60 };
  expect(dueForErasure(closed, five, new Date("2026-06-15T09:59:59Z"))).toBe(false);
  expect(dueForErasure(closed, five, new Date("2026-06-15T10:00:01Z"))).toBe(true);
  expect(dueForErasure({ ...closed, status: "active" }, five, new Date("2030-01-01T00:00:00Z"))).toBe(false);
  expect(erasureDate(closed, five)).toBe("2026-06-15");
  // 31 March minus a month is the last day of February, at the same time of day in Copenhagen.
  expect(closedBefore(1, new Date("2026-03-31T10:00:00Z"))).toBe("2026-02-28T11:00:00.000Z"); // 12:00 summer time, a month back: 12:00 winter time
});

test("a shorter period that makes closed cases due at once must be confirmed; only the offered periods are taken", () => {
  const now = new Date("2026-11-25T09:00:00Z");
  const closed = [{ status: "closed" as const, closedAt: "2025-01-10T09:00:00.000Z" }, { status: "closed" as const, closedAt: "2026-10-01T09:00:00.000Z" }];
  expect(decideRetention({ closedMonths: "12" }, { closedMonths: 60 }, closed, "A", now)).toMatchObject({ kind: "refused", dueNow: { erase: 1, text: 0 }, problems: [{ field: "confirmErase" }] });
  expect(decideRetention({ closedMonths: "12", confirmErase: "true" }, { closedMonths: 60 }, closed, "A", now)).toMatchObject({ kind: "ok", dueNow: { erase: 1, text: 0 }, retention: { closedMonths: 12, changedBy: "a" } });
  expect(decideRetention({ closedMonths: "84" }, { closedMonths: 60 }, closed, "A", now)).toMatchObject({ kind: "ok", dueNow: { erase: 0, text: 0 } });
  // Free text after six months: the case closed in January loses its text (confirmed); the one in October keeps it.
  expect(decideRetention({ closedMonths: "84", freeTextMonths: "6" }, { closedMonths: 60 }, closed, "A", now)).toMatchObject({ kind: "refused", dueNow: { erase: 0, text: 1 } });
  expect(decideRetention({ closedMonths: "84", freeTextMonths: "6", confirmErase: "true" }, { closedMonths: 60 }, closed, "A", now)).toMatchObject({ kind: "ok", retention: { freeTextMonths: 6 } });
  // Keeping the text again drops the choice.
  const kept = decideRetention({ closedMonths: "60", freeTextMonths: "" }, { closedMonths: 60, freeTextMonths: 6 }, closed, "A", now);
  expect(kept).toMatchObject({ kind: "ok" });
  expect(kept.kind === "ok" && "freeTextMonths" in kept.retention).toBe(false);
  expect(decideRetention({ closedMonths: "60", freeTextMonths: "7" }, { closedMonths: 60 }, closed, "A", now)).toMatchObject({ kind: "refused", problems: [{ field: "freeTextMonths", code: "invalid" }] });
  expect(decideRetention({ closedMonths: "5" }, { closedMonths: 60 }, closed, "A", now)).toMatchObject({ kind: "refused", problems: [{ code: "invalid" }] });
});

test("an entry without its free text keeps its figures; one already without text is left as it is", () => {
  const base = { id: "e", corpsId: "k", caseId: "case-1", authorId: "0000000d-0000-0000-0000-000000000001", createdAt: "2026-01-01T00:00:00.000Z" };
  const reflection = { ...base, type: "reflection" as const, answers: ["a", "b", "c", "d", "e", "f", "g", "h"], goalScores: [{ goalId: "g1", score: 6 }], agreements: "ring fredag", match: "ja" as const, wantsSparring: false, history: [{ at: base.createdAt, by: base.authorId, submissionId: "s", previous: { answers: ["x"] } }] };
  const stripped = entryWithoutText(reflection)!;
  expect(stripped).toMatchObject({ answers: ["", "", "", "", "", "", "", ""], goalScores: [{ goalId: "g1", score: 6 }], match: "ja" });
  expect(stripped).not.toHaveProperty("agreements");
  expect(stripped).not.toHaveProperty("history");
  expect(entryWithoutText(stripped)).toBeUndefined();
  expect(entryWithoutText({ ...base, type: "statusCheckIn", month: "2026-01", state: "onTrack", goalsStillRelevant: true, note: "svært" })).not.toHaveProperty("note");
});

test("what stays of the case elsewhere: the access log's other cases, a round's other cases, a request's other cards", () => {
  const line = { type: "access", id: "l", corpsId: "k", at: "2026-01-01T00:00:00.000Z", by: "a", role: "coordinator", action: "read", flow: "coord.cases", caseIds: ["case-1", "case-2"] } as AccessLine;
  expect(lineWithout(line, "case-1")).toMatchObject({ caseIds: ["case-2"] });
  expect(lineWithout({ ...line, caseIds: ["case-1"] }, "case-1")).toBe("delete");
  expect(lineWithout({ ...line, action: "erase", caseIds: ["case-1"] }, "case-1")).toBeUndefined();
  expect(lineWithout(line, "case-3")).toBeUndefined();
  const round = { asked: { "case-1": "mentor", "case-2": "mentor" }, snoozed: ["case-1"] } as unknown as CheckInRound;
  expect(roundWithout(round, "case-1")).toMatchObject({ asked: { "case-2": "mentor" }, snoozed: [] });
  expect(roundWithout(round, "case-9")).toBeUndefined();
  const request = { caseIds: ["case-1", "case-2"], sends: [{ id: "ask:case-1" }, { id: "ask:case-2" }, { id: "remind" }] } as unknown as CheckInRequest;
  expect(requestWithout(request, "case-1")).toMatchObject({ caseIds: ["case-2"], sends: [{ id: "ask:case-2" }, { id: "remind" }] });
});
