// Danish: the product's first language. Every string a user sees comes from here (or en.ts).
export const da = {
  menu: {
    title: "Løft",
    greeting: "Hej {name}. Hvad vil du gøre?",
    prepare: "Forbered samtale",
    reflect: "Efter samtale",
    cases: "Mine forløb",
    help: "Hjælp",
    noCases: "Du har ingen aktive forløb lige nu.",
  },
  help: {
    title: "Sådan bruger du Løft",
    text:
      "Før en samtale: tryk **Forbered samtale** — du får forberedelsesspørgsmålene og ser, hvad du skrev sidst.\n\n" +
      "Efter en samtale: tryk **Efter samtale** — refleksionsspørgsmål, målskala og progression.\n\n" +
      "**Mine forløb** viser dine aktive forløb (kun med forløbskode).\n\n" +
      "Skriv aldrig navne, CPR-numre, telefonnumre eller e-mailadresser i dine svar.",
    words: "Du kan også skrive: forbered, efter, forløb, hjælp.",
  },
  errors: {
    notMember:
      "Du er ikke tilknyttet et mentor- og pårørendecoachkorps i Løft endnu. Kontakt din koordinator, så du bliver oprettet.",
    generic: "Noget gik galt hos os. Dit svar er ikke gemt — prøv igen om lidt.",
  },
};

export type Catalogue = typeof da;
