// The free-text privacy guard (DOMAIN.md "Identifiers that must not be stored in free text").
// Citizens are pseudonymous case codes; a practitioner's answer must never carry a CPR number,
// a phone number or an e-mail address. We only say *what kind* was found, never the value.
//
// How it works
// ------------
// 1. The text is normalised in one place (`normalise`), so that what is matched is what a reader sees:
//    NFKC (full-width digits and letters, non-breaking and narrow spaces); every format character
//    (\p{Cf}: soft hyphen, zero-width space/joiners, direction marks, embeddings and isolates, word
//    joiner, BOM, tags …), every other default-ignorable code point (variation selectors, Hangul fillers)
//    and every combining mark (a keycap or an underline drawn on a digit) removed; the decimal digits of
//    every script (\p{Nd}: Arabic-Indic, Persian, Devanagari, Adlam …) turned into 0–9 by their value;
//    the ideographic, full-width and half-width full stops turned into "."; dash-like characters into
//    "-", fraction and division slashes into "/"; and every run of white space, line breaks included,
//    into one space.
// 2. Digits are cut into *chains*: digit groups joined by one separator — a space (a line break or a
//    parenthesis is one), a ".", or a "-" or "/" with or without a space either side. A separator counts
//    by its kind: "-", ".", "/" or " ". "Ring 22 33 44 55." has the chain 22|33|44|55; "kl. 14.30-16.00"
//    has 14|30|16|00; "(20) 30\n40 50" has 20|30|40|50; "120390 / 1234" has 120390|1234. In a chain of
//    single digits, the digits joined by one kind of separator are one group: "1 2 0 3 9 0 - 1 2 3 4" is
//    120390|1234.
// 3. CPR and national phone numbers are looked for as *aligned* runs of whole groups inside a chain, so a
//    digit is never split off a longer group: "123456789012" (an account number) holds neither a CPR
//    number nor a phone number, while "3 22 33 44 55" holds the phone number 22 33 44 55.
// 4. Phone numbers with an explicit country code (+45, 0045, (+45)) are a separate, simple pattern.
// 5. E-mail addresses are found by their "@" (and a few bracketed spellings of it), then validated.
//
// Every pattern is linear-time: no nested quantifiers over overlapping character classes, and the
// sub-chain search looks at most 10 digits ahead of each group.
//
// Decisions on ambiguous shapes (documented here, pinned by test/unit/privacy.test.ts):
// - CPR: 10 digits as DDMMYYSSSS, DDMMYY?SSSS or DD?MM?YY?SSSS (the two date separators equal, "?" one
//   separator), with a date that can exist (29 Feb allowed). No modulus-11 check. A longer digit group is
//   not a CPR number ("0101901234 56" is, "010190123456" is not). "dd.mm.yy hhmm" (a date with a
//   four-digit time and no "kl.") is indistinguishable from "01.01.90 1234" and is refused.
// - National phone: 8 digits starting 2–9, written whole or in 2–4 groups of 2–4 digits with ONE kind of
//   separator throughout (2-2-2-2, 4-4, 3-2-3, 2-3-3, 4-2-2, 2-2-4, 3-3-2, 2-4-2). Mixed separators are
//   not a phone number: that is how time ranges look ("20.30-22.00").
// - Not a phone number, unless a phone word ("tlf", "telefon", "mobil", "ring", "sms", "nr", "nummer")
//   stands right before it:
//     * a year range: 4-4 joined by "-" (or an en dash), both halves years 1900–2099, second ≥ first
//       ("2024-2025"). Joined by a space ("2024 2025") it is a phone number: nobody writes years so, but
//       Danes do write phone numbers so.
//     * a time range after "kl."/"klokken": 4-4 joined by "-", both halves valid HHMM ("kl. 2000-2200").
//     * a date: DD-MM-YYYY / DD.MM.YYYY or YYYY-MM-DD / YYYY.MM.DD (a possible date, year 1900–2099).
//       With spaces ("24 11 2026") it is a phone number.
//     * an amount: 2-3-3 with "." (the Danish thousands separator, "25.000.000"), anything with a
//       decimal comma ("22 334 455,50"), anything next to "kr", "kr.", "DKK", ",-" or "€".
//     * a case or journal number: right after "sagsnr", "sagsnummer", "sag nr", "j.nr", "journalnr",
//       "journalnummer" ("Sagsnummer 2026-0042"). Without such a word "2026-0042" is a phone number.
// - Four two-digit numbers separated by single spaces ("48 52 60 64") are a phone number: it is exactly
//   how Danes write one. Lists of scores are written with commas ("48, 52, 60 og 64") and pass.
// - A line break or a parenthesis separates like a space: "2030\n4050" and "(20) 30 40 50" are phone
//   numbers, and so is a four-digit post box number above a postcode ("Postboks 2345\n8000 Aarhus C").
// - A slash separates like "-": "120390/1234" is a CPR number, "2024/2025" a year range and "24/11/2026"
//   a date. Scores and fractions mix separators ("7/10 8/10", "GSE 28/40 32/40") and pass.
// - Three or more four-digit years in one chain are a list of years ("årene 2019 2020 2021"), never a
//   phone number; two are a phone number ("2024 2025", above).
// - E-mail: local@domain with Unicode letters (æøå), digits and . _ % + ' - in the local part; the domain
//   has at least two labels and a top-level domain of at least two letters, written all lower case or all
//   upper case ("Skolen.Derefter" — a missing space after a full stop — is not a domain). Obfuscations
//   that are clearly an address are found: "(at)", "[at]", "{at}", "(snabel-a)" for "@", "(dot)",
//   "[punktum]" etc. for ".", and a single space around "@" ("navn @ kommune.dk"). A bare "@" before a
//   word without a dotted domain ("@Demo Koordinator", "vi mødes @ biblioteket") is not. The Teams
//   mention markup "<at>…</at>" is deliberately not treated as "@". Spelled-out "navn at kommune dot dk"
//   is not detected: "at" is an everyday Danish word. A top-level domain may also be written in a script
//   without case ("例子。公司") or in its ASCII form ("xn--p1ai"), and the domain may be an address
//   literal ("navn@[192.168.1.1]", "navn@[IPv6:2001:db8::1]").
//
// Not detected, on purpose or for want of a rule that would not refuse ordinary notes: digits spelled out
// or written as non-decimal numerals ("to-to", "❷", "Ⅱ"), digits split by commas, colons or words, and
// phone numbers grouped with mixed separators ("20 30-40 50", which is how time ranges look).

export type IdentifierKind = "cpr" | "phone" | "email";

// ---------------------------------------------------------------------------------------------------------
// Normalisation

/** Dash-like characters: hyphen, non-breaking hyphen, figure dash, en dash, em dash, horizontal bar,
 * minus sign, small and full-width hyphen-minus. */
const DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D]/g;
/** Fraction slash and division slash ("½" is "1⁄2" after NFKC). */
const SLASHES = /[\u2044\u2215]/g;
/** Full stops that are "." in a domain name: ideographic, full-width, half-width ideographic. */
const FULL_STOPS = /[\u3002\uFF0E\uFF61]/g;
/** What a reader does not see between two characters: every format character (\p{Cf}), every other
 * default-ignorable code point (variation selectors, Hangul fillers) and every combining mark (NFKC has
 * already composed the letters that carry one, such as "å"). */
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}\p{M}]/gu;
/** White space, line breaks included, and the Braille blank that looks like it. */
const WHITE_SPACE = /[\s\u0085\u2800]+/g;
/** A decimal digit of a script other than ASCII. */
const OTHER_DIGIT = /(?![0-9])\p{Nd}/gu;
const DECIMAL_DIGIT = /^\p{Nd}$/u;

/** Where each digit's run of decimal digits starts, found once per code point. */
const digitZero = new Map<number, number>();

/** A decimal digit of any script as 0–9. Unicode encodes decimal digits in runs of ten, 0 to 9, so a digit's
 * value is its distance from the start of its stretch of decimal digits, modulo ten (the stretch may hold
 * several runs, as the mathematical digits do). */
function asciiDigit(digit: string): string {
  const cp = digit.codePointAt(0)!;
  let zero = digitZero.get(cp);
  if (zero === undefined) {
    zero = cp;
    while (DECIMAL_DIGIT.test(String.fromCodePoint(zero - 1))) zero--;
    digitZero.set(cp, zero);
  }
  return String((cp - zero) % 10);
}

/** The text as the guard matches it (see "How it works" above). Exported for tests. */
export function normalise(text: string): string {
  return text
    .normalize("NFKC")
    .replace(INVISIBLE, "")
    .replace(OTHER_DIGIT, asciiDigit)
    .replace(FULL_STOPS, ".")
    .replace(DASHES, "-")
    .replace(SLASHES, "/")
    .replace(WHITE_SPACE, " ");
}

// ---------------------------------------------------------------------------------------------------------
// Digit chains

/** What joins two digit groups of one number: a "." (". " ends a sentence), a "-" or "/" with or without a
 * space either side, or a space, parenthesis or bracket (up to three of them: ") ("). */
const SEPARATOR = String.raw`(?:\.| ?[-/] ?|[ ()[\]]{1,3})`;
/** Digit groups joined by separators. Unambiguous (separators are not digits), so linear. */
const CHAIN = new RegExp(String.raw`\d+(?:${SEPARATOR}\d+)*`, "g");
const GROUP = /\d+/g;

interface Chain {
  groups: string[];
  /** seps[k] joins groups[k] and groups[k + 1]: its kind, "-", ".", "/" or " ". */
  seps: string[];
  /** Where each group starts and ends in the normalised text. */
  starts: number[];
  ends: number[];
}

const separatorKind = (sep: string): string => /[-./]/.exec(sep)?.[0] ?? " ";

function chainsOf(text: string): Chain[] {
  const chains: Chain[] = [];
  for (const m of text.matchAll(CHAIN)) {
    const chain: Chain = { groups: [], seps: [], starts: [], ends: [] };
    for (const g of m[0].matchAll(GROUP)) {
      const start = m.index! + g.index!;
      if (chain.groups.length > 0) chain.seps.push(separatorKind(text.slice(chain.ends[chain.ends.length - 1], start)));
      chain.groups.push(g[0]);
      chain.starts.push(start);
      chain.ends.push(start + g[0].length);
    }
    chains.push(chain.groups.every((g) => g.length === 1) ? joinSpacedOut(chain) : chain);
  }
  return chains;
}

/**
 * A chain of single digits is a number spelled out digit by digit: single digits joined by one kind of
 * separator are one group ("2 2 3 3 4 4 5 5" is 22334455, "1 2 0 3 9 0 - 1 2 3 4" is 120390|1234). Only a
 * chain of nothing but single digits: "Karakterer: 7 4 10 12 02" stays a list of grades.
 */
function joinSpacedOut(c: Chain): Chain {
  const out: Chain = { groups: [c.groups[0]], seps: [], starts: [c.starts[0]], ends: [c.ends[0]] };
  let runSep: string | undefined; // the separator joining the digits of the last group
  c.seps.forEach((sep, k) => {
    if ((runSep ?? sep) === sep) {
      out.groups[out.groups.length - 1] += c.groups[k + 1];
      out.ends[out.ends.length - 1] = c.ends[k + 1];
      runSep = sep;
    } else {
      out.seps.push(sep);
      out.groups.push(c.groups[k + 1]);
      out.starts.push(c.starts[k + 1]);
      out.ends.push(c.ends[k + 1]);
      runSep = undefined;
    }
  });
  return out;
}

const sameSeparator = (seps: string[]): boolean => seps.every((s) => s === seps[0]);
const shapeOf = (groups: string[]): string => groups.map((g) => g.length).join("-");

// ---------------------------------------------------------------------------------------------------------
// Dates, years, times

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A day and month that can exist (29 Feb allowed: the century is unknown). */
function plausibleDayMonth(dd: number, mm: number): boolean {
  return mm >= 1 && mm <= 12 && dd >= 1 && dd <= DAYS_IN_MONTH[mm - 1];
}

const plausibleYear = (yyyy: number): boolean => yyyy >= 1900 && yyyy <= 2099;
/** Three or more four-digit years: "2019 2020 2021". */
const isYearList = (groups: string[]): boolean => groups.length >= 3 && groups.every((g) => g.length === 4 && plausibleYear(Number(g)));
const plausibleTime = (hhmm: string): boolean => Number(hhmm.slice(0, 2)) <= 23 && Number(hhmm.slice(2)) <= 59;

// ---------------------------------------------------------------------------------------------------------
// CPR numbers

/**
 * Is this aligned run of groups a CPR number? Accepted groupings of the ten digits:
 * "0101901234", "010190-1234" (6-4, any separator), "01.01.90-1234" / "01 01 90 1234" (2-2-2-4, the two
 * date separators equal, the serial separator any).
 */
function isCpr(groups: string[], seps: string[]): boolean {
  const shape = shapeOf(groups);
  const ok = shape === "10" || shape === "6-4" || (shape === "2-2-2-4" && seps[0] === seps[1]);
  if (!ok) return false;
  const digits = groups.join("");
  return plausibleDayMonth(Number(digits.slice(0, 2)), Number(digits.slice(2, 4)));
}

// ---------------------------------------------------------------------------------------------------------
// Phone numbers

/** How a national number may be grouped: whole, or 2–4 groups of 2–4 digits adding up to 8. */
const PHONE_SHAPES = new Set(["8", "4-4", "2-2-2-2", "3-2-3", "2-3-3", "3-3-2", "4-2-2", "2-2-4", "2-4-2"]);

/** With an explicit country code any 8 digits are a Danish number: "+45 12 34 56 78", "0045 22334455",
 * "(+45) 2233 4455". A separator (as in a chain) may stand between any two of the eight digits. */
const WITH_COUNTRY_CODE = new RegExp(
  String.raw`(?:\(\s?(?:\+|00)\s?45\s?\)|(?<!\d)(?:\+\s?|00)45)${SEPARATOR}?\d(?:${SEPARATOR}?\d){7}(?!\d)`,
);

// Context, read from the text right before (or after) a candidate. Each pattern is anchored at the end
// (or start) of a short slice, so it costs a constant per candidate.
const CONTEXT_WINDOW = 30;
/** "sagsnr.", "sagsnummer:", "sag nr.", "j.nr.", "journalnr.", "journalnummer" right before the number. */
const CASE_WORD = /(?:^|[^\p{L}])(?:sags(?:nr|nummer)|sag\.? ?nr|j\.? ?nr|journal ?(?:nr|nummer))\.?:? ?$/iu;
/** "tlf", "tlf.nr.", "telefon", "mobil:", "mobilnummer", "ring", "ring på", "sms", "nr.", "nummer". */
const PHONE_WORD =
  /(?:^|[\s(])(?:tlf(?:\.? ?nr)?|tel|telefon(?:nr|nummer)?|mobil(?:nr|nummer|telefon)?|mob|sms|ring(?: på| til)?|nr|nummer)\.?:? ?$/iu;
/** "kl.", "kl", "klokken" right before a time. */
const CLOCK_WORD = /(?:^|[^\p{L}])(?:kl|klokken)\.? ?$/iu;
const CURRENCY_BEFORE = /(?:^|[^\p{L}])(?:kr|dkk|€)\.? ?$/iu;
const CURRENCY_AFTER = /^(?: ?(?:kr\b|kr\.|dkk\b|€|euro\b)|,-)/iu;
const DECIMAL_BEFORE = /\d,$/;
const DECIMAL_AFTER = /^,\d/;

interface Around {
  before: string;
  after: string;
}

/**
 * An aligned run of 8 digits in national grouping is a phone number unless the shape and the words
 * around it make it something an ordinary note contains (see the decisions at the top of this file).
 */
function isNationalPhone(groups: string[], seps: string[], around: Around): boolean {
  const shape = shapeOf(groups);
  if (!PHONE_SHAPES.has(shape) || !sameSeparator(seps) || groups[0][0] < "2") return false;
  if (CASE_WORD.test(around.before)) return false;
  if (PHONE_WORD.test(around.before)) return true;
  return !isOrdinaryNumber(groups, seps[0] ?? "", shape, around);
}

function isOrdinaryNumber(groups: string[], sep: string, shape: string, around: Around): boolean {
  const n = groups.map(Number);
  // Amounts.
  if (shape === "2-3-3" && sep === ".") return true;
  if (DECIMAL_BEFORE.test(around.before) || DECIMAL_AFTER.test(around.after)) return true;
  if (CURRENCY_BEFORE.test(around.before) || CURRENCY_AFTER.test(around.after)) return true;
  if (shape === "4-4" && (sep === "-" || sep === "/")) {
    // Year ranges ("2024-2025", "2024/2025") and, after "kl.", time ranges ("kl. 2000-2200").
    if (plausibleYear(n[0]) && plausibleYear(n[1]) && n[1] >= n[0]) return true;
    if (sep === "-" && CLOCK_WORD.test(around.before) && plausibleTime(groups[0]) && plausibleTime(groups[1])) return true;
  }
  if (sep !== " ") {
    // Dates with a four-digit year: "24.11.2026", "24-11-2026", "24/11/2026", "2026-11-24".
    if (shape === "2-2-4" && plausibleDayMonth(n[0], n[1]) && plausibleYear(n[2])) return true;
    if (shape === "4-2-2" && plausibleYear(n[0]) && plausibleDayMonth(n[2], n[1])) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------------
// E-mail addresses

/** "(at)", "[at]", "{at}", "(snabel-a)" (Danish for "@"), with optional spaces, stand for "@". Angle
 * brackets are left out on purpose: "<at>Name</at>" is how Teams marks a mention. */
const OBFUSCATED_AT = /\s?[([{]\s?(?:at|snabel-a)\s?[)\]}]\s?/giu;
/** "(dot)", "[dot]", "(punktum)", "[prik]" stand for ".". */
const OBFUSCATED_DOT = /\s?[([{]\s?(?:dot|punktum|prik)\s?[)\]}]\s?/giu;

/** The candidate starts at the beginning of a run of local-part characters (the look-behind), so each run
 * is scanned once; a single space either side of "@" is allowed. The domain run, or a bracketed address
 * literal of at most 60 characters, is validated in code. */
const EMAIL_CANDIDATE = /(?<![\p{L}\p{N}._%+'-])([\p{L}\p{N}._%+'-]+) ?@ ?(\[[^\] ]{1,60}\]|[\p{L}\p{N}.-]+)/gu;
const DOMAIN_LABEL = /^[\p{L}\p{N}-]+$/u;
/** All lower case, all upper case, a script without case ("公司"), or an internationalised domain's ASCII form. */
const TOP_LEVEL_DOMAIN = /^(?:\p{Ll}{2,}|\p{Lu}{2,}|\p{Lo}{2,}|xn--[a-z\d-]+|XN--[A-Z\d-]+)$/u;
/** "[192.168.1.1]", "[IPv6:2001:db8::1]". */
const ADDRESS_LITERAL = /^\[(?:\d{1,3}(?:\.\d{1,3}){3}|IPv6:[\da-f:.]+)\]$/i;
const HAS_ALNUM = /[\p{L}\p{N}]/u;

function isEmail(local: string, domain: string): boolean {
  if (!HAS_ALNUM.test(local)) return false;
  if (domain.startsWith("[")) return ADDRESS_LITERAL.test(domain);
  const trimmed = domain.replace(/[.-]+$/, ""); // a full stop or dash ending the sentence
  const labels = trimmed.split(".");
  if (labels.length < 2) return false;
  const labelsOk = labels.every((l) => DOMAIN_LABEL.test(l) && !l.startsWith("-") && !l.endsWith("-"));
  return labelsOk && TOP_LEVEL_DOMAIN.test(labels[labels.length - 1]);
}

function hasEmail(text: string): boolean {
  const deobfuscated = text.replace(OBFUSCATED_AT, "@").replace(OBFUSCATED_DOT, ".");
  for (const m of deobfuscated.matchAll(EMAIL_CANDIDATE)) {
    if (isEmail(m[1], m[2])) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------------
// The guard

/** The kinds of identifier found in a text, in a fixed order (cpr, phone, email), each once. */
export function findIdentifiers(text: string): IdentifierKind[] {
  const normalised = normalise(text);
  let cpr = false;
  let phone = WITH_COUNTRY_CODE.test(normalised);

  for (const chain of chainsOf(normalised)) {
    const { groups, seps, starts, ends } = chain;
    const yearList = isYearList(groups);
    for (let i = 0; i < groups.length && !(cpr && phone); i++) {
      let digits = 0;
      // Aligned runs groups[i..j] of at most 10 digits: at most 10 groups, so linear overall.
      for (let j = i; j < groups.length; j++) {
        digits += groups[j].length;
        if (digits > 10) break;
        const run = groups.slice(i, j + 1);
        const runSeps = seps.slice(i, j);
        if (digits === 10 && !cpr) cpr = isCpr(run, runSeps);
        if (digits === 8 && !phone && !yearList) {
          const start = starts[i];
          const end = ends[j];
          const around = {
            before: normalised.slice(Math.max(0, start - CONTEXT_WINDOW), start),
            after: normalised.slice(end, end + CONTEXT_WINDOW),
          };
          phone = isNationalPhone(run, runSeps, around);
        }
      }
    }
  }

  const found: Record<IdentifierKind, boolean> = { cpr, phone, email: hasEmail(normalised) };
  return (["cpr", "phone", "email"] as const).filter((k) => found[k]);
}

export interface IdentifierFinding {
  field: string;
  kinds: IdentifierKind[];
}

/** Checks every free-text field of a submission; returns the fields that must be refused. */
export function findIdentifiersIn(fields: Record<string, string | undefined>): IdentifierFinding[] {
  const out: IdentifierFinding[] = [];
  for (const [field, text] of Object.entries(fields)) {
    if (!text) continue;
    const kinds = findIdentifiers(text);
    if (kinds.length > 0) out.push({ field, kinds });
  }
  return out;
}
