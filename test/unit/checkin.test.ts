// The monthly check-in's schedule (issue 9, first part): Danish working days, the coordinator's choices, late sends.
import { checkInOf, dueState, nextMonth } from "../../src/domain/checkin";
import { localDate, localTime } from "../../src/domain/time";

const when = (d: Date) => `${localDate(d)} ${localTime(d)}`;

test.each([
  ["2026-01", "2026-01-02 09:00"], // 1 Jan is Nytårsdag
  ["2026-02", "2026-02-02 09:00"], // 1 Feb is a Sunday
  ["2026-04", "2026-04-01 09:00"],
  ["2026-05", "2026-05-01 09:00"], // 1 May is not a public holiday (an afternoon off by agreement at most)
  ["2026-06", "2026-06-01 09:00"],
  ["2026-11", "2026-11-02 09:00"], // 1 Nov is a Sunday
  ["2027-03", "2027-03-01 09:00"],
  ["2027-04", "2027-04-01 09:00"], // Easter 2027 is 28 March: 1 April is an ordinary Thursday
])("the default check-in of %s is the first working day at 09:00: %s", (month, expected) => {
  expect(when(checkInOf(month)!.at)).toBe(expected);
});

test("Easter: a check-in that falls on Skærtorsdag, Langfredag and 2. påskedag moves to the Tuesday after", () => {
  // Easter 2026: Skærtorsdag 2 April, Langfredag 3 April, 2. påskedag 6 April.
  expect(when(checkInOf("2026-04", { day: 2 })!.at)).toBe("2026-04-07 09:00");
});

test("mentors are asked three working days before, skipping weekends and holidays", () => {
  expect(when(checkInOf("2026-12")!.askAt)).toBe("2026-11-26 09:00"); // check-in Tue 1 Dec → Thu 26 Nov
  expect(when(checkInOf("2026-01")!.askAt)).toBe("2025-12-29 09:00"); // Fri 2 Jan → over Nytår, juledagene and the weekend
  // Tue 7 April 2026: 2. påskedag, Langfredag and Skærtorsdag are not working days → 1 April, 31 March, 30 March.
  expect(when(checkInOf("2026-04", { day: 7 })!.askAt)).toBe("2026-03-30 09:00");
});

test("the coordinator's day, hour, skipped months and extra days off", () => {
  expect(checkInOf("2026-07", { skipMonths: ["2026-07"] })).toBeUndefined();
  expect(when(checkInOf("2026-09", { day: 15, time: "13:30" })!.at)).toBe("2026-09-15 13:30");
  expect(when(checkInOf("2026-08", { day: 15 })!.at)).toBe("2026-08-17 09:00"); // Saturday → Monday
  expect(when(checkInOf("2026-12", {}, ["2026-12-01"])!.at)).toBe("2026-12-02 09:00");
});

test("daylight saving: 09:00 in Copenhagen is 08:00 UTC in winter and 07:00 UTC in summer", () => {
  expect(checkInOf("2026-03")!.at.toISOString()).toBe("2026-03-02T08:00:00.000Z");
  expect(checkInOf("2026-04")!.at.toISOString()).toBe("2026-04-01T07:00:00.000Z");
});

test("a year of check-ins: twelve, each on a working day, each in its month, in order", () => {
  let month = "2027-01";
  const seen: string[] = [];
  for (let i = 0; i < 12; i++, month = nextMonth(month)) seen.push(localDate(checkInOf(month)!.at));
  expect(seen.map((d) => d.slice(0, 7))).toEqual(["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"].map((m) => `2027-${m}`));
  expect([...seen].sort()).toEqual(seen);
});

test("a check-in found late is sent if at most seven days late, else missed", () => {
  const at = checkInOf("2026-12")!.at;
  expect(dueState(at, new Date(at.getTime() - 1))).toBe("notYet");
  expect(dueState(at, at)).toBe("send");
  expect(dueState(at, new Date(at.getTime() + 7 * 24 * 3600_000))).toBe("send");
  expect(dueState(at, new Date(at.getTime() + 7 * 24 * 3600_000 + 1))).toBe("missed");
});
