// Samtaleskema (001 §4.3): the citizen's own goals in their words, beside the målskema — on the case's card, in
// Mine forløb and on the preparation; refused with identifiers, every answer kept.
import { startTestApp } from "../helpers/app";
import { TeamsSession } from "../helpers/bot";
import { cardText, inputById } from "../helpers/cards";
import { addCoachWithCase } from "../helpers/seed";
import type { RunningApp } from "../../src/app";
import { DEMO } from "../../src/domain/demo";

const BO = { aadObjectId: "0000000d-0000-0000-0000-0000000000b2", name: "Bo Mentor" };
let app: RunningApp;
let bo: TeamsSession;
let caseId: string;

beforeAll(async () => {
  app = await startTestApp();
  caseId = await addCoachWithCase(app.store, { aad: BO.aadObjectId, name: BO.name, code: "ME-SKM1", goals: [{ id: "g1", text: "Komme i skole", score: 3 }] });
  bo = new TeamsSession(app.url, "http://127.0.0.1:9/", BO);
});
afterAll(() => app?.close());

test("the case's card → Samtaleskema: saved in the citizen's words, shown beside the målskema, in Mine forløb and on the preparation", async () => {
  const own = await bo.press("cases.open", { caseId });
  expect(cardText(own)).toContain("Samtaleskema (borgerens perspektiv og mål)\nIkke udfyldt endnu.");
  const form = await bo.submit(own, "form.open");
  expect(cardText(form)).toContain("Samtaleskema · ME-SKM1");
  expect(cardText(form)).toContain("Udfyldes af mentor sammen med borger"); // the case's kind, not "mentor/pårørendecoach"

  const refused = await bo.submit(form, "form.submit", { cg1: "Have en kæreste der hedder mig@example.dk", cg2: "Sove om natten" });
  expect(cardText(refused)).toContain("Svaret på »Borgerens mål 1« indeholder en e-mailadresse.");
  expect(inputById(refused, "cg2").value).toBe("Sove om natten");
  expect((await app.store.repos.entries.listForCase(DEMO.corpsId, caseId)).filter((e) => e.type === "conversationForm")).toHaveLength(0);

  const saved = await bo.submit(refused, "form.submit", { cg1: "At mor ikke er bekymret", cg2: "Sove om natten" });
  expect(cardText(saved)).toContain("✓ Samtaleskema gemt · ME-SKM1");
  expect(cardText(await bo.press("cases.open", { caseId }))).toContain("Samtaleskema (borgerens perspektiv og mål)\n- At mor ikke er bekymret\n- Sove om natten");
  expect(cardText(await bo.press("cases.list"))).toContain("- At mor ikke er bekymret");
  const prep = cardText(await bo.press("prepare.open", { caseId }));
  expect(prep).toContain("- Sove om natten");
  expect(prep).toContain("Komme i skole (3/10)"); // the målskema beside it

  // a new save replaces the form, and opens filled in with the last one
  const again = await bo.press("form.open", { caseId });
  expect(inputById(again, "cg1").value).toBe("At mor ikke er bekymret");
  await bo.submit(again, "form.submit", { cg1: "", cg2: "Sove om natten", cg3: "Have et fritidsjob" });
  expect((await app.store.repos.cases.get(DEMO.corpsId, caseId))!.doc.conversationForm?.goals).toEqual(["Sove om natten", "Have et fritidsjob"]);
});

test("the citizen's perspective, in their words, stands first on the form, the case and the preparation", async () => {
  const form = await bo.press("form.open", { caseId });
  expect(inputById(form, "perspective").label).toContain("Borgerens perspektiv");
  const refused = await bo.submit(form, "form.submit", { perspective: "Ring til mig på 22 33 44 55" });
  expect(cardText(refused)).toContain("Svaret på »Borgerens perspektiv« indeholder et telefonnummer.");
  expect(inputById(refused, "perspective").value).toBe("Ring til mig på 22 33 44 55");
  await bo.submit(refused, "form.submit", { perspective: "Vil gerne have ro derhjemme" });
  expect(cardText(await bo.press("cases.open", { caseId }))).toContain("Samtaleskema (borgerens perspektiv og mål)\n**Borgerens perspektiv:** Vil gerne have ro derhjemme\n- Sove om natten");
  expect(cardText(await bo.press("prepare.open", { caseId }))).toContain("**Borgerens perspektiv:** Vil gerne have ro derhjemme");
  // The perspective alone is a form.
  const only = await bo.press("form.open", { caseId });
  await bo.submit(only, "form.submit", { perspective: "Vil gerne have ro", cg1: "", cg2: "", cg3: "", cg4: "", cg5: "" });
  expect((await app.store.repos.cases.get(DEMO.corpsId, caseId))!.doc.conversationForm).toMatchObject({ perspective: "Vil gerne have ro", goals: [] });
});

test("an empty form is refused by name", async () => {
  const form = await bo.press("form.open", { caseId });
  const back = await bo.submit(form, "form.submit", { perspective: "", cg1: "", cg2: "", cg3: "", cg4: "", cg5: "" });
  expect(cardText(back)).toContain("»Borgerens mål 1« skal udfyldes.");
});
