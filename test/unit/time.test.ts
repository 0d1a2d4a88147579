import { formatLocal, isWorkingDay, localToInstant, nextWorkingDay, reflectionNudgeAt } from "../../src/domain/time";

test("Copenhagen local time becomes the right instant in winter and summer", () => {
  expect(localToInstant("2026-11-24", "14:30")?.toISOString()).toBe("2026-11-24T13:30:00.000Z");
  expect(localToInstant("2026-06-10", "14:30")?.toISOString()).toBe("2026-06-10T12:30:00.000Z");
  expect(localToInstant("2026-02-30", "10:00")).toBeUndefined();
  expect(localToInstant("2026-11-24", "25:00")).toBeUndefined();
});

test.each([
  ["2026-11-24", true], // Tuesday
  ["2026-11-28", false], // Saturday
  ["2026-11-29", false], // Sunday
  ["2026-12-25", false], // Juledag
  ["2026-04-02", false], // Skærtorsdag
  ["2026-05-14", false], // Kristi himmelfartsdag
  ["2026-05-25", false], // 2. pinsedag
  ["2024-04-26", true], // Store Bededag, abolished from 2024
  ["2026-06-05", true], // Grundlovsdag: only an afternoon off by agreement, not a public holiday
])("%s is a working day: %s", (date, expected) => {
  expect(isWorkingDay(date)).toBe(expected);
});

test("a corps' extra days off are not working days", () => {
  expect(isWorkingDay("2026-12-24", ["2026-12-24"])).toBe(false);
  expect(nextWorkingDay("2026-12-23", ["2026-12-24"])).toBe("2026-12-28");
});

test("the next working day skips Easter", () => {
  expect(nextWorkingDay("2026-04-01")).toBe("2026-04-07");
});

describe("the nudge to reflect", () => {
  test("an hour after the planned time on the same working day", () => {
    expect(reflectionNudgeAt(localToInstant("2026-11-24", "14:00")!).toISOString()).toBe("2026-11-24T14:00:00.000Z"); // 15:00 local
  });
  test("a late conversation is followed up the next working morning", () => {
    expect(reflectionNudgeAt(localToInstant("2026-11-27", "19:30")!).toISOString()).toBe("2026-11-30T08:00:00.000Z"); // Fri → Mon 09:00
  });
  test("a conversation on a holiday is followed up the next working morning", () => {
    expect(reflectionNudgeAt(localToInstant("2026-12-25", "11:00")!).toISOString()).toBe("2026-12-28T08:00:00.000Z");
  });
  test("an early morning conversation is followed up at nine the same day", () => {
    expect(reflectionNudgeAt(localToInstant("2026-11-24", "06:00")!).toISOString()).toBe("2026-11-24T08:00:00.000Z");
  });
});

test("dates are shown the Danish way", () => {
  expect(formatLocal(new Date("2026-11-24T13:30:00Z"), "da")).toBe("tirsdag 24. november kl. 14:30");
  expect(formatLocal(new Date("2026-11-24T13:30:00Z"), "en")).toBe("Tuesday 24 November at 14:30");
});
