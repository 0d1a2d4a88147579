// The Danish a practitioner trips over, and the wording used instead (a native-level review, December 2026): one
// word for one thing across the bot, and sentences that read as Danish. Holds the bot's catalogue and the instruments
// to the fixed strings; what depends on data (a name, a count) is checked where it is rendered.
import { catalogue } from "../../bot/locale";
import { GSE, WHO5 } from "../../src/domain/instruments";
import { CONVERSATION_FORM_HINT } from "../../src/domain/questions";

const strings = (x: unknown): string[] => (typeof x === "string" ? [x] : x && typeof x === "object" ? Object.values(x).flatMap(strings) : []);
const daLines = strings(catalogue("da"));
const da = daLines.join("\n");

test.each([
  ["Ingen fremgang", "the one wording: Ingen fremskridt — en anden indsats tager over"],
  ["skal overtage", ""],
  ["måske skal en anden indsats", ""],
  ["Borgeren har selv afsluttet", "Borgeren har selv valgt at stoppe"],
  ["GSE-måling", "Mestringstro (GSE)"],
  ["før-måling", "førmåling"],
  ["efter-måling", "eftermåling"],
  ["Type forløb", "Forløbstype"],
  [" flag", "markering"],
  ["Flag", "Markering"],
  ["kontakter dig", "Løft cannot promise the call"],
  ["Er samtalen allerede holdt", "Har samtalen allerede fundet sted?"],
  ["2000 tegn", "2.000 tegn"],
  ["rette match", "i tvivl om matchet / mener ikke, at matchet er det rette"],
  ["WHO-5 er lav", "WHO-5-score er lav"],
  ["001 §", "no seed section numbers in anything a user reads"],
  ["ræk telefonen", "a work phone shows other cases"],
  ["Hvad virker godt", "Hvad fungerer godt?"],
  ["Hvad skal der til", "Hvad skal der ske?"],
  ["har besluttet at afslutte", "har sat forløbet til afslutning, som I har aftalt"],
  ["Kun forløbskoden — aldrig", "Ingen navne eller kontaktoplysninger"],
  ["Mentorerne spørges", "Mentorer og pårørendecoaches spørges"],
  ["}s chat med Løft", "i chatten mellem {coordinator} og Løft (names ending in -s)"],
  ["samtale(r)", "1 samtale / 3 samtaler"],
  ["mentorens svar", "ifølge mentor"],
  ["Ved »usikker», «nej«", "mixed quotation marks"],
])("the catalogue no longer says «%s» (%s)", (old) => {
  expect(daLines.filter((l) => l.includes(old))).toEqual([]);
});

test("the better wordings are the ones used", () => {
  for (const s of [
    "Ingen fremskridt — en anden indsats tager over",
    "Borgeren har selv valgt at stoppe",
    "Forløbstype",
    "Din koordinator har fået besked.",
    "Har samtalen allerede fundet sted? Så reflektér over den nu, mens du har den frisk i erindringen.",
    "tre grundspørgsmål samt spørgsmål om løsninger og undtagelser",
    "(højst 2.000 tegn)",
    "Svarer du »Usikker« eller »Nej«, eller ønsker du sparring, får din koordinator besked — kun med forløbskoden, ikke dine svar.",
    "{coach} har markeret {code}: {flags}.",
    "i tvivl om matchet",
    "mener ikke, at matchet er det rette",
    "borgerens WHO-5-score er lav",
    "Næste skridt: efterrefleksion over forløbet med din koordinator og evt. kolleger.",
    "Borgeren svarer selv: læs udsagnene højt, og skriv borgerens egne svar.",
    "Hvilke af vurderingsværktøjets ni dimensioner pegede infohusets vurdering på?",
    "Hvad fungerer godt?",
    "Hvad skal der ske? Op til fem mål, hver med en score fra 0 (slet ikke nået) til 10 (helt nået).",
    "tvivl om match: {match} ({date})",
    "Målene fra målskemaet står her",
    "{coordinator} har sat forløbet til afslutning, som I har aftalt.",
    "Ingen navne eller kontaktoplysninger",
    "Mentorer og pårørendecoaches spørges {ask}.",
    "i chatten mellem {coordinator} og Løft",
    "Kommune: {municipality}. {count} personer har fået en rolle.",
    "1 samtale uden refleksion",
    "Ingen fremskridt (ifølge mentor)",
    "Borgerens egen vurdering af fremgang (1–10)",
  ]) {
    expect([s, da.includes(s)]).toEqual([s, true]);
  }
});

test("WHO-5 and GSE speak to the citizen, who answers; the samtaleskema is filled in with the citizen", () => {
  expect(WHO5.intro.da).toMatch(/^Hvordan har du haft det i de sidste 2 uger\?/);
  expect(GSE.intro.da).toBe("Hvor godt passer hvert udsagn på dig?");
  expect(CONVERSATION_FORM_HINT.da).toContain("sammen med borgeren");
});
