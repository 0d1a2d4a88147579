import { findIdentifiers, findIdentifiersIn, normalise } from "../../src/domain/privacy";

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

// ---------------------------------------------------------------------------------------------------------
// Issue 19 §7: the guard against people who try. Each attack below got past the guard before.

/** Every code point with a Unicode property, e.g. /\p{Nd}/u. */
function codePointsWith(property: RegExp): number[] {
  const out: number[] = [];
  for (let cp = 0; cp <= 0x10ffff; cp++) if (property.test(String.fromCodePoint(cp))) out.push(cp);
  return out;
}

/** The digits 0–9 of every decimal digit script: Unicode encodes them (\p{Nd}) in runs of ten, 0 first. */
const DIGIT_SCRIPTS: string[][] = (() => {
  const nd = codePointsWith(/\p{Nd}/u);
  const scripts: string[][] = [];
  for (let i = 0; i < nd.length; i += 10) scripts.push(nd.slice(i, i + 10).map((cp) => String.fromCodePoint(cp)));
  return scripts;
})();

/** The text with its ASCII digits written in another script, given by its digit zero's code point. */
const inScript = (text: string, digits: string[]) => text.replace(/[0-9]/g, (d) => digits[Number(d)]);
const scriptFrom = (zero: number) => Array.from({ length: 10 }, (_, i) => String.fromCodePoint(zero + i));
const ADLAM = scriptFrom(0x1e950); // not touched by NFKC
const MONGOLIAN = scriptFrom(0x1810);

const LRM = "\u200E"; // left-to-right mark
const RLM = "\u200F"; // right-to-left mark
const RLO = "\u202E"; // right-to-left override
const PDF = "\u202C"; // pop directional formatting
const LRI = "\u2066"; // left-to-right isolate
const PDI = "\u2069"; // pop directional isolate
const ALM = "\u061C"; // Arabic letter mark
const INVISIBLE_SEPARATOR = "\u2063";
const MONGOLIAN_VOWEL_SEPARATOR = "\u180E";
const TAG_SPACE = "\u{E0020}";

test("normalise: one place, so every caller matches what a reader sees", () => {
  expect(normalise("٠١٢٣٤ ۵۶۷۸۹ ०१२ ０１２ \u{1E950}\u{1E951}")).toBe("01234 56789 012 012 01");
  expect(normalise(`2${LRM}2${RLO}3${PDF}3${LRI}4${PDI}4\u00AD5\u200B5\u2060\uFEFF`)).toBe("22334455");
  expect(normalise("ahmed@gmail。com ahmed@gmail．com ahmed@gmail｡com")).toBe("ahmed@gmail.com ahmed@gmail.com ahmed@gmail.com");
  expect(normalise("2030\r\n\n4050\t\u2028x")).toBe("2030 4050 x");
  expect(normalise("Søren, A\u030Ase og Mølle gik 2–3 km")).toBe("Søren, Åse og Mølle gik 2-3 km"); // letters keep their marks
});

describe("attack: digits of other scripts", () => {
  test.each([
    ["cpr ٠١٠١٩٠-١٢٣٤", ["cpr"]], // Arabic-Indic
    ["CPR: ۰۱۰۱۹۰-۱۲۳۴", ["cpr"]], // Extended Arabic-Indic (Persian, Urdu)
    ["०१०१९०-१२३४", ["cpr"]], // Devanagari
    ["০১০১৯০ ১২৩৪", ["cpr"]], // Bengali
    ["๐๑๐๑๙๐-๑๒๓๔", ["cpr"]], // Thai
    ["01٠1९0-12۳4", ["cpr"]], // scripts mixed within one number
    [inScript("cpr 150585-4321", ADLAM), ["cpr"]],
    ["ring ٢٢٣٣٤٤٥٥", ["phone"]],
    ["۲۲ ۳۳ ۴۴ ۵۵", ["phone"]],
    ["tlf. २२३३ ४४५५", ["phone"]],
    ["+٤٥ ١٢ ٣٤ ٥٦ ٧٨", ["phone"]],
    ["+45 ۱۲۳۴۵۶۷۸", ["phone"]],
    [inScript("mobil 22334455", ADLAM), ["phone"]],
    [inScript("2233 4455", MONGOLIAN), ["phone"]],
  ] as const)("%s → %j", (text, expected) => {
    expect(findIdentifiers(text)).toEqual(expected);
  });

  test("every Unicode decimal digit script (\\p{Nd}) is read by its digits' values", () => {
    expect(DIGIT_SCRIPTS.length).toBeGreaterThan(60);
    expect(DIGIT_SCRIPTS.every((s) => s.length === 10)).toBe(true);
    const wrong: string[] = [];
    for (const digits of DIGIT_SCRIPTS) {
      const cases: Array<[string, string[]]> = [
        ["22334455", ["phone"]],
        ["22 33 44 55", ["phone"]],
        ["+45 12 34 56 78", ["phone"]],
        ["010190-1234", ["cpr"]],
        ["15.05.85-4321", ["cpr"]],
        ["kl. 14.30-16.00", []],
        ["skoleåret 2024-2025", []],
        ["24.11.2026", []],
        ["12345678", []],
      ];
      for (const [ascii, expected] of cases) {
        const text = inScript(ascii, digits);
        if (JSON.stringify(findIdentifiers(text)) !== JSON.stringify(expected)) wrong.push(`U+${digits[0].codePointAt(0)!.toString(16)}: ${ascii}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe("attack: invisible and direction-changing characters inside an identifier", () => {
  test.each([
    [`0101${LRM}90-1234`, ["cpr"]],
    [`01${RLM}01${RLM}90${RLM}-${RLM}1234`, ["cpr"]],
    [`0101${RLO}90-1234${PDF}`, ["cpr"]],
    [`cpr ${LRI}010190${PDI}-${LRI}1234${PDI}`, ["cpr"]],
    [`22${ALM}33${ALM}44${ALM}55`, ["phone"]],
    [`2233${INVISIBLE_SEPARATOR}4455`, ["phone"]],
    [`2233${MONGOLIAN_VOWEL_SEPARATOR}4455`, ["phone"]],
    [`22${TAG_SPACE}33 44 55`, ["phone"]],
    [`+45${LRM} 12${RLM}34${LRM}5678`, ["phone"]],
    [`٢٢${ALM}٣٣${ALM}٤٤${ALM}٥٥`, ["phone"]],
    ["2\uFE0F\u20E32\uFE0F\u20E33\uFE0F\u20E33\uFE0F\u20E34\uFE0F\u20E34\uFE0F\u20E35\uFE0F\u20E35\uFE0F\u20E3", ["phone"]], // keycap digits
    ["2\u03322\u03323\u03323\u03324\u03324\u03325\u03325\u0332", ["phone"]], // combining underline
    [`ahmed${LRM}@gmail.com`, ["email"]],
    [`ahmed@gmail${RLM}.com`, ["email"]],
    [`ahmed${LRI}@${PDI}gmail.com`, ["email"]],
  ] as const)("%j → %j", (text, expected) => {
    expect(findIdentifiers(text)).toEqual(expected);
  });

  test("every format character (\\p{Cf}) is seen through", () => {
    const format = codePointsWith(/\p{Cf}/u).map((cp) => String.fromCodePoint(cp));
    expect(format.length).toBeGreaterThan(150);
    const wrong: string[] = [];
    for (const c of format) {
      const cases: Array<[string, string[]]> = [
        [`22${c}33${c}44${c}55`, ["phone"]],
        [`2${c}2${c}3${c}3${c}4${c}4${c}5${c}5`, ["phone"]],
        [`0101${c}90-${c}1234`, ["cpr"]],
        [`ahmed${c}@${c}gmail${c}.${c}com`, ["email"]],
        [`kl. 14.30${c}-16.00`, []],
      ];
      for (const [text, expected] of cases) {
        if (JSON.stringify(findIdentifiers(text)) !== JSON.stringify(expected)) wrong.push(`U+${c.codePointAt(0)!.toString(16)}: ${JSON.stringify(text)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe("attack: digits split by spaces, line breaks, slashes or parentheses", () => {
  test.each([
    ["1 2 0 3 9 0 - 1 2 3 4", ["cpr"]],
    ["1 2 0 3 9 0 1 2 3 4", ["cpr"]],
    ["cpr 0 1 0 1 9 0-1 2 3 4", ["cpr"]],
    ["120390/1234", ["cpr"]],
    ["120390 / 1234", ["cpr"]],
    ["120390 - 1234", ["cpr"]],
    ["12/03/90-1234", ["cpr"]],
    ["12/03/90 1234", ["cpr"]],
    ["120390\n1234", ["cpr"]],
    ["cpr:\n120390\r\n1234", ["cpr"]],
    ["12 03 90\n1234", ["cpr"]],
    ["120390(1234)", ["cpr"]],
    ["(120390) 1234", ["cpr"]],
    ["2030\n4050", ["phone"]],
    ["20 30\n40 50", ["phone"]],
    ["2030\r\n4050", ["phone"]],
    ["2030\n\n4050", ["phone"]],
    ["2030\u20284050", ["phone"]], // line separator
    ["2030/4050", ["phone"]],
    ["2030 / 4050", ["phone"]],
    ["20/30/40/50", ["phone"]],
    ["2030 - 4050", ["phone"]],
    ["(20) 30 40 50", ["phone"]],
    ["(2030) 4050", ["phone"]],
    ["(20)30(40)50", ["phone"]],
    ["+45 (20) 30 40 50", ["phone"]],
    ["(+45) (20) 30 40 50", ["phone"]],
    ["+45\n12 34 56 78", ["phone"]],
    ["2 0 3 0 4 0 5 0", ["phone"]],
    ["ring 2 2 3 3 4 4 5 5", ["phone"]],
    ["2 0 3 0 - 4 0 5 0", ["phone"]],
    ["2.0.3.0.4.0.5.0", ["phone"]],
  ] as const)("%j → %j", (text, expected) => {
    expect(findIdentifiers(text)).toEqual(expected);
  });
});

describe("attack: e-mail domains with other full stops, and address literals", () => {
  test.each([
    "ahmed@gmail。com", // ideographic full stop
    "ahmed@gmail．com", // full-width full stop
    "ahmed@gmail｡com", // half-width ideographic full stop
    "ahmed。k@kommune。dk",
    "navn＠kommune。dk",
    "søren@københavn。dk",
    "a@mail。aarhus。kommune。dk",
    "navn(at)kommune。dk",
    "ahmed@[192.168.1.1]",
    "skriv til ahmed@[10.0.0.1].",
    "ahmed @ [192.168.1.1]",
    "ahmed@[IPv6:2001:db8::1]",
    "ahmed@[ipv6:fe80::1]",
    "navn [at] [192.168.1.1]",
    "ahmed@[١٩٢.١٦٨.١.١]",
    "ahmed@[192。168。1。1]",
    "用户@例子。公司", // a top-level domain in a script without case
    "navn@example.xn--p1ai", // an internationalised top-level domain in its ASCII form
  ])("%s", (text) => {
    expect(findIdentifiers(text)).toEqual(["email"]);
  });
});

describe("ordinary notes still pass: the attacks' false positives", () => {
  test.each([
    "Vi mødtes 12.03 kl. 14.30 og igen 19/3",
    "score 7/10, 8/10 og 6/10",
    "score 7/10 8/10 6/10",
    "GSE 28/40 32/40",
    "årene 2019 2020 2021 2022",
    "årene 2019\n2020\n2021",
    "(2019) (2020) (2021)",
    "2019 / 2020 / 2021",
    "skoleåret 2024 / 2025",
    "skoleåret 2024 - 2025",
    "24/11/2026",
    "2026/11/24",
    "d. 24/11/2026 kl. 14.30",
    "fra 01/08/2024 til 31/07/2025",
    "01/08/2024 - 31/07/2025",
    "kl. 14.30 - 16.00",
    "kl. 14.30\n16.00",
    "Tider:\n14.30-16.00\n17.00-18.00",
    "Møde 12.03\nkl. 14.30\nnæste 19/3\nscore 7/10",
    "WHO-5: 48 (start 40)",
    "WHO-5 start 48\nslut 64",
    "Mål 1: 7/10\nMål 2: 8/10",
    "§ 52 (stk. 3)",
    "1½ time",
    "uge 48 / 52",
    "1 2 3 4 5 6 7",
    "Karakterer: 7 4 10 12 02", // single digits next to longer groups are not spelled-out digits
    "karakterer 4 7 4 7 10 12",
    "i 2019. 2020 var et svært år", // ". " ends a sentence
    "Samtaler: 3 (jan) 4 (feb) 2 (mar) 5 (apr)",
    "1) praktik 2) skole 3) fritid",
    "2 x 45 min (90 min i alt)",
    "Nørrebrogade 12\n2200 København N",
    "Postboks 1234\n8000 Aarhus C",
    "Ring 112\neller 1813",
    "sagsnr. ME-7Q3F",
    // Ordinary numbers in other scripts, or with invisible characters.
    "٢٠١٩-٢٠٢١",
    "kl. ١٤:٣٠",
    "score ٧/١٠",
    "۱۴۰۲/۰۸/۱۵", // a Persian calendar date
    `kl. ${LRM}14.30-16.00`,
    `skoleåret 2024${RLM}-2025`,
    // "@" near full stops and brackets that are not an address.
    "vi mødes @ biblioteket。",
    "vi mødes @ skolen。Derefter gik vi hjem",
    "skrev @ [mødet]",
    "@Demo Koordinator [10.30]",
  ])("%j", (text) => {
    expect(findIdentifiers(text)).toEqual([]);
  });

  test("the long note, written line by line, passes", () => {
    const note = [
      "Skoleåret 2024-2025 (før det 2019–2021 på efterskole).",
      "Møde d. 24.11.2026 kl. 14.30-16.00 og igen 3/12 kl. 14:30; næste gang 1. december.",
      "WHO-5: 48, uge 48, score 7 af 10, 3 ud af 5, GSE 28/40.",
      "Han er 17 år og går i 9. klasse på skolen i 2300 København S (Nørrebrogade 12, 2200 København N).",
      "Ydelsen er 1.250 kr. om måneden; gælden er 2.500.000 kr.",
      "Indsats efter § 52, stk. 3. Sagsnummer 2026-0042. Samtalerne varer 45 min. i 6-8 uger.",
      "Skrevet til @Demo Koordinator #ung. Vi mødes @ biblioteket kl. 14.30.15.",
    ].join("\n");
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
    ["Arabic-Indic digits and spaces", "٢ ".repeat(1000)],
    ["digits between format characters", "\u200E2".repeat(1000)],
    ["'(2) ' repeated", "(2) ".repeat(500)],
    ["'@[' repeated", "a@[".repeat(667)],
  ])("%s returns", (_name, text) => {
    expect(text.length).toBeGreaterThanOrEqual(1999);
    const kinds = findIdentifiers(text);
    expect(Array.isArray(kinds)).toBe(true);
    for (const k of kinds) expect(["cpr", "phone", "email"]).toContain(k);
  });
});
