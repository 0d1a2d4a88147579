// The question catalogue. Danish texts are verbatim from 001 (as quoted in shared/DOMAIN.md); the English
// texts are our translations for users whose Teams speaks English.
export interface Text {
  da: string;
  en: string;
}

/** Before each conversation (001 §5.2). */
export const PREPARATION_QUESTIONS: readonly Text[] = [
  { da: "Hvad skal lykkes i dag? Hvordan vil jeg få det til at lykkes?", en: "What should succeed today? How will I make it succeed?" },
  {
    da: "Hvad lykkedes i særlig grad sidste gang, jeg havde lignende samtaler og hvorfor? Hvad reagerede mentee/pårørende positivt/negativt på?",
    en: "What went particularly well the last time I had similar conversations, and why? What did the mentee/relative react positively/negatively to?",
  },
  {
    da: "Hvad skal jeg være særlig opmærksom på og/eller spørge ind til? Hvordan vil jeg håndtere dette?",
    en: "What should I pay particular attention to and/or ask about? How will I handle it?",
  },
  {
    da: "Har jeg selv nogen holdninger, følelser og behov, som jeg har svært ved at håndtere professionelt? Hvordan arbejder jeg med det?",
    en: "Do I have attitudes, feelings or needs of my own that I find hard to handle professionally? How do I work with that?",
  },
];

/** After each conversation (001 §5.2). Question 7 is answered ja/usikker/nej, question 8 also as "wants sparring". */
export const REFLECTION_QUESTIONS: readonly Text[] = [
  { da: "Lykkedes jeg med det, jeg havde tænkt inden samtalen? Hvorfor/hvorfor ikke?", en: "Did I succeed with what I had planned before the conversation? Why/why not?" },
  { da: "Lyttede jeg til det, som mentee/pårørende fortalte mig?", en: "Did I listen to what the mentee/relative told me?" },
  {
    da: "Lod jeg mentee/pårørende føre ordet, og var jeg anerkendende over for vedkommendes perspektiver? Både sprogligt og fysisk i mit kropssprog.",
    en: "Did I let the mentee/relative lead, and was I appreciative of their perspectives? Both in words and in my body language.",
  },
  {
    da: "Hvilke invitationer gav mentee/pårørende undervejs i samtalen til at åbne op for forskellige emner? Lagde jeg mærke til dem, og hvordan forfulgte jeg dem? Kunne jeg have sagt noget andet, som havde åbnet mere op for samtalen?",
    en: "What invitations did the mentee/relative give during the conversation to open up topics? Did I notice them, and how did I follow them? Could I have said something else that would have opened the conversation more?",
  },
  { da: "Hvordan var samspillet mellem os?", en: "How was the interaction between us?" },
  {
    da: "Hvad synes jeg, at mentee/pårørende reagerede positivt på? Hvad reagerede mentee/pårørende modsat negativt på?",
    en: "What do I think the mentee/relative reacted positively to? What did they react negatively to?",
  },
  { da: "Er jeg det rette match for denne mentee/pårørende?", en: "Am I the right match for this mentee/relative?" },
  { da: "Er der noget, jeg har brug for hjælp til?", en: "Is there anything I need help with?" },
];

/** A short safety check before meeting (004 Trin 2: place, roles, a risk assessment). */
export const SAFETY_CHECKS: Readonly<Record<"place" | "colleagueKnows" | "riskConsidered", Text>> = {
  place: { da: "Mødestedet er aftalt og trygt", en: "The meeting place is agreed and safe" },
  colleagueKnows: { da: "En kollega ved, hvor og hvornår jeg mødes med borgeren", en: "A colleague knows where and when I meet the citizen" },
  riskConsidered: { da: "Jeg har overvejet risikoen ved mødet", en: "I have considered the risks of the meeting" },
};

/** The first conversations (001 §5.1): what to say and agree. Mentor and relative-coach variants differ in the first group. */
export const FIRST_CONVERSATIONS: Readonly<Record<"mentor" | "relativeCoach", ReadonlyArray<{ heading: Text; items: readonly Text[] }>>> = {
  mentor: [
    {
      heading: { da: "Om formålet med dagens samtale", en: "The purpose of today's conversation" },
      items: [
        { da: "Fortæl, hvorfor du er her — at der er nogen, som er bekymret for mentee", en: "Say why you are here — that someone is worried about the mentee" },
        { da: "Fortæl om formålet med dagens samtale og hvor lang tid den varer", en: "Explain the purpose of today's conversation and how long it lasts" },
        { da: "Hvem skal mere vide noget om det, vi taler om?", en: "Who else is to know about what we talk about?" },
        { da: "Din rolle: du hjælper mentee frem til egne konklusioner og løsninger", en: "Your role: you help the mentee reach their own conclusions and solutions" },
      ],
    },
    ...commonFirstConversation("mentee"),
  ],
  relativeCoach: [
    {
      heading: { da: "Om formålet med dagens samtale", en: "The purpose of today's conversation" },
      items: [
        { da: "Fortæl, hvorfor du er her — at der er nogen, der er bekymrede for barnet/den unge", en: "Say why you are here — that someone is worried about the child/young person" },
        { da: "Fortæl om formålet med dagens samtale og hvor lang tid den varer", en: "Explain the purpose of today's conversation and how long it lasts" },
        { da: "Hvem skal mere vide noget om det, vi taler om?", en: "Who else is to know about what we talk about?" },
        { da: "Din rolle: du hjælper den pårørende frem til egne konklusioner og løsninger", en: "Your role: you help the relative reach their own conclusions and solutions" },
        { da: "At den pårørende skal være indstillet på at kigge på egne handlinger og mønstre", en: "That the relative must be willing to look at their own actions and patterns" },
      ],
    },
    ...commonFirstConversation("pårørende"),
  ],
};

function commonFirstConversation(who: "mentee" | "pårørende") {
  return [
    {
      heading: { da: "Om forløbet", en: "The case" },
      items: [
        { da: `Hvad ${who} går ind til og kan forvente af samarbejdet`, en: "What they are entering and can expect from working together" },
        { da: "At det er et frivilligt, tidsafgrænset forløb med faste møder", en: "That it is a voluntary, time-limited case with regular meetings" },
        { da: "Hvad du kan hjælpe med — og hvad du ikke kan hjælpe med", en: "What you can help with — and what you cannot" },
      ],
    },
    {
      heading: { da: "Om dig selv", en: "About yourself" },
      items: [
        { da: "Hvorfor netop du er mentor/pårørendecoach, og hvad du håber der kommer ud af forløbet", en: "Why you are the mentor/relative coach, and what you hope will come of the case" },
      ],
    },
    {
      heading: { da: `Om ${who}`, en: "About them" },
      items: [
        { da: `Hvad er ${who}s bedste håb for forløbet?`, en: "What are their best hopes for the case?" },
        { da: "Hvilken forskel vil det gøre, hvis de bedste håb lykkes?", en: "What difference will it make if their best hopes come true?" },
      ],
    },
    {
      heading: { da: "Fælles forventningsafstemning og praktiske aftaler", en: "Mutual expectations and practical agreements" },
      items: [
        { da: "Kan I begge forpligte jer til et samarbejde?", en: "Can you both commit to working together?" },
        { da: "Hvor tit og hvor mødes I?", en: "How often and where do you meet?" },
        { da: "Hvordan kommunikerer I, og hvordan aflyser I aftaler?", en: "How do you communicate, and how do you cancel?" },
      ],
    },
  ];
}

/** The closing dialogue with the citizen (001 §5.3). */
export const CLOSING_QUESTIONS: readonly Text[] = [
  { da: "Hvordan er det gået i forhold til de mål, du har haft?", en: "How has it gone with the goals you have had?" },
  { da: "Hvad er du lykkedes med at gøre, som har fået det til at ske?", en: "What have you managed to do that made it happen?" },
  { da: "Hvordan har du været i stand til det?", en: "How were you able to do that?" },
  { da: "Hvad har det krævet af dig?", en: "What has it required of you?" },
  { da: "Hvem og hvad har været den største hjælp?", en: "Who and what has been the greatest help?" },
  {
    da: "Hvad har jeg som mentor/pårørendecoach set, at du har gennemført eller klaret godt?",
    en: "What have I, as mentor/relative coach, seen you accomplish or handle well?",
  },
];

/** What to make clear at the end (001 §5.3). */
export const CLOSING_MAKE_CLEAR: readonly Text[] = [
  { da: "Hvad skal der ske herfra? Er der andre professionelle, som fortsat har kontakt?", en: "What happens from here? Will other professionals stay in contact?" },
  { da: "Må borgeren kontakte dig igen — i hvilke tilfælde og hvordan?", en: "May the citizen contact you again — when and how?" },
  { da: "Hvor kan borgeren få hjælp, hvis behovet opstår?", en: "Where can the citizen get help if the need arises?" },
];

/** The after-reflection with the coordinator and colleagues when a case is closed (001 §5.4). */
export const AFTER_REFLECTION_QUESTIONS: readonly Text[] = [
  { da: "Skete der noget særligt, som du hæfter dig ved?", en: "Did something in particular happen that stays with you?" },
  { da: "Læring om mentee/pårørende til et videre forløb?", en: "Learning about the mentee/relative for a further course?" },
  { da: "Skete der noget uventet?", en: "Did something unexpected happen?" },
  { da: "Hvordan reagerede du?", en: "How did you react?" },
  { da: "Skulle andre have været involveret?", en: "Should others have been involved?" },
  { da: "Hvad virkede godt, som vi skal gøre mere af?", en: "What worked well that we should do more of?" },
  { da: "Hvad kan vi gøre bedre næste gang?", en: "What can we do better next time?" },
];

/** "mentee/pårørende" in a question, said as the case's kind says: the mentee, or the relative. */
export function forKind(text: string, kind: "mentor" | "relativeCoach"): string {
  return text
    .replace(/mentee\/pårørende/g, kind === "mentor" ? "mentee" : "pårørende")
    .replace(/mentee\/relative/g, kind === "mentor" ? "mentee" : "relative");
}
