// The corps gatherings' pure rules (src/domain/gatherings.ts): planning, presenters, held/cancelled, the schedule of
// messages in Copenhagen time, and the year's count. Every instant is fixed here: nothing depends on today's date.
import {
  askAt,
  decideCancel,
  decideHeld,
  decidePlan,
  decidePresenters,
  FACILITATION_QUESTIONS,
  heldInYear,
  inviteAt,
  MAX_PER_YEAR,
  previousWorkingDay,
  remindAt,
  onCard,
  type Gathering,
} from "../../src/domain/gatherings";

const NOW = new Date("2027-01-04T08:00:00Z"); // Monday 4 January 2027, 09:00 in Copenhagen
const ids = { uuid: "11111111-1111-4111-8111-111111111111", corpsId: "demo", by: "22222222-2222-4222-8222-222222222222" };
const plan = (values: Record<string, string>, existing: Gathering[] = []) => decidePlan(values, existing, ids, NOW);
const planned = (at: string, extra: Partial<Gathering> = {}): Gathering => {
  const d = decidePlan({ date: at.slice(0, 10), time: at.slice(11, 16), place: "Rådhuset, lokale 2" }, [], ids, new Date("2026-01-01T00:00:00Z"));
  if (d.kind !== "planned") throw new Error("not planned");
  return { ...d.gathering, ...extra };
};

describe("planning", () => {
  test("a date and time in Copenhagen become the instant; the gathering starts planned with no presenters", () => {
    const d = plan({ date: "2027-03-10", time: "14:00", place: "Rådhuset, lokale 2" });
    expect(d).toMatchObject({ kind: "planned", gathering: { id: `gathering-${ids.uuid}`, at: "2027-03-10T13:00:00.000Z", status: "planned", presenters: [], place: "Rådhuset, lokale 2" } });
  });

  test("a past date, a missing place, a date that is not one, and a CPR number in the place are refused, field by field", () => {
    expect(plan({ date: "2027-01-04", time: "08:59", place: "Teams" })).toEqual({ kind: "refused", problems: [{ field: "date", code: "past" }] });
    expect(plan({ date: "2027-03-10", time: "14:00", place: " " })).toEqual({ kind: "refused", problems: [{ field: "place", code: "required" }] });
    expect(plan({ date: "2027-02-30", time: "14:00", place: "Teams" })).toEqual({ kind: "refused", problems: [{ field: "date", code: "invalid" }] });
    expect(plan({ date: "2027-03-10", time: "14:00", place: "Hos 010190-1234" })).toEqual({ kind: "refused", problems: [{ field: "place", code: "cpr" }] });
  });

  test("at most twelve a year (cancelled ones do not count)", () => {
    const year = Array.from({ length: MAX_PER_YEAR }, (_, i) => planned(`2027-${String(i + 1).padStart(2, "0")}-20T10:00`));
    expect(plan({ date: "2027-12-21", time: "10:00", place: "Teams" }, year)).toEqual({ kind: "refused", problems: [{ field: "date", code: "tooMany" }] });
    expect(plan({ date: "2028-01-21", time: "10:00", place: "Teams" }, year).kind).toBe("planned");
    year[0] = { ...year[0], status: "cancelled" };
    expect(plan({ date: "2027-12-21", time: "10:00", place: "Teams" }, year).kind).toBe("planned");
  });
});

describe("presenters", () => {
  const member = (id: string, roles: Array<"mentor" | "relativeCoach" | "coordinator">, leftAt?: string) => ({ aadObjectId: id, roles, leftAt });
  const A = "aaaaaaaa-0000-4000-8000-000000000001";
  const B = "aaaaaaaa-0000-4000-8000-000000000002";
  const C = "aaaaaaaa-0000-4000-8000-000000000003";
  const D = "aaaaaaaa-0000-4000-8000-000000000004";
  const members = [member(A, ["mentor"]), member(B, ["relativeCoach"]), member(C, ["mentor", "coordinator"]), member(D, ["coordinator"])];
  const g = planned("2027-03-10T14:00");

  test("two or three of the corps' mentors and relative coaches", () => {
    expect(decidePresenters(g, [A, B.toUpperCase(), A], members, NOW)).toMatchObject({ kind: "chosen", gathering: { presenters: [A, B] } });
    expect(decidePresenters(g, [], members, NOW)).toMatchObject({ kind: "chosen", gathering: { presenters: [] } });
  });

  test("not a coordinator only, not someone who left, not four, not for a gathering that is over", () => {
    expect(decidePresenters(g, [A, D], members, NOW)).toEqual({ kind: "refused", problems: [{ field: "presenters", code: "notCoach" }] });
    expect(decidePresenters(g, [A], [member(A, ["mentor"], NOW.toISOString())], NOW)).toEqual({ kind: "refused", problems: [{ field: "presenters", code: "notCoach" }] });
    expect(decidePresenters(g, [A, B, C, "aaaaaaaa-0000-4000-8000-000000000005"], [...members, member("aaaaaaaa-0000-4000-8000-000000000005", ["mentor"])], NOW)).toEqual({
      kind: "refused",
      problems: [{ field: "presenters", code: "tooManyPresenters" }],
    });
    expect(decidePresenters({ ...g, status: "cancelled" }, [A], members, NOW).kind).toBe("refused");
  });
});

describe("held and cancelled", () => {
  const g = planned("2027-03-10T14:00");
  test("held once it has begun; cancelled while planned; neither twice", () => {
    expect(decideHeld(g, new Date("2027-03-10T12:59:00Z"))).toEqual({ kind: "refused", problems: [{ field: "", code: "notYet" }] });
    const held = decideHeld(g, new Date("2027-03-10T15:00:00Z"));
    expect(held).toMatchObject({ kind: "held", gathering: { status: "held", heldAt: "2027-03-10T15:00:00.000Z" } });
    if (held.kind !== "held") throw new Error();
    expect(decideCancel(held.gathering, NOW).kind).toBe("refused");
    expect(decideHeld(held.gathering, NOW).kind).toBe("refused");
    expect(decideCancel(g, NOW)).toMatchObject({ kind: "cancelled", gathering: { status: "cancelled", cancelledAt: NOW.toISOString() } });
  });

  test("the year's count: held ones in that Copenhagen calendar year only", () => {
    const list = [
      planned("2027-03-10T14:00", { status: "held" }),
      planned("2027-06-10T14:00", { status: "held" }),
      planned("2027-09-10T14:00", { status: "cancelled" }),
      planned("2027-11-10T14:00"),
      // 00:30 on 1 January 2028 in Copenhagen is still 2027 in UTC: it counts for 2028.
      planned("2028-01-01T00:30", { status: "held" }),
    ];
    expect(heldInYear(list, 2027)).toBe(2);
    expect(heldInYear(list, 2028)).toBe(1);
  });
});

describe("the schedule, in Copenhagen time", () => {
  test("invitation fourteen days before at 09:00, or at once when planned later than that", () => {
    const g = planned("2027-03-10T14:00");
    expect(inviteAt(g, NOW).toISOString()).toBe("2027-02-24T08:00:00.000Z");
    expect(inviteAt(g, new Date("2027-03-01T10:00:00Z")).toISOString()).toBe("2027-03-01T10:00:00.000Z");
  });

  test("the presenters a week before at 09:00 (summer time: 07:00 UTC)", () => {
    expect(askAt(planned("2027-06-16T14:00"), NOW).toISOString()).toBe("2027-06-09T07:00:00.000Z");
  });

  test("the reminder the working day before: a Monday's on Friday, after Easter's holidays on the Wednesday before", () => {
    expect(remindAt(planned("2027-03-15T14:00"), [], NOW)?.toISOString()).toBe("2027-03-12T08:00:00.000Z");
    // Easter 2027: Maundy Thursday 25 March, Good Friday 26 March, Easter Monday 29 March.
    expect(previousWorkingDay("2027-03-30")).toBe("2027-03-24");
    expect(previousWorkingDay("2027-03-10", ["2027-03-09"])).toBe("2027-03-08");
    // Planned at short notice: the day before has passed, no reminder.
    expect(remindAt(planned("2027-01-04T14:00"), [], NOW)).toBeUndefined();
  });
});

test("the six facilitation questions are the guide's, verbatim (000, «Facilitering af sparringsmøder»)", () => {
  expect(FACILITATION_QUESTIONS).toHaveLength(6);
  expect(FACILITATION_QUESTIONS[0]).toBe("Beskriv en udfordrende situation / en situation hvor du lykkedes?");
  expect(FACILITATION_QUESTIONS[4]).toBe("Hvordan kan dette inspirere dine kollegaer til nye, bedre handle måder?");
});

test("the card lists this year's gatherings and those planned for a later year — a January gathering planned in December is there to choose presenters for", () => {
  const g = (at: string, status: "planned" | "held" | "cancelled" = "planned") => ({ at, status });
  const all = [g("2027-01-12T13:00:00.000Z"), g("2026-03-02T13:00:00.000Z", "held"), g("2025-11-02T13:00:00.000Z", "held"), g("2027-02-01T13:00:00.000Z", "cancelled")];
  expect(onCard(all, 2026).map((x) => x.at)).toEqual(["2026-03-02T13:00:00.000Z", "2027-01-12T13:00:00.000Z"]);
});
