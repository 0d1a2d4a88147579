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
  common: {
    menu: "Menu",
    yes: "Ja",
    required: "Skal udfyldes",
    caseKind: { mentor: "mentorforløb", relativeCoach: "pårørendecoachforløb" },
    caseStatus: { referred: "henvist", active: "aktivt", closing: "afsluttes", closed: "afsluttet" },
    opened: "Startet {date}",
    lastReflection: "sidste refleksion {date}",
    noReflectionYet: "ingen refleksion endnu",
  },
  picker: {
    choose: "Vælg forløb:",
    open: "Vælg",
  },
  prepare: {
    title: "Forbered samtale · {code}",
    lastTime: "Sidst skrev du ({date}):",
    firstChecklist: "Tjekliste til de første samtaler",
    focusGoals: "Hvilke mål vil du arbejde med i dag?",
    safety: "Sikkerhed før mødet",
    safetyPlaceLabel: "Mødested",
    safetyColleagueLabel: "Kollega",
    safetyRiskLabel: "Risiko",
    plannedDate: "Dato for samtalen",
    plannedTime: "Klokken",
    save: "Gem forberedelse",
    saved: "✓ Forberedelse gemt · {code}",
    planned: "Samtale",
    focus: "Fokus",
    safetyFact: "Sikkerhed",
    safetyAll: "tjekket",
    safetyMissing: "ikke alt tjekket — tal med din koordinator, hvis du er i tvivl",
    nudge: "Jeg minder dig om refleksionen {time}.",
  },
  reflect: {
    title: "Efter samtale · {code}",
    goalsHeading: "Målskala: hvor er I nu? (0 = slet ikke, 10 = nået)",
    progress: "Borgerens progression (1–10), spørges hver anden måned",
    matchYes: "Ja",
    matchUnsure: "Usikker",
    matchNo: "Nej",
    matchWhy: "Uddyb gerne (valgfrit)",
    sparringLabel: "Sparring",
    sparring: "Ja, jeg vil gerne have sparring med min koordinator",
    coordinatorNote: "Svarer du «usikker» eller «nej» til match, eller beder om sparring, får din koordinator besked med forløbskoden — ikke dine svar.",
    save: "Gem refleksion",
    saved: "✓ Refleksion gemt · {code}",
    goalFact: "Mål",
    progressFact: "Progression",
    notified: "Din koordinator har fået besked og kontakter dig.",
    notReachable: "Vi kunne ikke give din koordinator besked i Løft. Kontakt vedkommende direkte.",
    closingOffer: "Forløbet er ved at blive afsluttet: brug afslutningssamtalen, når du mødes med borgeren sidste gang.",
  },
  cases: {
    title: "Mine forløb",
    prepare: "Forbered",
    reflect: "Efter samtale",
    goal: "{text}: {score}/10",
  },
  refusal: {
    cpr: "Svaret på «{field}» indeholder et CPR-nummer.",
    phone: "Svaret på «{field}» indeholder et telefonnummer.",
    email: "Svaret på «{field}» indeholder en e-mailadresse.",
    required: "«{field}» skal udfyldes.",
    tooLong: "Svaret på «{field}» er for langt (højst 2000 tegn).",
    invalid: "«{field}» har en ugyldig værdi.",
    explain:
      "Løft må ikke gemme CPR-numre, telefonnumre eller e-mailadresser — borgeren kendes kun ved forløbskoden. Ret svaret og gem igen; dine andre svar er bevaret. Intet er gemt endnu.",
  },
  stale: {
    title: "Kortet kan ikke bruges længere",
    notFound: "Forløbet findes ikke (længere).",
    notYours: "Forløbet er ikke dit.",
    closed: "Forløbet er afsluttet, så der kan ikke gemmes mere på det.",
    changed: "Forløbet er ændret, siden kortet blev vist (fx nye mål). Åbn et nyt kort — intet er gemt.",
    reopen: "Åbn nyt kort",
  },
  notify: {
    flag: "Løft: {coach} har markeret forløb {code}: {flags}.",
    match: "usikker på match ({match})",
    sparring: "ønsker sparring",
  },
  nudge: {
    title: "Hvordan gik samtalen? · {code}",
    text: "Du forberedte en samtale i dag. Tag to minutter til refleksionen, mens du husker den.",
  },
  errors: {
    notMember:
      "Du er ikke tilknyttet et mentor- og pårørendecoachkorps i Løft endnu. Kontakt din koordinator, så du bliver oprettet.",
    generic: "Noget gik galt hos os. Dit svar er ikke gemt — prøv igen om lidt.",
  },
};

export type Catalogue = typeof da;
