// The free-text privacy guard (DOMAIN.md "Identifiers that must not be stored in free text").
// Citizens are pseudonymous case codes; a practitioner's answer must never carry a CPR number,
// a phone number or an e-mail address. We only say *what kind* was found, never the value.

export type IdentifierKind = "cpr" | "phone" | "email";

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** DDMMYY is a date that can exist (29 Feb allowed: the century is unknown). */
function plausibleDate(dd: number, mm: number): boolean {
  return mm >= 1 && mm <= 12 && dd >= 1 && dd <= DAYS_IN_MONTH[mm - 1];
}

// DDMMYY then four digits, with or without a dash or a space. No modulus-11 check: numbers without it
// have been issued since 2007, so a date-plausible DDMMYY with four digits is enough to refuse.
const CPR = /(?<![\d])(\d{2})(\d{2})(\d{2})[- ]?(\d{4})(?![\d])/g;

// Danish phone numbers: 8 digits starting 2–9, optional +45 / 0045, written whole, in pairs
// ("12 34 56 78", "12-34-56-78") or in fours ("1234 5678").
const PHONE =
  /(?<![\d+])(?:(?:\+|00)45[ -]?)?(?:[2-9]\d{7}|[2-9]\d(?:[ -]\d{2}){3}|[2-9]\d{3}[ -]\d{4})(?![\d])/g;

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;

/** The kinds of identifier found in a text, in a fixed order (cpr, phone, email), each once. */
export function findIdentifiers(text: string): IdentifierKind[] {
  const found = new Set<IdentifierKind>();
  for (const m of text.matchAll(CPR)) {
    if (plausibleDate(Number(m[1]), Number(m[2]))) found.add("cpr");
  }
  if ([...text.matchAll(PHONE)].length > 0) found.add("phone");
  if (EMAIL.test(text)) found.add("email");
  return (["cpr", "phone", "email"] as const).filter((k) => found.has(k));
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
