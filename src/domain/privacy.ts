// The free-text privacy guard (DOMAIN.md "Identifiers that must not be stored in free text").
// Citizens are pseudonymous case codes; a practitioner's answer must never carry a CPR number,
// a phone number or an e-mail address. We only say *what kind* was found, never the value.
//
// How it works
// ------------
// 1. The text is normalised: NFKC (full-width digits, non-breaking and narrow spaces), every dash-like
//    character (hyphen, non-breaking hyphen, en/em dash, minus sign) becomes "-", invisible characters
//    (zero-width space/joiners, soft hyphen) are removed, and runs of spaces/tabs become one space.
// 2. Digits are cut into *chains*: digit groups joined by exactly one separator (" ", "." or "-").
//    "Ring 22 33 44 55." has the chain 22|33|44|55; "kl. 14.30-16.00" has 14|30|16|00.
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
// - E-mail: local@domain with Unicode letters (æøå), digits and . _ % + ' - in the local part; the domain
//   has at least two labels and a top-level domain of at least two letters, written all lower case or all
//   upper case ("Skolen.Derefter" — a missing space after a full stop — is not a domain). Obfuscations
//   that are clearly an address are found: "(at)", "[at]", "{at}", "(snabel-a)" for "@", "(dot)",
//   "[punktum]" etc. for ".", and a single space around "@" ("navn @ kommune.dk"). A bare "@" before a
//   word without a dotted domain ("@Demo Koordinator", "vi mødes @ biblioteket") is not. The Teams
//   mention markup "<at>…</at>" is deliberately not treated as "@". Spelled-out "navn at kommune dot dk"
//   is not detected: "at" is an everyday Danish word.

export type IdentifierKind = "cpr" | "phone" | "email";

// ---------------------------------------------------------------------------------------------------------
// Normalisation

/** Dash-like characters: hyphen, non-breaking hyphen, figure dash, en dash, em dash, horizontal bar,
 * minus sign, small and full-width hyphen-minus. */
const DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D]/g;
/** Characters that are invisible in a note: soft hyphen, zero-width space/non-joiner/joiner, word joiner,
 * byte order mark. */
const INVISIBLE = /[\u00AD\u200B\u200C\u200D\u2060\uFEFF]/g;
/** Horizontal white space (NFKC has already turned non-breaking and narrow spaces into " "). */
const HORIZONTAL_SPACE = /[ \t\u00A0\u2000-\u200A\u202F\u205F\u3000]+/g;

function normalise(text: string): string {
  return text.normalize("NFKC").replace(INVISIBLE, "").replace(DASHES, "-").replace(HORIZONTAL_SPACE, " ");
}

// ---------------------------------------------------------------------------------------------------------
// Digit chains

/** Digit groups joined by exactly one separator. Unambiguous (separators are not digits), so linear. */
const CHAIN = /\d+(?:[ .-]\d+)*/g;

interface Chain {
  groups: string[];
  /** seps[k] joins groups[k] and groups[k + 1]. */
  seps: string[];
  /** Offset of each group in the normalised text. */
  starts: number[];
}

function chainsOf(text: string): Chain[] {
  const chains: Chain[] = [];
  for (const m of text.matchAll(CHAIN)) {
    const groups: string[] = [];
    const seps: string[] = [];
    const starts: number[] = [];
    const raw = m[0];
    let groupStart = 0;
    for (let k = 0; k <= raw.length; k++) {
      if (k === raw.length || !isDigit(raw[k])) {
        groups.push(raw.slice(groupStart, k));
        starts.push(m.index! + groupStart);
        if (k < raw.length) seps.push(raw[k]);
        groupStart = k + 1;
      }
    }
    chains.push({ groups, seps, starts });
  }
  return chains;
}

function isDigit(c: string): boolean {
  return c >= "0" && c <= "9";
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
 * "(+45) 2233 4455". The eight digits may carry single separators anywhere. */
const WITH_COUNTRY_CODE =
  /(?:\(\s?(?:\+|00)\s?45\s?\)|(?<!\d)(?:\+\s?|00)45)[ .-]?\d(?:[ .-]?\d){7}(?!\d)/;

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
  if (sep === "-" && shape === "4-4") {
    // Year ranges ("2024-2025") and, after "kl.", time ranges ("kl. 2000-2200").
    if (plausibleYear(n[0]) && plausibleYear(n[1]) && n[1] >= n[0]) return true;
    if (CLOCK_WORD.test(around.before) && plausibleTime(groups[0]) && plausibleTime(groups[1])) return true;
  }
  if (sep === "-" || sep === ".") {
    // Dates with a four-digit year: "24.11.2026", "24-11-2026", "2026-11-24".
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
 * is scanned once; a single space either side of "@" is allowed. The domain run is validated in code. */
const EMAIL_CANDIDATE = /(?<![\p{L}\p{N}._%+'-])([\p{L}\p{N}._%+'-]+) ?@ ?([\p{L}\p{N}.-]+)/gu;
const DOMAIN_LABEL = /^[\p{L}\p{N}-]+$/u;
const TOP_LEVEL_DOMAIN = /^(?:\p{Ll}{2,}|\p{Lu}{2,})$/u;
const HAS_ALNUM = /[\p{L}\p{N}]/u;

function isEmail(local: string, domain: string): boolean {
  if (!HAS_ALNUM.test(local)) return false;
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
    const { groups, seps, starts } = chain;
    for (let i = 0; i < groups.length && !(cpr && phone); i++) {
      let digits = 0;
      // Aligned runs groups[i..j] of at most 10 digits: at most 10 groups, so linear overall.
      for (let j = i; j < groups.length; j++) {
        digits += groups[j].length;
        if (digits > 10) break;
        const run = groups.slice(i, j + 1);
        const runSeps = seps.slice(i, j);
        if (digits === 10 && !cpr) cpr = isCpr(run, runSeps);
        if (digits === 8 && !phone) {
          const start = starts[i];
          const end = starts[j] + groups[j].length;
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
