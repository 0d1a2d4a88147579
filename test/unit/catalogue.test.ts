import {
  AFTER_REFLECTION_QUESTIONS,
  CATALOGUE,
  CLOSING_MAKE_CLEAR,
  CLOSING_QUESTIONS,
  CONVERSATION_FORM,
  CONVERSATION_FORM_HINT,
  FIRST_CONVERSATIONS,
  forKind,
  LOFT_QUESTIONS,
  PREPARATION_QUESTIONS,
  REFLECTION_QUESTIONS,
  ROUND_OFF,
  SAFETY_ANSWER_TEXT,
  SAFETY_ANSWERS,
  SAFETY_CHECKS,
  type Question,
} from "../../src/domain/questions";

// The lists below are copied verbatim from the domain description (shared/DOMAIN.md, "The questions", which quotes
// seed 001). The description is not in the repository (CI clones only the repo), so the texts live here.
const DOMAIN = {
  loftBasic: [
    "Hvad er dine bedste håb for det forløb, som du nu skal i gang med?",
    "Hvordan ville dit liv fremover se ud, hvis disse blev realiseret?",
    "Hvad gør du faktisk allerede, eller hvad har du tidligere gjort, som hjælper med til at disse håb bliver realiseret?",
  ],
  loftSolution: "Hvad gjorde du, som var hjælpsomt i forhold til denne (eller en anden) udfordring?",
  loftException: "Hvad gjorde du (eller andre), eller hvad skete, siden udfordringen ikke dukkede op?",
  preparation: [
    "Hvad skal lykkes i dag? Hvordan vil jeg få det til at lykkes?",
    "Hvad lykkedes i særlig grad sidste gang, jeg havde lignende samtaler og hvorfor? Hvad reagerede mentee/pårørende positivt/negativt på?",
    "Hvad skal jeg være særlig opmærksom på og/eller spørge ind til? Hvordan vil jeg håndtere dette?",
    "Har jeg selv nogen holdninger, følelser og behov, som jeg har svært ved at håndtere professionelt? Hvordan arbejder jeg med det?",
  ],
  reflection: [
    "Lykkedes jeg med det, jeg havde tænkt inden samtalen? Hvorfor/hvorfor ikke?",
    "Lyttede jeg til det, som mentee/pårørende fortalte mig?",
    "Lod jeg mentee/pårørende føre ordet, og var jeg anerkendende over for vedkommendes perspektiver? Både sprogligt og fysisk i mit kropssprog.",
    "Hvilke invitationer gav mentee/pårørende undervejs i samtalen til at åbne op for forskellige emner? Lagde jeg som mentor/pårørendecoach mærke til dem under samtalen, og hvordan forfulgte jeg dem? Kunne jeg have sagt noget andet, som havde åbnet mere op for samtalen?",
    "Hvordan var samspillet mellem os?",
    "Hvad synes jeg, at mentee/pårørende reagerede positivt på? Hvad reagerede mentee/pårørende modsat negativt på?",
    "Er jeg det rette match for denne mentee/pårørende?",
    "Er der noget, jeg har brug for hjælp til?",
  ],
  closing: [
    "Hvordan er det gået i forhold til de mål, du har haft?",
    "Hvad er du lykkedes med at gøre, som har fået det til at ske?",
    "Hvordan har du været i stand til det?",
    "Hvad har det krævet af dig?",
    "Hvem og hvad har været den største hjælp?",
    "Hvad har jeg som mentor/pårørendecoach set, at du har gennemført eller klaret godt?",
  ],
  afterReflection: [
    "Når du ser tilbage på forløbet, skete der så noget særligt, som du hæfter dig ved?",
    "Gav forløbet anledning til læring om mentee/pårørende, vi skal være opmærksomme på ved et eventuelt videre forløb eller anden indsats?",
    "Skete der noget uventet under forløbet, som du ikke var forberedt på?",
    "Hvordan reagerede du på den situation?",
    "Var der andre, vi skulle have involveret i arbejdet, fx andre fagligheder eller aktører i mentees/pårørendes netværk?",
    "Hvad virkede godt i forløbet, som vi skal gøre mere af?",
    "Hvad kan vi omvendt gøre bedre til næste gang, vi har et forløb med andre borgere i samme situation?",
  ],
};

const da = (qs: readonly Question[]) => qs.map((q) => q.da);

describe("(a) the Danish is the domain description's, word for word and in order", () => {
  test("before each conversation (001 §5.2)", () => expect(da(PREPARATION_QUESTIONS)).toEqual(DOMAIN.preparation));
  test("after each conversation (001 §5.2)", () => expect(da(REFLECTION_QUESTIONS)).toEqual(DOMAIN.reflection));
  test("LØFT (001 §4.4)", () => {
    expect(da(LOFT_QUESTIONS.basic)).toEqual(DOMAIN.loftBasic);
    expect(LOFT_QUESTIONS.solution.da).toBe(DOMAIN.loftSolution);
    expect(LOFT_QUESTIONS.exception.da).toBe(DOMAIN.loftException);
  });
  test("closing dialogue (001 §5.3)", () => expect(da(CLOSING_QUESTIONS)).toEqual(DOMAIN.closing));
  test("after-reflection (001 §5.4)", () => expect(da(AFTER_REFLECTION_QUESTIONS)).toEqual(DOMAIN.afterReflection));
});

describe("(b) every entry of the catalogue is traceable and translated", () => {
  const SOURCE = /^00[0-4] (§\d+(\.\d+)*|Trin \d)$/;

  test.each(CATALOGUE.map((q) => [q.source, q.da, q] as const))("%s: %s", (_source, _da, q) => {
    expect(q.source).toMatch(SOURCE);
    expect(q.da.trim()).not.toBe("");
    expect(q.en.trim()).not.toBe("");
  });

  test("sources name the right seed sections", () => {
    expect(new Set(Object.values(SAFETY_CHECKS).map((q) => q.source))).toEqual(new Set(["004 Trin 2"]));
    expect(ROUND_OFF.agreements.source).toBe("004 Trin 4");
    expect(ROUND_OFF.lifeline.source).toBe("004 Trin 4");
    expect(CONVERSATION_FORM.source).toBe("001 §4.3");
    expect(CONVERSATION_FORM_HINT.source).toBe("001 §4.3");
    expect(new Set([...LOFT_QUESTIONS.basic, LOFT_QUESTIONS.solution, LOFT_QUESTIONS.exception].map((q) => q.source))).toEqual(new Set(["001 §4.4"]));
    expect(new Set([...PREPARATION_QUESTIONS, ...REFLECTION_QUESTIONS].map((q) => q.source))).toEqual(new Set(["001 §5.2"]));
    expect(new Set([...CLOSING_QUESTIONS, ...CLOSING_MAKE_CLEAR].map((q) => q.source))).toEqual(new Set(["001 §5.3"]));
    expect(new Set(AFTER_REFLECTION_QUESTIONS.map((q) => q.source))).toEqual(new Set(["001 §5.4"]));
    const first = [...FIRST_CONVERSATIONS.mentor, ...FIRST_CONVERSATIONS.relativeCoach].flatMap((g) => [g.heading, ...g.items]);
    expect(new Set(first.map((q) => q.source))).toEqual(new Set(["001 §5.1"]));
  });

  test("safety answers are Ja / Nej / Ikke relevant", () => {
    expect(SAFETY_ANSWERS.map((a) => SAFETY_ANSWER_TEXT[a].da)).toEqual(["Ja", "Nej", "Ikke relevant"]);
    expect(SAFETY_ANSWERS.map((a) => SAFETY_ANSWER_TEXT[a].en)).toEqual(["Yes", "No", "Not relevant"]);
    expect(Object.keys(SAFETY_CHECKS).sort()).toEqual(["assumptions", "place", "risk", "roles"]);
  });
});

describe("(c) forKind says the placeholders as the case's kind says", () => {
  const PLACEHOLDER_DA = /mentees?\/pårørendes?|mentor\/pårørendecoach/;
  const PLACEHOLDER_EN = /mentee\/relative|mentor\/relative coach/;
  const withPlaceholder = CATALOGUE.filter((q) => PLACEHOLDER_DA.test(q.da));

  test("the catalogue has placeholders to test, in Danish and English alike", () => {
    expect(withPlaceholder.length).toBe(10); // 001 §5.2 (1 + 5), §4.3 hint, §5.3, §5.4 (2)
    for (const q of withPlaceholder) expect(q.en).toMatch(PLACEHOLDER_EN);
  });

  test.each(withPlaceholder.map((q) => [q.da, q] as const))("%s", (_da, q) => {
    const mentor = forKind(q.da, "mentor");
    expect(mentor).not.toContain("/pårørende");
    expect(mentor).not.toContain("mentee/");
    expect(mentor).not.toContain("mentor/");
    const coach = forKind(q.da, "relativeCoach");
    expect(coach).not.toContain("mentee");
    expect(coach).not.toContain("mentor/");
    expect(forKind(q.en, "mentor")).not.toMatch(/\/relative|mentee\//);
    expect(forKind(q.en, "relativeCoach")).not.toMatch(/mentee|mentor\//);
  });

  test("exact wording for each kind", () => {
    const q4 = REFLECTION_QUESTIONS[3];
    expect(forKind(q4.da, "mentor")).toBe(
      "Hvilke invitationer gav mentee undervejs i samtalen til at åbne op for forskellige emner? Lagde jeg som mentor mærke til dem under samtalen, og hvordan forfulgte jeg dem? Kunne jeg have sagt noget andet, som havde åbnet mere op for samtalen?",
    );
    expect(forKind(q4.da, "relativeCoach")).toBe(
      "Hvilke invitationer gav pårørende undervejs i samtalen til at åbne op for forskellige emner? Lagde jeg som pårørendecoach mærke til dem under samtalen, og hvordan forfulgte jeg dem? Kunne jeg have sagt noget andet, som havde åbnet mere op for samtalen?",
    );
    expect(forKind(q4.en, "mentor")).toContain("Did I, as mentor, notice");
    expect(forKind(q4.en, "relativeCoach")).toContain("Did I, as relative coach, notice");
    expect(forKind("i mentees/pårørendes netværk", "mentor")).toBe("i mentees netværk");
    expect(forKind("i mentees/pårørendes netværk", "relativeCoach")).toBe("i pårørendes netværk");
    expect(forKind("the mentee/relative", "relativeCoach")).toBe("the relative");
    expect(forKind("Er jeg det rette match for denne mentee/pårørende?", "mentor")).toBe("Er jeg det rette match for denne mentee?");
    expect(forKind("ingen pladsholder", "relativeCoach")).toBe("ingen pladsholder");
  });

  test("the first-conversation checklists are written per kind and need no forKind", () => {
    for (const kind of ["mentor", "relativeCoach"] as const) {
      for (const q of FIRST_CONVERSATIONS[kind].flatMap((g) => [g.heading, ...g.items])) {
        expect(q.da).not.toMatch(PLACEHOLDER_DA);
        expect(q.en).not.toMatch(PLACEHOLDER_EN);
      }
    }
    const coachText = FIRST_CONVERSATIONS.relativeCoach.flatMap((g) => [g.heading, ...g.items]).map((q) => q.da).join("\n");
    expect(coachText).not.toMatch(/mentee|mentor/);
  });
});

describe("(d) the first-conversation checklist holds what the seed names (001 §5.1)", () => {
  const text = (kind: "mentor" | "relativeCoach") =>
    FIRST_CONVERSATIONS[kind].flatMap((g) => [g.heading, ...g.items]).map((q) => q.da).join("\n");

  test.each(["mentor", "relativeCoach"] as const)("%s", (kind) => {
    const t = text(kind);
    expect(t).toContain("Om formålet med dagens samtale");
    expect(t).toContain("konkret adfærd");
    expect(t).toMatch(/det giver mening med et (mentor)?forløb/);
    expect(t).toContain("Hvad er intentionen med mødet og med forløbet?");
    expect(t).toContain("hvor lang tid samtalen varer");
    expect(t).toContain("Hvem skal mere vide noget om det, vi taler om?");
    expect(t).toContain("egne konklusioner og løsninger");
    expect(t).toContain("Om forløbet");
    expect(t).toContain("tidsafgrænset forløb med faste møder");
    expect(t).toContain("Hvad kan du hjælpe med? Er der noget, du ikke kan hjælpe med?");
    expect(t).not.toContain("Hvad du kan hjælpe du med");
    expect(t).toContain("Om dig selv og hvorfor du er");
    expect(t).toContain("bedste håb");
    expect(t).toContain("hvilken forskel");
    expect(t).toContain("vise sig");
    expect(t).toContain("Fælles forventningsafstemning");
    expect(t).toContain("Formålet med forløbet.");
    expect(t).toContain("forpligte jer til et samarbejde");
    expect(t).toContain("Praktiske aftaler");
    for (const item of ["Hvor tit skal I mødes?", "Hvor mødes I henne?", "Hvordan kommunikerer I sammen?", "Hvordan aflyser I aftaler?"]) {
      expect(t).toContain(item);
    }
  });

  test("the kinds differ as the seed says", () => {
    const mentor = text("mentor");
    const coach = text("relativeCoach");
    expect(mentor).toContain("bekymret for mentee");
    expect(mentor).toContain("om både du og mentee synes, det giver mening med et mentorforløb");
    expect(mentor).toContain("Hvor i dit liv vil det vise sig?");
    expect(mentor).toContain("Om dig selv og hvorfor du er mentor");
    expect(mentor).toContain("Om mentee");
    expect(coach).toContain("bekymrede for barnet/den unge");
    expect(coach).toContain("om den pårørende synes, det giver mening med et forløb");
    expect(coach).toContain("Hvad er intentionen med mødet og med forløbet? Som coach skal du sikre tydelig afklaring for alle.");
    expect(coach).toContain("Forestil dig, at forandringen sker hos dit barn");
    expect(coach).toContain("At den pårørende skal være indstillet på at kigge på egne handlinger og mønstre.");
    expect(coach).toContain("Om dig selv og hvorfor du er pårørendecoach");
    expect(coach).toContain("Om pårørende");
    expect(mentor).not.toContain("Som coach skal du");
    expect(mentor).not.toContain("dit barn");
  });

  test("every group has a heading and items, in the seed's order", () => {
    const headings = (kind: "mentor" | "relativeCoach") => FIRST_CONVERSATIONS[kind].map((g) => g.heading.da);
    expect(headings("mentor")).toEqual([
      "Om formålet med dagens samtale",
      "Om forløbet",
      "Om dig selv og hvorfor du er mentor",
      "Om mentee",
      "Fælles forventningsafstemning",
      "Praktiske aftaler",
    ]);
    expect(headings("relativeCoach")).toEqual([
      "Om formålet med dagens samtale",
      "Om forløbet",
      "Om dig selv og hvorfor du er pårørendecoach",
      "Om pårørende",
      "Fælles forventningsafstemning",
      "Praktiske aftaler",
    ]);
    for (const kind of ["mentor", "relativeCoach"] as const) {
      for (const g of FIRST_CONVERSATIONS[kind]) expect(g.items.length).toBeGreaterThan(0);
    }
  });
});
