// The access log's lines (src/domain/access-log.ts): one per request and kind of access, each case once, split when a
// corps is very large; flows named for a reader.
import { ACCESS_CASES_MAX, accessLines, AccessLine, flowName } from "../../src/domain/access-log";

const BY = "0000000D-0000-0000-0000-000000000002";
const at = new Date("2026-11-25T10:00:00Z");

test("one line per action and role, each case once, in the order first reached", () => {
  const lines = accessLines("req", "corps-1", BY, "coord.case", at, [
    { action: "read", role: "coordinator", caseIds: ["b", "a"] },
    { action: "read", role: "coordinator", caseIds: ["a", "c"] },
    { action: "update", role: "coordinator", caseIds: ["a"] },
    { action: "read", role: "coach", caseIds: [] },
  ]);
  expect(lines.map((l) => [l.action, l.role, l.caseIds])).toEqual([
    ["read", "coordinator", ["b", "a", "c"]],
    ["update", "coordinator", ["a"]],
  ]);
  for (const l of lines) expect(AccessLine.parse(l)).toEqual(l);
  expect(lines[0]).toMatchObject({ by: BY.toLowerCase(), at: at.toISOString(), flow: "coord.case", corpsId: "corps-1" });
  expect(new Set(lines.map((l) => l.id)).size).toBe(2);
});

test("a corps larger than a line holds is split into several lines, none over the cap", () => {
  const ids = Array.from({ length: ACCESS_CASES_MAX * 2 + 1 }, (_, i) => `case-${i}`);
  const lines = accessLines("req", "corps-1", BY, "api:dashboard", at, [{ action: "aggregate", role: "leader", caseIds: ids }]);
  expect(lines.map((l) => l.caseIds.length)).toEqual([ACCESS_CASES_MAX, ACCESS_CASES_MAX, 1]);
  expect(lines.flatMap((l) => l.caseIds)).toEqual(ids);
});

test.each([
  ["prepare.open", "forbered samtale"],
  ["checkin.submit", "månedlig status"],
  ["coord.access", "adgangslog"],
  ["coord.case", "koordinering"],
  ["api:dashboard", "fanen: korpsets tal"],
  ["api:tab-cases", "fanen: forløb"],
  ["something.new", "something"],
])("the flow %s reads «%s»", (flow, name) => expect(flowName(flow, "da")).toBe(name));
