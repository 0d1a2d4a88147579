import { findIdentifiers, findIdentifiersIn } from "../../src/domain/privacy";

// Characters that are hard to see in source: written as escapes so the table says what it tests.
const NBSP = "\u00A0"; // no-break space
const NNBSP = "\u202F"; // narrow no-break space
const NBHY = "\u2011"; // non-breaking hyphen
const EN = "\u2013"; // en dash
const EM = "\u2014"; // em dash
const MINUS = "\u2212"; // minus sign
const ZWSP = "\u200B"; // zero-width space

describe("CPR numbers are found however Danes write them", () => {
  test.each([
    "Borgerens cpr er 010190-1234.",
    "cpr 0101901234",
    "010190 1234",
    "01.01.90-1234",
    "01 01 90 1234",
    "01-01-90-1234",
    "01.01.90 1234",
    "15.05.85-4321",
    "15 05 85-4321",
    "25 05 85 4321", // no phone number hides in the spaced form
    `150585${EN}4321`,
    `150585${EM}4321`,
    `150585${MINUS}4321`,
    `150585${NBHY}4321`,
    `150585${NBSP}4321`,
    `150585${NNBSP}4321`,
    `15${NBSP}05${NBSP}85${NBSP}4321`,
    `CPR: 010190${NBHY}1234`,
    "cpr.nr. 0101901234",
    "CPR-nr.: 010190-1234",
    "(010190-1234)",
    "010190-1234, som oplyst af skolen",
    "Nummeret er 010190-1234!",
    "290200-4321", // 29 February: plausible without knowing the century
    "311299-0001",
    "310190-1234", // 31 January exists
    "300490-1234", // 30 April exists
    "Nyt nummer uden modulus-11: 150807-1239",
    "０１０１９０-１２３４", // full-width digits
    `0101${ZWSP}90-1234`, // an invisible character does not hide it
    "cpr 010190-1234-5", // the ten digits are still there
  ])("%s", (text) => {
    expect(findIdentifiers(text)).toEqual(["cpr"]);
  });

  test.each([
    "320190-1234", // no 32nd day
    "011390-1234", // no 13th month
    "310490-1234", // no 31 April
    "300290-1234", // no 30 February
    "000190-1234", // no day 0
    "010090-1234", // no month 0
    "Sagsnummer 2026-0042",
    "Vi mødtes 12.03.2026 kl. 14",
    "Kontonummer 010190123456", // a 12-digit number is not a CPR number, even if it starts like one
    "010190-12345", // five digits after the date
    "9010190-1234", // seven digits before the dash
    "01 01 90 12 34", // five pairs are not how a CPR number is written
  ])("not in %s", (text) => {
    expect(findIdentifiers(text)).toEqual([]);
  });
});

describe("Danish phone numbers are found", () => {
  test.each([
    "ring 22334455",
    "+45 22 33 44 55",
    "0045 22-33-44-55",
    "+4522334455",
    "tlf. 2233 4455",
    "88 77 66 55",
    "223 34 455", // 3-2-3
    "22 334 455", // 2-3-3
    "22-334-455",
    "223 344 55", // 3-3-2
    "2233 44 55", // 4-2-2
    "22 33 4455", // 2-2-4
    "22.33.44.55",
    "22-33-44-55",
    "22334455.",
    "(22334455)",
    `22${NBSP}33${NBSP}44${NBSP}55`,
    `2233${NBSP}4455`,
    `22${NBHY}33${NBHY}44${NBHY}55`,
    "２２３３４４５５", // full-width digits
    `2233${ZWSP}4455`,
    "Tlf.: 22 33 44 55.",
    "Mobil: 2233 4455",
    "(ring på 70 10 20 30)",
    "mobilnummer 22334455, ring efter kl. 16",
    "Han kan træffes på 22 33 44 55 efter kl. 16",
    "Han har 3 22 33 44 55", // a phone number at the end of a longer run of groups
    // With an explicit country code any eight digits are a Danish number.
    "+45 12345678",
    "+45 12 34 56 78",
    "+45 1234 5678",
    "(+45) 12 34 56 78",
    "(0045) 12345678",
    "0045 12345678",
    "+45-12-34-56-78",
    "+45.22.33.44.55",
    `+45${NBSP}12${NBSP}34${NBSP}56${NBSP}78`,
  ])("%s", (text) => {
    expect(findIdentifiers(text)).toEqual(["phone"]);
  });
});

describe("ambiguous shapes: the documented decisions", () => {
  test.each([
    // A phone word right before the number wins over every ordinary reading.
    ["tlf. 2024-2025", ["phone"]],
    ["tlf.nr. 2024-2025", ["phone"]],
    ["mobil 24.11.2026", ["phone"]],
    ["Telefon: 2026-11-24", ["phone"]],
    ["nr. 25.000.000", ["phone"]],
    // Two four-digit halves joined by a space are a phone number even when they look like years.
    ["2024 2025", ["phone"]],
    ["skoleåret 2024 2025", ["phone"]],
    // A date written with spaces is a phone number; with dots or dashes it is a date.
    ["24 11 2026", ["phone"]],
    ["24.11.2026", []],
    // Year-prefixed numbers are case numbers only when introduced as such.
    ["2026-0042", ["phone"]],
    ["Sagsnummer 2026-0042", []],
    ["sag nr. 2026-0042", []],
    ["J.nr. 2026-0042", []],
    ["Journalnummer: 2026-0042", []],
    // Four two-digit numbers separated by spaces are how Danes write a phone number.
    ["WHO-5 målinger: 48 52 60 64", ["phone"]],
    ["WHO-5 målinger: 48, 52, 60 og 64", []],
    // A year range needs the second year to be no earlier than the first.
    ["2025-2024", ["phone"]],
    ["2024-2025", []],
    // After "kl." two valid HHMM halves are a time range; without it they are a number.
    ["kl. 2000-2200", []],
    ["2000-2200", ["phone"]],
    // Thousands with dots are an amount; with spaces only next to a currency.
    ["25.000.000", []],
    ["25 000 000", ["phone"]],
    ["25 000 000 kr.", []],
    // E-mail: a capitalised "top-level domain" is a missing space after a full stop.
    ["vi mødes @ skolen.Derefter gik vi hjem", []],
    ["vi mødes @ skolen.dk", ["email"]],
  ] as const)("%s → %j", (text, expected) => {
    expect(findIdentifiers(text)).toEqual(expected);
  });
});

describe("e-mail addresses are found", () => {
  test.each([
    "skriv til ahmed.k@gmail.com",
    "x_y+z@kommune.dk",
    "A@B.CO",
    "søren.ø@kommune.dk",
    "mail@æblehaven.dk",
    "SØREN@KØBENHAVN.DK",
    "a@mail.aarhus.kommune.dk",
    "o'brien@example.com",
    "<ahmed@gmail.com>",
    "(ahmed@gmail.com)",
    "Mail: ahmed@gmail.com.",
    "mail ahmed.k@gmail.com eller skriv på Teams",
    "navn＠kommune.dk", // full-width @
    // Obfuscations that are clearly an address.
    "navn(at)domæne.dk",
    "navn [at] kommune.dk",
    "navn (AT) kommune (dot) dk",
    "navn{at}kommune[punktum]dk",
    "navn(snabel-a)kommune.dk",
    "navn @ kommune.dk",
  ])("%s", (text) => {
    expect(findIdentifiers(text)).toEqual(["email"]);
  });

  test.each([
    "vi mødes @ biblioteket",
    "hashtag #ung",
    "@Demo Koordinator",
    "<at>Demo Koordinator</at> kan du se på det?", // a Teams mention
    "Hun skrev @mig i chatten",
    "vi mødes @ 14.30",
    "navn at kommune dot dk", // spelled out: "at" is an everyday Danish word; not detected
    "e-mail er ikke oplyst",
    "Han skrev en mail til skolen.Derefter ringede han", // no "@" at all
  ])("not in %s", (text) => {
    expect(findIdentifiers(text)).toEqual([]);
  });
});

describe("ordinary practitioner notes pass", () => {
  test.each([
    // Year ranges and school years.
    "2019-2021",
    `2019${EN}2021`,
    "skoleåret 2024-2025",
    `skoleåret 2024${EN}2025`,
    "2024/25",
    "2024/2025",
    "i perioden 2020-2024",
    "2019 - 2021",
    // Times and time ranges.
    "kl. 14:30",
    "kl. 14.30-16.00",
    `14.30${EN}16.00`,
    "kl. 20.30-22.00",
    `20.30${EN}22.00`,
    "fra kl. 20.30 til 22.00",
    "kl. 14:30:15",
    "kl. 14.30.15",
    "kl. 20.30.15-22.00.00",
    "kl. 8-16",
    "08.00-16.00",
    `20:30${EN}22:00`,
    // Dates.
    "24.11.2026",
    "24/11-2026",
    "d. 3/12",
    "1. december",
    "24-11-2026",
    "2026-11-24",
    "2026.11.24",
    "29.02.2024",
    "24.11.26",
    "d. 24.11.2026 kl. 20.30",
    "24.11.2026 20.30",
    "01.08.2024-31.07.2025",
    "01.08.24-31.07.25",
    "fra 1/8-2024 til 31/7-2025",
    "24.11-26.11",
    // Scores, counts, measures, class levels, ages.
    "7/10",
    "score 7 af 10",
    "3 ud af 5",
    "WHO-5: 48",
    "GSE 28/40",
    "SDQ: 18, WEMWBS: 52",
    "uge 48",
    "uge 48-52",
    "9. klasse",
    "10. klasse",
    "17 år",
    "Han er 17 år og går i 9. klasse",
    "mellem 2 og 4 gange om ugen",
    // Durations.
    "2-3 timer",
    "45 min.",
    "1,5 time",
    "i 6-8 uger",
    "3 x 45 minutter",
    // Amounts.
    "1.250 kr.",
    "2.500.000",
    "25.000.000",
    "22.500.000 kr",
    "Gælden er 22 500 000 kr.",
    "kr. 22 334 455",
    "22 334 455,50",
    "3.250,75 kr",
    "DKK 22334455",
    // Postal codes and addresses.
    "2300 København S",
    "Nørrebrogade 12, 2200 København N",
    "Nørrebrogade 12 2200 København N",
    "Postboks 1234, 8000 Aarhus C",
    // Law references, short numbers, sequences.
    "§ 52",
    "§ 52, stk. 3",
    "Servicelovens § 11, stk. 3, nr. 2",
    "Ring 112 eller 1813",
    "Politiets tlf. 114",
    "1 2 3 4",
    "12345678", // starts with 1 and has no country code
    "12 34 56 78",
    // Text with letters, mentions and signs.
    "mødes kl. 14:30 på biblioteket",
    "Vi talte om praktik. Han reagerede positivt på ros, og vi aftalte at mødes igen torsdag kl. 15 ved skolen.",
    "Mødet med @Demo Koordinator er flyttet",
    "#ung #praktik",
    "",
  ])("%s", (text) => {
    expect(findIdentifiers(text)).toEqual([]);
  });

  test("a long note mixing all of these passes", () => {
    const note = [
      "Skoleåret 2024-2025 (før det 2019–2021 på efterskole).",
      "Møde d. 24.11.2026 kl. 14.30-16.00 og igen 3/12 kl. 14:30; næste gang 1. december.",
      "WHO-5: 48, uge 48, score 7 af 10, 3 ud af 5, GSE 28/40.",
      "Han er 17 år og går i 9. klasse på skolen i 2300 København S (Nørrebrogade 12, 2200 København N).",
      "Ydelsen er 1.250 kr. om måneden; gælden er 2.500.000 kr.",
      "Indsats efter § 52, stk. 3. Sagsnummer 2026-0042. Samtalerne varer 45 min. i 6-8 uger.",
      "Skrevet til @Demo Koordinator #ung. Vi mødes @ biblioteket kl. 14.30.15.",
    ].join(" ");
    expect(note.length).toBeGreaterThan(400);
    expect(findIdentifiers(note)).toEqual([]);
  });
});

describe("kinds are named once each, in a fixed order", () => {
  test.each([
    ["a@b.dk 22334455 010190-1234 44556677", ["cpr", "phone", "email"]],
    ["a@b.dk og 010190-1234", ["cpr", "email"]],
    ["ring 22334455 eller skriv a@b.dk", ["phone", "email"]],
    ["22334455 og 33445566 og +45 12345678", ["phone"]],
    ["010190-1234 og 020290-4321 samt 22334455", ["cpr", "phone"]],
  ] as const)("%s → %j", (text, expected) => {
    expect(findIdentifiers(text)).toEqual(expected);
  });
});

test("findIdentifiersIn names the fields that must be refused", () => {
  expect(
    findIdentifiersIn({ q1: "fint", q2: "ring 22334455", q3: undefined, q4: "a@b.dk og 010190-1234", q5: "", q6: "skoleåret 2024-2025" }),
  ).toEqual([
    { field: "q2", kinds: ["phone"] },
    { field: "q4", kinds: ["cpr", "email"] },
  ]);
});

test("findIdentifiersIn returns nothing for ordinary fields", () => {
  expect(findIdentifiersIn({ a: "kl. 14.30-16.00", b: "2019-2021", c: undefined })).toEqual([]);
});

describe("hostile input is checked in linear time", () => {
  // A deterministic pseudo-random string of digits, separators, "@", "." and "+".
  function hostile(length: number, alphabet: string, seed: number): string {
    let state = seed;
    let out = "";
    for (let i = 0; i < length; i++) {
      state = (state * 1103515245 + 12345) % 2147483648;
      out += alphabet[state % alphabet.length];
    }
    return out;
  }

  test.each([
    ["random digits and separators", hostile(2000, "0123456789 .-@+", 1)],
    ["random, mostly separators", hostile(2000, "9.@ -", 2)],
    ["'9@' repeated", "9@".repeat(1000)],
    ["'a.' repeated, then '@'", "a.".repeat(1000) + "@"],
    ["'@a.' repeated", "@a.".repeat(667)],
    ["'1.' repeated", "1.".repeat(1000)],
    ["'2 ' repeated", "2 ".repeat(1000)],
    ["'+45' repeated", "+45".repeat(667)],
    ["'(at)' repeated", "(at)".repeat(500)],
    ["letters without '@'", "a".repeat(2000)],
  ])("%s returns", (_name, text) => {
    expect(text.length).toBeGreaterThanOrEqual(1999);
    const kinds = findIdentifiers(text);
    expect(Array.isArray(kinds)).toBe(true);
    for (const k of kinds) expect(["cpr", "phone", "email"]).toContain(k);
  });
});
