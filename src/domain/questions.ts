// The question catalogue: the seeds' own words. Every entry names the seed section it comes from (`source`,
// e.g. "001 §5.2" or "004 Trin 2"; the seeds are in shared/seeds, mapped in shared/DOMAIN.md).
// Danish texts from 001 are verbatim (as quoted in DOMAIN.md), apart from the fixes noted where they are made.
// 004 is an OCR'd text; its entries keep its terms but are phrased as checks in proper Danish.
// The English texts are our translations for users whose Teams speaks English.
//
// "mentee/pårørende", "mentees/pårørendes" and "mentor/pårørendecoach" (English "mentee/relative" and
// "mentor/relative coach") are placeholders, as in the seed: show such texts through `forKind`.
export interface Text {
  da: string;
  en: string;
}

/** A text of the catalogue, with the seed section it comes from, e.g. "001 §5.2" or "004 Trin 2". */
export interface Question extends Text {
  source: string;
}

/** LØFT, the solution-focused approach (001 §4.4): the three basic questions and the two core questions. */
export const LOFT_QUESTIONS: { basic: readonly Question[]; solution: Question; exception: Question } = {
  basic: [
    {
      da: "Hvad er dine bedste håb for det forløb, som du nu skal i gang med?",
      en: "What are your best hopes for the course you are now about to begin?",
      source: "001 §4.4",
    },
    {
      da: "Hvordan ville dit liv fremover se ud, hvis disse blev realiseret?",
      en: "What would your life look like from now on if these came true?",
      source: "001 §4.4",
    },
    {
      da: "Hvad gør du faktisk allerede, eller hvad har du tidligere gjort, som hjælper med til at disse håb bliver realiseret?",
      en: "What are you actually doing already, or what have you done before, that helps these hopes come true?",
      source: "001 §4.4",
    },
  ],
  /** The citizen's experience with solutions. */
  solution: {
    da: "Hvad gjorde du, som var hjælpsomt i forhold til denne (eller en anden) udfordring?",
    en: "What did you do that was helpful with this (or another) challenge?",
    source: "001 §4.4",
  },
  /** The exceptions: times the challenge did not show up. */
  exception: {
    da: "Hvad gjorde du (eller andre), eller hvad skete, siden udfordringen ikke dukkede op?",
    en: "What did you (or others) do, or what happened, so that the challenge did not show up?",
    source: "001 §4.4",
  },
};

/** The conversation form (samtaleskema, 001 §4.3): the citizen's own perspectives and goals, at the start and along the way. */
export const CONVERSATION_FORM: Question = {
  da: "Samtaleskema: borgerens egne perspektiver og mål — med borgerens egne ord",
  en: "Conversation form: the citizen's own perspectives and goals — in the citizen's own words",
  source: "001 §4.3",
};

/** Who fills in the conversation form (001 §4.3, the seed's bold sentence). Has a placeholder: show it through `forKind`. */
export const CONVERSATION_FORM_HINT: Question = {
  da: "Udfyldes af mentor/pårørendecoach sammen med borgeren eller på baggrund af de løbende samtaler med borgeren.",
  en: "Filled in by the mentor/relative coach together with the citizen, or based on the ongoing conversations with the citizen.",
  source: "001 §4.3",
};

/** Before each conversation (001 §5.2). */
export const PREPARATION_QUESTIONS: readonly Question[] = [
  {
    da: "Hvad skal lykkes i dag? Hvordan vil jeg få det til at lykkes?",
    en: "What should succeed today? How will I make it succeed?",
    source: "001 §5.2",
  },
  {
    da: "Hvad lykkedes i særlig grad sidste gang, jeg havde lignende samtaler og hvorfor? Hvad reagerede mentee/pårørende positivt/negativt på?",
    en: "What went particularly well the last time I had similar conversations, and why? What did the mentee/relative react positively/negatively to?",
    source: "001 §5.2",
  },
  {
    da: "Hvad skal jeg være særlig opmærksom på og/eller spørge ind til? Hvordan vil jeg håndtere dette?",
    en: "What should I pay particular attention to and/or ask about? How will I handle it?",
    source: "001 §5.2",
  },
  {
    da: "Har jeg selv nogen holdninger, følelser og behov, som jeg har svært ved at håndtere professionelt? Hvordan arbejder jeg med det?",
    en: "Do I have attitudes, feelings or needs of my own that I find hard to handle professionally? How do I work with that?",
    source: "001 §5.2",
  },
];

/**
 * After each conversation (001 §5.2). Question 7 is answered ja/usikker/nej, question 8 also as "wants sparring".
 * One deliberate grammar fix (see DOMAIN.md): the seed's "Lykkes jeg" is asked after the conversation, so "Lykkedes jeg".
 */
export const REFLECTION_QUESTIONS: readonly Question[] = [
  {
    da: "Lykkedes jeg med det, jeg havde tænkt inden samtalen? Hvorfor/hvorfor ikke?",
    en: "Did I succeed with what I had planned before the conversation? Why/why not?",
    source: "001 §5.2",
  },
  {
    da: "Lyttede jeg til det, som mentee/pårørende fortalte mig?",
    en: "Did I listen to what the mentee/relative told me?",
    source: "001 §5.2",
  },
  {
    da: "Lod jeg mentee/pårørende føre ordet, og var jeg anerkendende over for vedkommendes perspektiver? Både sprogligt og fysisk i mit kropssprog.",
    en: "Did I let the mentee/relative lead, and was I appreciative of their perspectives? Both in words and in my body language.",
    source: "001 §5.2",
  },
  {
    da: "Hvilke invitationer gav mentee/pårørende undervejs i samtalen til at åbne op for forskellige emner? Lagde jeg som mentor/pårørendecoach mærke til dem under samtalen, og hvordan forfulgte jeg dem? Kunne jeg have sagt noget andet, som havde åbnet mere op for samtalen?",
    en: "What invitations did the mentee/relative give during the conversation to open up different topics? Did I, as mentor/relative coach, notice them during the conversation, and how did I follow them up? Could I have said something else that would have opened the conversation more?",
    source: "001 §5.2",
  },
  {
    da: "Hvordan var samspillet mellem os?",
    en: "How was the interaction between us?",
    source: "001 §5.2",
  },
  {
    da: "Hvad synes jeg, at mentee/pårørende reagerede positivt på? Hvad reagerede mentee/pårørende modsat negativt på?",
    en: "What do I think the mentee/relative reacted positively to? What, on the other hand, did the mentee/relative react negatively to?",
    source: "001 §5.2",
  },
  {
    da: "Er jeg det rette match for denne mentee/pårørende?",
    en: "Am I the right match for this mentee/relative?",
    source: "001 §5.2",
  },
  {
    da: "Er der noget, jeg har brug for hjælp til?",
    en: "Is there anything I need help with?",
    source: "001 §5.2",
  },
];

/**
 * Before meeting the citizen (004 Trin 2: "Mødet med borgeren forberedes"): the seed's preparations, as statements
 * the mentor answers with one of SAFETY_ANSWERS.
 */
export const SAFETY_CHECKS: Readonly<Record<"place" | "roles" | "assumptions" | "risk", Question>> = {
  place: {
    da: "Valget af mødested er overvejet.",
    en: "The choice of meeting place has been considered.",
    source: "004 Trin 2",
  },
  roles: {
    da: "Der er fastlagt klare og tydelige roller og funktioner mellem de fagprofessionelle, der går ind i mødet med borgeren.",
    en: "Clear and distinct roles and functions have been agreed between the professionals going into the meeting with the citizen.",
    source: "004 Trin 2",
  },
  assumptions: {
    da: "Egne og forudindtagede antagelser om borgeren er udforsket sammen med en kollega, og min egen fysiske fremtoning i mødet er overvejet.",
    en: "My own and preconceived assumptions about the citizen have been explored with a colleague, and my own physical appearance at the meeting has been considered.",
    source: "004 Trin 2",
  },
  risk: {
    da: "Der er gennemført en systematisk risikovurdering forud for mødet med borgeren.",
    en: "A systematic risk assessment has been carried out before the meeting with the citizen.",
    source: "004 Trin 2",
  },
};

/** The answers to each safety check, in the order shown. */
export const SAFETY_ANSWERS = ["yes", "no", "notRelevant"] as const;

export const SAFETY_ANSWER_TEXT: Record<(typeof SAFETY_ANSWERS)[number], Text> = {
  yes: { da: "Ja", en: "Yes" },
  no: { da: "Nej", en: "No" },
  notRelevant: { da: "Ikke relevant", en: "Not relevant" },
};

/**
 * Rounding off the meeting (004 Trin 4: "Mødet med borgeren afrundes"): clarity about the agreements made, and a
 * "livline" so the citizen does not feel left alone. `agreements` is answered in free text, `lifeline` ja/nej.
 */
export const ROUND_OFF: { agreements: Question; lifeline: Question } = {
  agreements: {
    da: "Hvilke gensidige aftaler lavede I om, hvad der skal ske efter mødet?",
    en: "What mutual agreements did you make about what is to happen after the meeting?",
    source: "004 Trin 4",
  },
  lifeline: {
    da: "Har borgeren en livline: hvem kan borgeren kontakte, og hvordan, før næste møde?",
    en: "Does the citizen have a lifeline: whom can they contact, and how, before the next meeting?",
    source: "004 Trin 4",
  },
};

/** "Praktiske aftaler" (001 §5.1): the same for mentors and relative coaches. */
const PRACTICAL_AGREEMENTS: { heading: Question; items: readonly Question[] } = {
  heading: { da: "Praktiske aftaler", en: "Practical agreements", source: "001 §5.1" },
  items: [
    { da: "Hvor tit skal I mødes?", en: "How often are you to meet?", source: "001 §5.1" },
    { da: "Hvor mødes I henne?", en: "Where do you meet?", source: "001 §5.1" },
    { da: "Hvordan kommunikerer I sammen?", en: "How do you communicate with each other?", source: "001 §5.1" },
    { da: "Hvordan aflyser I aftaler?", en: "How do you cancel appointments?", source: "001 §5.1" },
  ],
};

/**
 * The first conversations (001 §5.1, "Klar til de første samtaler"): what to say and agree, as the seed's checklist,
 * written out for each kind (no placeholders: shown as is). The seed's typo "Hvad du kan hjælpe du med?" is fixed to
 * "Hvad kan du hjælpe med?".
 */
export const FIRST_CONVERSATIONS: Readonly<Record<"mentor" | "relativeCoach", ReadonlyArray<{ heading: Question; items: readonly Question[] }>>> = {
  mentor: [
    {
      heading: { da: "Om formålet med dagens samtale", en: "The purpose of today's conversation", source: "001 §5.1" },
      items: [
        {
          da: "Fortæl, hvorfor du er her: fx at der er nogen, som er bekymret for mentee (hvis der er en konkret adfærd, der er bekymring for, så nævn også denne).",
          en: "Say why you are here: e.g. that someone is worried about the mentee (if there is a specific behaviour that causes worry, mention it too).",
          source: "001 §5.1",
        },
        {
          da: "Fortæl om formålet med dagens samtale, fx at finde frem til, om både du og mentee synes, det giver mening med et mentorforløb.",
          en: "Explain the purpose of today's conversation, e.g. to find out whether both you and the mentee think a mentor course makes sense.",
          source: "001 §5.1",
        },
        { da: "Fortæl mentee, hvor lang tid samtalen varer.", en: "Tell the mentee how long the conversation lasts.", source: "001 §5.1" },
        { da: "Hvem skal mere vide noget om det, vi taler om?", en: "Who else is to know about what we talk about?", source: "001 §5.1" },
        { da: "Hvad er intentionen med mødet og med forløbet?", en: "What is the intention of the meeting and of the course?", source: "001 §5.1" },
        {
          da: "Din rolle, herunder at du hjælper mentee frem til egne konklusioner og løsninger.",
          en: "Your role, including that you help the mentee reach their own conclusions and solutions.",
          source: "001 §5.1",
        },
      ],
    },
    {
      heading: { da: "Om forløbet", en: "About the course", source: "001 §5.1" },
      items: [
        {
          da: "Fortæl mentee, hvad de går ind til og kan forvente af samarbejdet.",
          en: "Tell the mentee what they are entering and can expect from working together.",
          source: "001 §5.1",
        },
        {
          da: "Snak om, at det er et tidsafgrænset forløb med faste møder, hvor I arbejder sammen.",
          en: "Talk about it being a time-limited course with regular meetings where you work together.",
          source: "001 §5.1",
        },
        { da: "Hvad kan du hjælpe med? Er der noget, du ikke kan hjælpe med?", en: "What can you help with? Is there anything you cannot help with?", source: "001 §5.1" },
      ],
    },
    {
      heading: { da: "Om dig selv og hvorfor du er mentor", en: "About yourself and why you are a mentor", source: "001 §5.1" },
      items: [
        {
          da: "Fortæl, hvad der gør, at netop du er blevet mentor for mentee.",
          en: "Tell what has made you, in particular, the mentee's mentor.",
          source: "001 §5.1",
        },
        {
          da: "Fortæl, hvad du håber, at der kan komme ud af jeres forløb, og hvorfor du gerne vil hjælpe.",
          en: "Tell what you hope can come of your course together, and why you want to help.",
          source: "001 §5.1",
        },
      ],
    },
    {
      heading: { da: "Om mentee", en: "About the mentee", source: "001 §5.1" },
      items: [
        {
          da: "Snak med hinanden om, hvad mentees bedste håb for et forløb med dig er?",
          en: "Talk together about what the mentee's best hopes are for a course with you.",
          source: "001 §5.1",
        },
        {
          da: "Tal om, hvilken forskel vil det gøre for mentee, hvis bedste håb lykkes?",
          en: "Talk about what difference it will make for the mentee if their best hopes come true.",
          source: "001 §5.1",
        },
        {
          da: "Spørg ind til, hvordan mentee kan forestille sig, at forandringen sker: Hvor i dit liv vil det vise sig? Hvor vil det ske først? Hvem vil lægge mærke til det? Hvad vil andre se mentee gøre anderledes?",
          en: "Ask how the mentee imagines the change happening: Where in your life will it show? Where will it happen first? Who will notice it? What will others see the mentee do differently?",
          source: "001 §5.1",
        },
      ],
    },
    {
      heading: { da: "Fælles forventningsafstemning", en: "Agreeing on mutual expectations", source: "001 §5.1" },
      items: [
        { da: "Formålet med forløbet.", en: "The purpose of the course.", source: "001 §5.1" },
        {
          da: "Kan både du og mentee forpligte jer til et samarbejde?",
          en: "Can both you and the mentee commit to working together?",
          source: "001 §5.1",
        },
      ],
    },
    PRACTICAL_AGREEMENTS,
  ],
  relativeCoach: [
    {
      heading: { da: "Om formålet med dagens samtale", en: "The purpose of today's conversation", source: "001 §5.1" },
      items: [
        {
          da: "Fortæl, hvorfor du er her: fx at der er nogen, der er bekymrede for barnet/den unge (hvis der er en konkret adfærd, der er bekymring for, så nævn også denne).",
          en: "Say why you are here: e.g. that someone is worried about the child/young person (if there is a specific behaviour that causes worry, mention it too).",
          source: "001 §5.1",
        },
        {
          da: "Fortæl om formålet med dagens samtale, fx at finde frem til, om den pårørende synes, det giver mening med et forløb.",
          en: "Explain the purpose of today's conversation, e.g. to find out whether the relative thinks a course makes sense.",
          source: "001 §5.1",
        },
        { da: "Fortæl den pårørende, hvor lang tid samtalen varer.", en: "Tell the relative how long the conversation lasts.", source: "001 §5.1" },
        {
          da: "Hvad er intentionen med mødet og med forløbet? Som coach skal du sikre tydelig afklaring for alle.",
          en: "What is the intention of the meeting and of the course? As coach, you must make this clear to everyone.",
          source: "001 §5.1",
        },
        { da: "Hvem skal mere vide noget om det, vi taler om?", en: "Who else is to know about what we talk about?", source: "001 §5.1" },
        {
          da: "Din rolle, herunder at du hjælper den pårørende frem til egne konklusioner og løsninger.",
          en: "Your role, including that you help the relative reach their own conclusions and solutions.",
          source: "001 §5.1",
        },
        {
          da: "At den pårørende skal være indstillet på at kigge på egne handlinger og mønstre.",
          en: "That the relative must be willing to look at their own actions and patterns.",
          source: "001 §5.1",
        },
      ],
    },
    {
      heading: { da: "Om forløbet", en: "About the course", source: "001 §5.1" },
      items: [
        {
          da: "Fortæl den pårørende, hvad de går ind til og kan forvente af samarbejdet.",
          en: "Tell the relative what they are entering and can expect from working together.",
          source: "001 §5.1",
        },
        {
          da: "Snak om, at det er et tidsafgrænset forløb med faste møder, hvor I arbejder sammen.",
          en: "Talk about it being a time-limited course with regular meetings where you work together.",
          source: "001 §5.1",
        },
        { da: "Hvad kan du hjælpe med? Er der noget, du ikke kan hjælpe med?", en: "What can you help with? Is there anything you cannot help with?", source: "001 §5.1" },
      ],
    },
    {
      heading: { da: "Om dig selv og hvorfor du er pårørendecoach", en: "About yourself and why you are a relative coach", source: "001 §5.1" },
      items: [
        {
          da: "Fortæl, hvad der gør, at netop du er blevet coach for den pårørende.",
          en: "Tell what has made you, in particular, the relative's coach.",
          source: "001 §5.1",
        },
        {
          da: "Fortæl, hvad du håber, at der kan komme ud af jeres forløb, og hvorfor du gerne vil hjælpe.",
          en: "Tell what you hope can come of your course together, and why you want to help.",
          source: "001 §5.1",
        },
      ],
    },
    {
      heading: { da: "Om pårørende", en: "About the relative", source: "001 §5.1" },
      items: [
        {
          da: "Snak med hinanden om, hvad den pårørendes bedste håb for et forløb med dig er?",
          en: "Talk together about what the relative's best hopes are for a course with you.",
          source: "001 §5.1",
        },
        {
          da: "Tal om, hvilken forskel vil det gøre for den pårørende, hvis bedste håb lykkes?",
          en: "Talk about what difference it will make for the relative if their best hopes come true.",
          source: "001 §5.1",
        },
        {
          da: "Forestil dig, at forandringen sker hos dit barn eller nær pårørende: Hvor vil det vise sig? Hvad vil du lægge mærke til som forælder eller pårørende? Hvad vil du se dit barn gøre anderledes?",
          en: "Imagine the change happening in your child or close relative: Where will it show? What will you notice as a parent or relative? What will you see your child do differently?",
          source: "001 §5.1",
        },
      ],
    },
    {
      heading: { da: "Fælles forventningsafstemning", en: "Agreeing on mutual expectations", source: "001 §5.1" },
      items: [
        { da: "Formålet med forløbet.", en: "The purpose of the course.", source: "001 §5.1" },
        {
          da: "Kan både du og den pårørende forpligte jer til et samarbejde?",
          en: "Can both you and the relative commit to working together?",
          source: "001 §5.1",
        },
      ],
    },
    PRACTICAL_AGREEMENTS,
  ],
};

/** The closing dialogue with the citizen (001 §5.3). The seed's "er du lykkes" is "er du lykkedes" (see DOMAIN.md). */
export const CLOSING_QUESTIONS: readonly Question[] = [
  { da: "Hvordan er det gået i forhold til de mål, du har haft?", en: "How has it gone with the goals you have had?", source: "001 §5.3" },
  { da: "Hvad er du lykkedes med at gøre, som har fået det til at ske?", en: "What have you managed to do that made it happen?", source: "001 §5.3" },
  { da: "Hvordan har du været i stand til det?", en: "How were you able to do that?", source: "001 §5.3" },
  { da: "Hvad har det krævet af dig?", en: "What has it required of you?", source: "001 §5.3" },
  { da: "Hvem og hvad har været den største hjælp?", en: "Who and what has been the greatest help?", source: "001 §5.3" },
  {
    da: "Hvad har jeg som mentor/pårørendecoach set, at du har gennemført eller klaret godt?",
    en: "What have I, as mentor/relative coach, seen you accomplish or handle well?",
    source: "001 §5.3",
  },
];

/** What to make clear at the end (001 §5.3). */
export const CLOSING_MAKE_CLEAR: readonly Question[] = [
  {
    da: "Hvad skal der ske herfra? Er der andre professionelle, som fortsat har kontakt?",
    en: "What happens from here? Will other professionals stay in contact?",
    source: "001 §5.3",
  },
  { da: "Må borgeren kontakte dig igen — i hvilke tilfælde og hvordan?", en: "May the citizen contact you again — when and how?", source: "001 §5.3" },
  { da: "Hvor kan borgeren få hjælp, hvis behovet opstår?", en: "Where can the citizen get help if the need arises?", source: "001 §5.3" },
];

/** The after-reflection with the coordinator and colleagues when a case is closed (001 §5.4), verbatim. */
export const AFTER_REFLECTION_QUESTIONS: readonly Question[] = [
  { da: "Når du ser tilbage på forløbet, skete der så noget særligt, som du hæfter dig ved?", en: "Looking back on the case, did something in particular happen that stays with you?", source: "001 §5.4" },
  {
    da: "Gav forløbet anledning til læring om mentee/pårørende, vi skal være opmærksomme på ved et eventuelt videre forløb eller anden indsats?",
    en: "Did the case teach us something about the mentee/relative that we should keep in mind in any further course or other measure?",
    source: "001 §5.4",
  },
  { da: "Skete der noget uventet under forløbet, som du ikke var forberedt på?", en: "Did something unexpected happen during the case that you were not prepared for?", source: "001 §5.4" },
  { da: "Hvordan reagerede du på den situation?", en: "How did you react to that situation?", source: "001 §5.4" },
  {
    da: "Var der andre, vi skulle have involveret i arbejdet, fx andre fagligheder eller aktører i mentees/pårørendes netværk?",
    en: "Were there others we should have involved in the work, e.g. other professions or people in the network of the mentee/relative?",
    source: "001 §5.4",
  },
  { da: "Hvad virkede godt i forløbet, som vi skal gøre mere af?", en: "What worked well in the case that we should do more of?", source: "001 §5.4" },
  {
    da: "Hvad kan vi omvendt gøre bedre til næste gang, vi har et forløb med andre borgere i samme situation?",
    en: "What, on the other hand, can we do better next time we have a case with other citizens in the same situation?",
    source: "001 §5.4",
  },
];

/** Every question, check and heading above (both first-conversation variants; shared entries once), to check them all. */
export const CATALOGUE: ReadonlyArray<Question> = [
  ...new Set<Question>([
    ...LOFT_QUESTIONS.basic,
    LOFT_QUESTIONS.solution,
    LOFT_QUESTIONS.exception,
    CONVERSATION_FORM,
    CONVERSATION_FORM_HINT,
    ...PREPARATION_QUESTIONS,
    ...REFLECTION_QUESTIONS,
    ...Object.values(SAFETY_CHECKS),
    ROUND_OFF.agreements,
    ROUND_OFF.lifeline,
    ...[...FIRST_CONVERSATIONS.mentor, ...FIRST_CONVERSATIONS.relativeCoach].flatMap((g) => [g.heading, ...g.items]),
    ...CLOSING_QUESTIONS,
    ...CLOSING_MAKE_CLEAR,
    ...AFTER_REFLECTION_QUESTIONS,
  ]),
];

/**
 * A text with the seed's placeholders said as the case's kind says: "mentee/pårørende" → the mentee or the relative
 * ("mentees/pårørendes" likewise), "mentor/pårørendecoach" → mentor or pårørendecoach; in English "mentee/relative"
 * and "mentor/relative coach".
 */
export function forKind(text: string, kind: "mentor" | "relativeCoach"): string {
  const mentor = kind === "mentor";
  return text
    .replace(/mentee(s?)\/pårørende(s?)/g, (_, s1: string, s2: string) => (mentor ? `mentee${s1}` : `pårørende${s2}`))
    .replace(/mentor\/pårørendecoach/g, mentor ? "mentor" : "pårørendecoach")
    .replace(/mentee\/relative/g, mentor ? "mentee" : "relative")
    .replace(/mentor\/relative coach/g, mentor ? "mentor" : "relative coach");
}
