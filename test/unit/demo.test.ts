import { buildDemoData, DEMO } from "../../src/domain/demo";
import { Case, Corps, Directory, Entry, Member } from "../../src/domain/model";

const now = new Date("2026-11-23T12:00:00Z");
const demo = buildDemoData(now);

test("every demo document is valid by the domain's schemas", () => {
  expect(() => Corps.parse(demo.corps)).not.toThrow();
  for (const m of demo.members) Member.parse(m);
  for (const d of demo.directory) Directory.parse(d);
  for (const c of demo.cases) Case.parse(c);
  for (const e of demo.entries) Entry.parse(e);
});

test("about thirty cases of both kinds, some closed, with history up to a year back", () => {
  expect(demo.cases.length).toBeGreaterThanOrEqual(28);
  expect(new Set(demo.cases.map((c) => c.kind))).toEqual(new Set(["mentor", "relativeCoach"]));
  expect(demo.cases.filter((c) => c.status === "closed").length).toBeGreaterThan(3);
  const oldest = Math.min(...demo.entries.map((e) => Date.parse(e.createdAt)));
  expect(now.getTime() - oldest).toBeGreaterThan(300 * 86_400_000);
  expect(demo.entries.every((e) => Date.parse(e.createdAt) <= now.getTime())).toBe(true);
});

test("the demo mentor holds several active cases, each with goals and a last reflection", () => {
  const mine = demo.cases.filter((c) => c.coachId === DEMO.mentor && c.status !== "closed");
  expect(mine.length).toBeGreaterThanOrEqual(4);
  for (const c of mine) {
    expect(c.goalForm.goals.length).toBeGreaterThan(0);
    expect(c.lastReflection?.text).toBeTruthy();
  }
});

test("case codes are unique and pseudonymous", () => {
  const codes = demo.cases.map((c) => c.code);
  expect(new Set(codes).size).toBe(codes.length);
  for (const code of codes) expect(code).toMatch(/^(ME|PC)-[0-9A-Z]{4}$/);
});

test("the same clock gives the same demo", () => {
  expect(buildDemoData(now)).toEqual(demo);
});

test("on any day of the year, the demo mentor and relative coach each have an active case and one that is closing", () => {
  // A day in every month of 2027 (a different day and hour each time), and the days around New Year.
  for (let day = 0; day < 365; day += 29) {
    const at = new Date(Date.UTC(2027, 0, 1 + day, (day * 7) % 24, 30));
    const { cases } = buildDemoData(at);
    for (const coach of [DEMO.mentor, DEMO.relativeCoach]) {
      const mine = cases.filter((c) => c.coachId === coach);
      expect([at.toISOString(), coach, mine.some((c) => c.status === "active")]).toEqual([at.toISOString(), coach, true]);
      expect([at.toISOString(), coach, mine.some((c) => c.status === "closing")]).toEqual([at.toISOString(), coach, true]);
    }
    expect(cases.filter((c) => c.coachId === DEMO.mentor && c.status === "active").length).toBeGreaterThanOrEqual(4);
  }
});
