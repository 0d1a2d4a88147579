import { findIdentifiers, findIdentifiersIn } from "../../src/domain/privacy";

describe("CPR numbers are found with or without the dash", () => {
  test.each([
    "Borgerens cpr er 010190-1234.",
    "cpr 0101901234",
    "010190 1234",
    "290200-4321", // 29 February: plausible without knowing the century
    "311299-0001",
    "Nyt nummer uden modulus-11: 150807-1239",
  ])("%s", (text) => {
    expect(findIdentifiers(text)).toContain("cpr");
  });
  test.each([
    "320190-1234", // no 32nd day
    "011390-1234", // no 13th month
    "310490-1234", // no 31 April
    "Sagsnummer 2026-0042",
    "Vi mødtes 12.03.2026 kl. 14",
  ])("not in %s", (text) => {
    expect(findIdentifiers(text)).not.toContain("cpr");
  });
});

describe("Danish phone numbers", () => {
  test.each(["ring 22334455", "+45 22 33 44 55", "0045 22-33-44-55", "+4522334455", "tlf. 2233 4455", "88 77 66 55"])("%s", (text) => {
    expect(findIdentifiers(text)).toEqual(["phone"]);
  });
  test.each(["12345678", "Han er 17 år og går i 9. klasse", "mødes kl. 14:30 på biblioteket", "score 7 af 10", "1 2 3 4"])("not in %s", (text) => {
    expect(findIdentifiers(text)).toEqual([]);
  });
});

describe("e-mail addresses", () => {
  test.each(["skriv til ahmed.k@gmail.com", "x_y+z@kommune.dk", "A@B.CO"])("%s", (text) => {
    expect(findIdentifiers(text)).toEqual(["email"]);
  });
  test.each(["vi mødes @ biblioteket", "hashtag #ung", "@Demo Koordinator"])("not in %s", (text) => {
    expect(findIdentifiers(text)).toEqual([]);
  });
});

test("several kinds in one text are each named once, in a fixed order", () => {
  expect(findIdentifiers("a@b.dk 22334455 010190-1234 44556677")).toEqual(["cpr", "phone", "email"]);
});

test("ordinary practitioner text passes", () => {
  expect(
    findIdentifiers("Vi talte om praktik. Han reagerede positivt på ros, og vi aftalte at mødes igen torsdag kl. 15 ved skolen."),
  ).toEqual([]);
});

test("findIdentifiersIn names the fields that must be refused", () => {
  expect(findIdentifiersIn({ q1: "fint", q2: "ring 22334455", q3: undefined, q4: "a@b.dk og 010190-1234" })).toEqual([
    { field: "q2", kinds: ["phone"] },
    { field: "q4", kinds: ["cpr", "email"] },
  ]);
});
