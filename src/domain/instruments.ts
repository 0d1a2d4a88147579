// The pre/post instruments (003): WHO-5 Well-Being Index and the General Self-Efficacy Scale.
// All item texts live in this one catalogue, so a municipality can swap in its own licensed wording.
// WHO-5: Danish wording as used by KL; free to use; do not reword the items.
// GSE: Schwarzer & Jerusalem; the authors allow use with the source acknowledged.
import type { Text } from "./questions";

export type InstrumentId = "who5" | "gse";
export type Phase = "pre" | "post";

export interface Instrument {
  id: InstrumentId;
  name: Text;
  intro: Text;
  /** The instrument's origin, acknowledged on the card as its authors ask. */
  source: Text;
  items: readonly Text[];
  /** The highest total (WHO-5 0–100, GSE 10–40): scores are shown on their scale, "48 af 100". */
  maxScore: number;
  /** Choices from the first shown to the last, with the item score each gives. */
  choices: ReadonlyArray<{ value: number; label: Text }>;
}

export const WHO5: Instrument = {
  id: "who5",
  name: { da: "WHO-5", en: "WHO-5" },
  maxScore: 100,
  intro: {
    da: "Hvordan har du haft det i de sidste 2 uger? Vælg for hvert udsagn det svar, der passer bedst.",
    en: "How have you been feeling over the last 2 weeks? For each statement choose the answer that fits best.",
  },
  source: {
    da: "WHO-5 Trivselsindeks, © WHO Collaborating Centre in Mental Health, Psykiatrisk Center Nordsjælland",
    en: "WHO-5 Well-Being Index, © WHO Collaborating Centre in Mental Health, Psychiatric Centre North Zealand",
  },
  items: [
    { da: "… har jeg været glad og i godt humør", en: "… I have felt cheerful and in good spirits" },
    { da: "… har jeg følt mig rolig og afslappet", en: "… I have felt calm and relaxed" },
    { da: "… har jeg følt mig aktiv og energisk", en: "… I have felt active and vigorous" },
    { da: "… er jeg vågnet frisk og udhvilet", en: "… I woke up feeling fresh and rested" },
    { da: "… har min dagligdag været fyldt med ting der interesserer mig", en: "… my daily life has been filled with things that interest me" },
  ],
  choices: [
    { value: 5, label: { da: "Hele tiden", en: "All of the time" } },
    { value: 4, label: { da: "Det meste af tiden", en: "Most of the time" } },
    { value: 3, label: { da: "Lidt mere end halvdelen af tiden", en: "More than half of the time" } },
    { value: 2, label: { da: "Lidt mindre end halvdelen af tiden", en: "Less than half of the time" } },
    { value: 1, label: { da: "Lidt af tiden", en: "Some of the time" } },
    { value: 0, label: { da: "På intet tidspunkt", en: "At no time" } },
  ],
};

export const GSE: Instrument = {
  id: "gse",
  name: { da: "Mestringstro (GSE)", en: "Self-efficacy (GSE)" },
  maxScore: 40,
  intro: {
    da: "Hvor godt passer hvert udsagn på dig?",
    en: "How well does each statement fit you?",
  },
  source: { da: "Generel self-efficacy-skala (GSE), R. Schwarzer & M. Jerusalem (1995)", en: "General Self-Efficacy Scale, R. Schwarzer & M. Jerusalem (1995)" },
  items: [
    { da: "Jeg kan altid løse vanskelige problemer, hvis jeg prøver ihærdigt nok", en: "I can always manage to solve difficult problems if I try hard enough" },
    { da: "Hvis nogen modarbejder mig, finder jeg en måde til at opnå det, jeg vil", en: "If someone opposes me, I can find the means and ways to get what I want" },
    { da: "Det er let for mig at holde fast ved mine planer og realisere mine mål", en: "It is easy for me to stick to my aims and accomplish my goals" },
    { da: "Jeg er sikker på, at jeg kan håndtere uventede hændelser", en: "I am confident that I could deal efficiently with unexpected events" },
    { da: "Takket være mine personlige ressourcer, ved jeg, hvordan jeg skal klare uforudsete situationer", en: "Thanks to my resourcefulness, I know how to handle unforeseen situations" },
    { da: "Jeg kan løse de fleste problemer, hvis jeg yder den nødvendige indsats", en: "I can solve most problems if I invest the necessary effort" },
    { da: "Jeg bevarer roen, når der er problemer, da jeg stoler på mine evner til at løse dem", en: "I can remain calm when facing difficulties because I can rely on my coping abilities" },
    { da: "Når jeg støder på et problem, kan jeg som regel finde flere løsninger", en: "When I am confronted with a problem, I can usually find several solutions" },
    { da: "Hvis jeg er i vanskeligheder, kan jeg som regel finde en udvej", en: "If I am in trouble, I can usually think of a solution" },
    { da: "Lige meget hvad der sker, kan jeg som regel klare det", en: "I can usually handle whatever comes my way" },
  ],
  choices: [
    { value: 1, label: { da: "Passer slet ikke", en: "Not at all true" } },
    { value: 2, label: { da: "Passer en smule", en: "Hardly true" } },
    { value: 3, label: { da: "Passer nogenlunde", en: "Moderately true" } },
    { value: 4, label: { da: "Passer præcist", en: "Exactly true" } },
  ],
};

export const INSTRUMENTS: Readonly<Record<InstrumentId, Instrument>> = { who5: WHO5, gse: GSE };
